package dev.demoportal.usage;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.usage.HolderReport.CustomerRow;
import dev.demoportal.usage.HolderReport.HolderEnvironmentRow;
import dev.demoportal.usage.HolderReport.HolderRow;
import dev.demoportal.usage.UsageQueries.DayRow;
import dev.demoportal.usage.UsageQueries.Env;
import dev.demoportal.usage.UsageQueries.HeldRow;
import dev.demoportal.usage.Utilisation.EnvironmentDay;
import dev.demoportal.usage.Utilisation.EnvironmentTotal;
import dev.demoportal.usage.Utilisation.HeatCell;
import dev.demoportal.usage.Utilisation.Outcomes;
import dev.demoportal.usage.Utilisation.RegionDay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The numbers behind the manager dashboards and the usage API: one method per dashboard, each
 * returning everything that dashboard draws, so the charts, the tables, the CSV exports and the
 * JSON for BI tools cannot disagree. Read-only; the rollup it reads is kept by {@link #refreshRollup()}.
 */
@Service
@Transactional(readOnly = true)
public class UsageService {

    private final UsageQueries queries;
    private final UsageProperties properties;
    private final Clock clock;

    UsageService(UsageQueries queries, UsageProperties properties, Clock clock) {
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
    }

    /** Booked against available slot-hours by environment, region and day; the weekday × hour heatmap; no-shows; waitlists. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public Utilisation utilisation(UsageFilter filter) {
        check(filter);
        queries.planForDashboards();
        List<Env> envs = queries.environments(filter.region(), filter.environment());
        UsageQueries.EnvironmentDays found = queries.environmentDays(envs, filter.from(), filter.to());
        List<DayRow> rows = byDayRegionName(envs, found.rows());

        List<EnvironmentDay> days = rows.stream()
                .map(r -> new EnvironmentDay(
                        r.day(),
                        r.env().id(),
                        r.env().slug(),
                        r.env().name(),
                        r.env().region(),
                        r.slots(),
                        hours(r.slotSeconds()),
                        hours(r.bookedSeconds()),
                        r.bookingsStarted(),
                        r.noShows()))
                .toList();

        Map<String, long[]> perEnvironment = new LinkedHashMap<>();
        // rows are in day, region order, so insertion order is the order of the answer
        Map<RegionDayKey, long[]> perRegionDay = new LinkedHashMap<>();
        long started = 0;
        long noShows = 0;
        // the rolled-up days' share comes summed from the database; live days are added here
        double[][] heatBooked = new double[7][24];
        double[][] heatAvailable = new double[7][24];
        for (int cell = 0; cell < 168; cell++) {
            heatBooked[cell / 24][cell % 24] = found.heatBooked()[cell];
            heatAvailable[cell / 24][cell % 24] = found.heatAvailable()[cell];
        }
        Map<String, int[]> hourLengths = new java.util.HashMap<>();
        for (DayRow r : rows) {
            add(perEnvironment, r.env().slug(), r);
            add(perRegionDay, new RegionDayKey(r.day(), r.env().region()), r);
            started += r.bookingsStarted();
            noShows += r.noShows();
            int weekday = r.day().getDayOfWeek().getValue() - 1;
            int[] booked = r.hourSeconds();
            if (booked != null) {
                for (int h = 0; h < 24; h++) {
                    heatBooked[weekday][h] += booked[h];
                }
            }
            if (found.availableSummed(r)) {
                continue;
            }
            int[] lengths = hourLengths.computeIfAbsent(
                    r.env().timeZone() + "|" + r.day(),
                    k -> hourLengths(r.day(), ZoneId.of(r.env().timeZone())));
            for (int h = 0; h < 24; h++) {
                heatAvailable[weekday][h] += (double) r.slots() * lengths[h];
            }
        }
        List<EnvironmentTotal> environments = new ArrayList<>();
        Map<String, Env> envBySlug = new LinkedHashMap<>();
        envs.forEach(e -> envBySlug.put(e.slug(), e));
        perEnvironment.forEach((slug, t) -> {
            Env e = envBySlug.get(slug);
            environments.add(new EnvironmentTotal(
                    slug, e.name(), e.region(), hours(t[0]), hours(t[1]), UsageQueries.ratio(t[1], t[0])));
        });
        List<RegionDay> regions = new ArrayList<>();
        perRegionDay.forEach((key, t) -> {
            regions.add(
                    new RegionDay(key.day(), key.region(), hours(t[0]), hours(t[1]), UsageQueries.ratio(t[1], t[0])));
        });
        List<HeatCell> heatmap = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < 24; h++) {
                double booked = heatBooked[d][h];
                double available = heatAvailable[d][h];
                heatmap.add(new HeatCell(
                        d + 1,
                        h,
                        hours(booked),
                        hours(available),
                        available == 0 ? 0 : UsageQueries.round(booked / available)));
            }
        }
        return new Utilisation(
                filter,
                days,
                environments,
                regions,
                heatmap,
                new Outcomes(started, noShows, UsageQueries.ratio(noShows, started)),
                queries.waitlist(envs, filter.from(), filter.to()));
    }

    /** Hours held per person, per customer, and per person and environment. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public HolderReport holders(UsageFilter filter) {
        check(filter);
        queries.planForDashboards();
        UsageQueries.HolderTotals held = queries.held(
                queries.environments(filter.region(), filter.environment()),
                filter.from(),
                filter.to(),
                filter.holder(),
                filter.customer());
        return holderReport(filter, held);
    }

    /** Checks a filter as the dashboards do, so a streamed export can fail before its first byte. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public UsageFilter checked(UsageFilter filter) {
        check(filter);
        return filter;
    }

    /** Every booking in the range with the hours of it inside the range, in start order, streamed to {@code sink}. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public void exportBookings(UsageFilter filter, Consumer<BookingRecord> sink) {
        check(filter);
        queries.planForDashboards();
        queries.bookings(
                queries.environments(filter.region(), filter.environment()),
                filter.from(),
                filter.to(),
                filter.holder(),
                filter.customer(),
                sink);
    }

    /** The sandbox funnel, active count per day, the three timings, failure rates per step and the extension rate. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public SandboxReport sandboxes(UsageFilter filter) {
        check(filter);
        queries.planForDashboards();
        UsageQueries.SandboxTotals totals = queries.sandboxTotals(filter);
        return new SandboxReport(
                filter,
                totals.funnel(),
                queries.activeSandboxes(filter),
                totals.lead(),
                totals.approval(),
                totals.provisioning(),
                queries.stepFailures(filter),
                UsageQueries.ratio(totals.funnel().extended(), totals.funnel().ready()));
    }

    /** Slots held now, sandboxes expiring in the next 24 hours, jobs that failed in the last 7 days. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public NowSnapshot now(UsageFilter filter) {
        checkNames(filter);
        queries.planForDashboards();
        Instant now = clock.instant();
        return new NowSnapshot(
                now,
                queries.heldAt(queries.environments(filter.region(), filter.environment()), now),
                queries.expiring(filter, now, now.plus(Duration.ofHours(24))),
                queries.failedJobs(filter, now.minus(Duration.ofDays(7))));
    }

    /** The signed-in person's own bookings in the range: never anyone else's, whatever their role. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public PersonalUsage mine(LocalDate from, LocalDate to) {
        UsageFilter filter = UsageFilter.of(from, to);
        check(filter);
        queries.planForDashboards();
        UUID me = CurrentActor.userId()
                .orElseThrow(() -> new NotFound("user.not_found", "You are not signed in as a portal user."));
        HolderReport report = holderReport(filter, queries.held(queries.environments(null, null), from, to, me, null));
        long bookings = report.holders().stream().mapToLong(HolderRow::bookings).sum();
        double hours = report.holders().stream().mapToDouble(HolderRow::hours).sum();
        long noShows = report.holders().stream().mapToLong(HolderRow::noShows).sum();
        return new PersonalUsage(
                from, to, bookings, UsageQueries.round(hours), noShows, report.byEnvironment(), report.customers());
    }

    /** What the filters can choose from. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public FilterOptions options() {
        return queries.options();
    }

    /**
     * Rolls closed days into the daily rollup, at most {@code portal.usage.rollup-batch-days} per
     * environment; returns the number of environment-days written. Run by the worker.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public int refreshRollup() {
        return queries.refreshRollup(clock.instant(), properties.rollupBatchDays());
    }

    /** The same, without the batch limit: for bulk loads and tests. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public int refreshRollupCompletely() {
        return queries.refreshRollup(clock.instant(), Integer.MAX_VALUE / 2);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static HolderReport holderReport(UsageFilter filter, UsageQueries.HolderTotals held) {
        // per holder: bookings, seconds, no-shows, summed over the holder's environments
        Map<UUID, long[]> counts = new LinkedHashMap<>();
        Map<UUID, double[]> seconds = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (HeldRow r : held.byEnvironment()) {
            long[] c = counts.computeIfAbsent(r.holderId(), k -> new long[2]);
            c[0] += r.bookings();
            c[1] += r.noShows();
            seconds.computeIfAbsent(r.holderId(), k -> new double[1])[0] += r.seconds();
            names.put(r.holderId(), r.holder());
        }
        List<HolderRow> holderRows = counts.entrySet().stream()
                .map(e -> new HolderRow(
                        e.getKey(),
                        names.get(e.getKey()),
                        e.getValue()[0],
                        hours(seconds.get(e.getKey())[0]),
                        e.getValue()[1]))
                .sorted(Comparator.comparingDouble(HolderRow::hours).reversed().thenComparing(HolderRow::holder))
                .toList();
        List<CustomerRow> customerRows = held.customers().stream()
                .map(c -> new CustomerRow(c.customer(), c.bookings(), hours(c.seconds()), c.holders()))
                .sorted(Comparator.comparingDouble(CustomerRow::hours)
                        .reversed()
                        .thenComparing(CustomerRow::customer))
                .toList();
        List<HolderEnvironmentRow> environmentRows = held.byEnvironment().stream()
                .map(r -> new HolderEnvironmentRow(
                        r.holderId(),
                        r.holder(),
                        r.env().slug(),
                        r.env().name(),
                        r.env().region(),
                        r.bookings(),
                        hours(r.seconds())))
                .sorted(Comparator.comparing(HolderEnvironmentRow::holder)
                        .thenComparing(Comparator.comparingDouble(HolderEnvironmentRow::hours)
                                .reversed()))
                .toList();
        return new HolderReport(filter, holderRows, customerRows, environmentRows);
    }

    private void check(UsageFilter filter) {
        List<FieldError> errors = new ArrayList<>();
        if (filter.from() == null) {
            errors.add(new FieldError("from", "Give the first day (YYYY-MM-DD)"));
        }
        if (filter.to() == null) {
            errors.add(new FieldError("to", "Give the last day (YYYY-MM-DD)"));
        }
        if (errors.isEmpty() && filter.to().isBefore(filter.from())) {
            errors.add(new FieldError("to", "The last day cannot be before the first"));
        } else if (errors.isEmpty() && filter.days() > UsageFilter.MAX_DAYS) {
            errors.add(new FieldError("to", "Choose at most " + UsageFilter.MAX_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        checkNames(filter);
    }

    private void checkNames(UsageFilter filter) {
        List<FieldError> errors = new ArrayList<>();
        if (filter.region() != null && !queries.regionExists(filter.region())) {
            errors.add(new FieldError("region", "No region '" + filter.region() + "'"));
        }
        if (filter.environment() != null && !queries.environmentExists(filter.environment())) {
            errors.add(new FieldError("environment", "No environment '" + filter.environment() + "'"));
        }
        if (filter.template() != null && !queries.templateExists(filter.template())) {
            errors.add(new FieldError("template", "No template '" + filter.template() + "'"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    private record RegionDayKey(LocalDate day, String region) {}

    /**
     * The rows by day, region and environment name: a sort on one primitive key (two years of 120
     * environments are 87,600 rows; a comparator chain on them cost more than reading them).
     */
    private static List<DayRow> byDayRegionName(List<Env> envs, List<DayRow> rows) {
        List<Env> ordered = envs.stream()
                .sorted(Comparator.comparing(Env::region).thenComparing(Env::name))
                .toList();
        Map<UUID, Integer> rank = new java.util.HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            rank.put(ordered.get(i).id(), i);
        }
        long[] keys = new long[rows.size()];
        for (int i = 0; i < keys.length; i++) {
            DayRow r = rows.get(i);
            // epoch day (< 2^20 until the year 4840), environment rank (< 2^20), row index (< 2^23)
            keys[i] = ((r.day().toEpochDay() << 20 | rank.get(r.env().id())) << 23) | i;
        }
        java.util.Arrays.sort(keys);
        List<DayRow> sorted = new ArrayList<>(keys.length);
        for (long key : keys) {
            sorted.add(rows.get((int) (key & ((1 << 23) - 1))));
        }
        return sorted;
    }

    private static <K> void add(Map<K, long[]> totals, K key, DayRow r) {
        long[] t = totals.computeIfAbsent(key, k -> new long[2]);
        t[0] += r.slotSeconds();
        t[1] += r.bookedSeconds();
    }

    /** The seconds each local hour of {@code day} lasted in {@code zone}: 0 for a skipped hour, 7200 for a repeated one. */
    private static int[] hourLengths(LocalDate day, ZoneId zone) {
        int[] seconds = new int[24];
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant t = day.atStartOfDay(zone).toInstant();
        while (t.isBefore(end)) {
            Instant next = t.plus(Duration.ofHours(1));
            seconds[t.atZone(zone).getHour()] +=
                    (int) Duration.between(t, next.isAfter(end) ? end : next).toSeconds();
            t = next;
        }
        return seconds;
    }

    private static double hours(double seconds) {
        return UsageQueries.round(seconds / 3600);
    }
}
