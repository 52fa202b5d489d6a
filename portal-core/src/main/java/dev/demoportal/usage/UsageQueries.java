package dev.demoportal.usage;

import dev.demoportal.usage.FilterOptions.Option;
import dev.demoportal.usage.NowSnapshot.Expiring;
import dev.demoportal.usage.NowSnapshot.FailedJob;
import dev.demoportal.usage.NowSnapshot.Held;
import dev.demoportal.usage.SandboxReport.ActiveDay;
import dev.demoportal.usage.SandboxReport.Funnel;
import dev.demoportal.usage.SandboxReport.StepFailures;
import dev.demoportal.usage.SandboxReport.Timing;
import dev.demoportal.usage.Utilisation.Waitlist;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SQL of the dashboards. Plain JDBC: these are aggregates over many rows, not entities. Day
 * ranges are local days of each row's region; the index-friendly bounds are a UTC window wider by
 * more than any zone's offset, then each row is checked against its own zone.
 */
@Component
class UsageQueries {

    /** Wider than any UTC offset (−12:00 … +14:00). */
    private static final Duration ZONE_MARGIN = Duration.ofHours(15);

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    UsageQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        // with a fetch size inside a transaction, PostgreSQL's driver reads through a cursor
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1000);
    }

    /** One environment as the filters resolved it. */
    record Env(UUID id, String slug, String name, String region, String timeZone) {}

    /**
     * A day row of the rollup or of the live computation, with its environment. {@code hourSeconds}
     * (booked seconds per local hour) is there for live rows only: the rolled-up days' share of the
     * heatmap comes summed from the database ({@link EnvironmentDays}).
     */
    record DayRow(
            Env env,
            LocalDate day,
            int slots,
            long slotSeconds,
            long bookedSeconds,
            int @Nullable [] hourSeconds,
            int bookingsStarted,
            int noShows) {}

    /**
     * The environment-days of a range, and the rolled-up days' share of the weekday × hour heatmap:
     * booked seconds of every rolled-up day, available seconds of the whole months between
     * {@code monthsFrom} and {@code monthsTo} (both first days; none if {@code monthsFrom} is after
     * {@code monthsTo}). Cells are {@code (ISO weekday - 1) * 24 + hour}.
     */
    record EnvironmentDays(
            List<DayRow> rows, long[] heatBooked, long[] heatAvailable, LocalDate monthsFrom, LocalDate monthsTo) {

        /** Whether the heatmap's available seconds of this row are in {@link #heatAvailable()}. */
        boolean availableSummed(DayRow row) {
            if (row.hourSeconds() != null) {
                return false;
            }
            LocalDate month = row.day().withDayOfMonth(1);
            return !month.isBefore(monthsFrom) && !month.isAfter(monthsTo);
        }
    }

    /** Booked time of one holder on one environment, all customers together. */
    record HeldRow(UUID holderId, String holder, Env env, long bookings, double seconds, long noShows) {}

    /** Booked time for one customer, with the number of different holders who booked it. */
    record CustomerHeld(String customer, long bookings, double seconds, long holders) {}

    /** The holders' dashboard as two aggregates: per holder and environment, and per customer. */
    record HolderTotals(List<HeldRow> byEnvironment, List<CustomerHeld> customers) {}

    /**
     * Plans the caller's transaction for dashboard queries. JIT off: the split into hours is planned
     * with rough row estimates (series over times), which makes JIT compile for about a second on
     * queries that run in tens of milliseconds. A plan per call: these are prepared statements, and
     * after five calls PostgreSQL may switch to a generic plan that cannot see the range; for a
     * two-year window it guessed 16 waitlist entries of 38,000 and joined them in nested loops
     * (1.7 s instead of 60 ms). Planning each call costs a few milliseconds (docs/benchmarks.md,
     * "Dashboards").
     */
    void planForDashboards() {
        // one round trip for both settings (set_config with is_local = true is SET LOCAL)
        jdbc.queryForMap(
                "select set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)");
    }

    // ---- filters ---------------------------------------------------------------------------------

    boolean regionExists(String code) {
        return exists("select count(*) from region where code = ?", code);
    }

    boolean environmentExists(String slug) {
        return exists("select count(*) from shared_environment where slug = ?", slug);
    }

    boolean templateExists(String slug) {
        return exists("select count(*) from sandbox_template where slug = ?", slug);
    }

    private boolean exists(String sql, Object arg) {
        Long n = jdbc.queryForObject(sql, Long.class, arg);
        return n != null && n > 0;
    }

    List<Env> environments(@Nullable String region, @Nullable String environment) {
        StringBuilder sql = new StringBuilder("""
                select e.id, e.slug, e.name, e.region_code, r.time_zone
                from shared_environment e join region r on r.code = e.region_code where true""");
        List<Object> args = new ArrayList<>();
        if (region != null) {
            sql.append(" and e.region_code = ?");
            args.add(region);
        }
        if (environment != null) {
            sql.append(" and e.slug = ?");
            args.add(environment);
        }
        sql.append(" order by e.region_code, e.name");
        return jdbc.query(
                sql.toString(),
                (rs, i) -> new Env(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)),
                args.toArray());
    }

    FilterOptions options() {
        List<Option> regions = jdbc.query("select code, name from region order by name", UsageQueries::option);
        List<Option> environments = jdbc.query("""
                select e.slug, e.name || ' (' || r.name || ')' from shared_environment e
                join region r on r.code = e.region_code order by r.name, e.name""", UsageQueries::option);
        List<Option> holders = jdbc.query("""
                select id::text, display_name from portal_user
                where roles && array['FIELD_ENGINEER', 'MANAGER', 'ADMIN']::text[] order by display_name""", UsageQueries::option);
        List<Option> organisations =
                jdbc.query("select id::text, name from organisation order by name", UsageQueries::option);
        List<Option> templates =
                jdbc.query("select slug, name from sandbox_template order by name", UsageQueries::option);
        return new FilterOptions(regions, environments, holders, organisations, templates);
    }

    private static Option option(ResultSet rs, int row) throws SQLException {
        return new Option(rs.getString(1), rs.getString(2));
    }

    // ---- utilisation -----------------------------------------------------------------------------

    /**
     * Environment-days from the rollup where it reaches, computed live after it (the open day,
     * future reservations, and anything the rollup has not caught up with yet). The rolled-up
     * days' heatmap is summed in the database: whole months from the monthly rollup, the days of
     * the partial months at the range's edges from the daily one (ADR 0039).
     */
    EnvironmentDays environmentDays(List<Env> envs, LocalDate from, LocalDate to) {
        long[] heatBooked = new long[168];
        long[] heatAvailable = new long[168];
        if (envs.isEmpty()) {
            return new EnvironmentDays(List.of(), heatBooked, heatAvailable, to, from);
        }
        String[] ids = ids(envs);
        // the first day not rolled up for every selected environment (an environment never rolled
        // up counts from the day before it was created: there is nothing earlier to roll up)
        LocalDate cut = jdbc.queryForObject("""
                select min(coalesce(w.rolled_up_until, (e.created_at at time zone r.time_zone)::date - 1)) + 1
                from shared_environment e join region r on r.code = e.region_code
                left join usage_rollup_watermark w on w.environment_id = e.id
                where e.id = any (cast(? as uuid[]))""", LocalDate.class, (Object) ids);
        LocalDate liveFrom = cut == null || cut.isBefore(from) ? from : cut;
        LocalDate rolledTo = liveFrom.isAfter(to) ? to : liveFrom.minusDays(1);
        // whole months inside [from, rolledTo]
        LocalDate monthsFrom =
                from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate monthsTo = rolledTo.plusDays(1).withDayOfMonth(1).minusMonths(1);
        var byId = new java.util.HashMap<UUID, Env>();
        envs.forEach(e -> byId.put(e.id(), e));
        List<DayRow> rows = new ArrayList<>();
        if (!rolledTo.isBefore(from)) {
            rows.addAll(jdbc.query(
                    """
                    select environment_id, day, slots, slot_seconds, booked_seconds, bookings_started, no_shows
                    from usage_environment_day
                    where environment_id = any (cast(? as uuid[])) and day between ? and ?""",
                    (rs, i) -> new DayRow(
                            byId.get(rs.getObject(1, UUID.class)),
                            rs.getObject(2, LocalDate.class),
                            rs.getInt(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            null,
                            rs.getInt(6),
                            rs.getInt(7)),
                    ids,
                    from,
                    rolledTo));
            // sums of subscripts, not unnest: a few hundred thousand array elements for two years
            jdbc.query(
                    MONTH_HEAT,
                    rs -> {
                        for (int cell = 0; cell < 168; cell++) {
                            heatBooked[cell] = rs.getLong(1 + cell);
                            heatAvailable[cell] = rs.getLong(169 + cell);
                        }
                    },
                    ids,
                    monthsFrom,
                    monthsTo);
            jdbc.query(
                    EDGE_DAY_HEAT,
                    rs -> {
                        int weekday = rs.getInt(1) - 1;
                        for (int h = 0; h < 24; h++) {
                            heatBooked[weekday * 24 + h] += rs.getLong(2 + h);
                        }
                    },
                    ids,
                    from,
                    rolledTo,
                    // no whole month: monthsTo is before monthsFrom, so this excludes nothing
                    monthsFrom,
                    monthsTo.plusMonths(1).minusDays(1));
        }
        if (!liveFrom.isAfter(to)) {
            rows.addAll(jdbc.query("""
                    select environment_id, day, slots, slot_seconds, booked_seconds, hour_seconds, bookings_started,
                           no_shows
                    from usage_environment_days(cast(? as uuid[]), ?, ?)""", (rs, i) -> dayRow(rs, byId), ids, liveFrom, to));
        }
        return new EnvironmentDays(rows, heatBooked, heatAvailable, monthsFrom, monthsTo);
    }

    /** The heatmap of whole months: booked then available seconds of the 168 cells (0 without rows). */
    private static final String MONTH_HEAT = "select "
            + IntStream.rangeClosed(1, 168)
                    .mapToObj(i -> "coalesce(sum(heat_booked[" + i + "]), 0)")
                    .collect(Collectors.joining(", "))
            + ", "
            + IntStream.rangeClosed(1, 168)
                    .mapToObj(i -> "coalesce(sum(heat_available[" + i + "]), 0)")
                    .collect(Collectors.joining(", "))
            + " from usage_environment_month where environment_id = any (cast(? as uuid[])) and month between ? and ?";

    /** Booked seconds per ISO weekday and local hour of the rolled-up days outside the whole months. */
    private static final String EDGE_DAY_HEAT = "select extract(isodow from day)::integer, "
            + IntStream.rangeClosed(1, 24)
                    .mapToObj(i -> "sum(hour_seconds[" + i + "])")
                    .collect(Collectors.joining(", "))
            + " from usage_environment_day where environment_id = any (cast(? as uuid[])) and day between ? and ?"
            + " and not (day between ? and ?) group by 1";

    private static DayRow dayRow(ResultSet rs, java.util.Map<UUID, Env> envs) throws SQLException {
        Integer[] hours = (Integer[]) rs.getArray("hour_seconds").getArray();
        int[] hourSeconds = new int[24];
        for (int h = 0; h < 24; h++) {
            hourSeconds[h] = hours[h];
        }
        return new DayRow(
                envs.get(rs.getObject("environment_id", UUID.class)),
                rs.getObject("day", LocalDate.class),
                rs.getInt("slots"),
                rs.getLong("slot_seconds"),
                rs.getLong("booked_seconds"),
                hourSeconds,
                rs.getInt("bookings_started"),
                rs.getInt("no_shows"));
    }

    Waitlist waitlist(List<Env> envs, LocalDate from, LocalDate to) {
        if (envs.isEmpty()) {
            return new Waitlist(0, 0, 0, 0, null, null);
        }
        String[] ids = ids(envs);
        Waitlist joined = jdbc.queryForObject(
                """
                select count(*), count(*) filter (where w.status = 'GRANTED'),
                       count(*) filter (where w.status in ('LEFT', 'LAPSED')),
                       percentile_cont(0.5) within group (order by extract(epoch from w.booking_created_at - w.created_at) / 60)
                           filter (where w.status = 'GRANTED'),
                       percentile_cont(0.95) within group (order by extract(epoch from w.booking_created_at - w.created_at) / 60)
                           filter (where w.status = 'GRANTED')
                from waitlist_entry w
                join shared_environment e on e.id = w.environment_id
                join region r on r.code = e.region_code
                -- the granted booking's creation time is on the entry (V60): no read of the booking
                where w.environment_id = any (cast(? as uuid[]))
                  and w.created_at >= ? and w.created_at < ?
                  and (w.created_at at time zone r.time_zone)::date between ? and ?""",
                (rs, i) -> new Waitlist(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), 0, nullableDouble(rs, 4), nullableDouble(rs, 5)),
                ids,
                lowerBound(from),
                upperBound(to),
                from,
                to);
        Long waiting = jdbc.queryForObject(
                "select count(*) from waitlist_entry where status = 'WAITING' and environment_id = any (cast(? as uuid[]))",
                Long.class,
                (Object) ids);
        return new Waitlist(
                joined.joined(),
                joined.granted(),
                joined.lapsedOrLeft(),
                waiting == null ? 0 : waiting,
                joined.p50WaitMinutes(),
                joined.p95WaitMinutes());
    }

    // ---- holders ---------------------------------------------------------------------------------

    /**
     * Hours held in the range per holder and environment, and per customer with its number of
     * holders: aggregated in the database, so what crosses to Java is what the dashboard lists
     * (a year of bookings is some 300,000 holder × environment × customer groups; the answer is
     * at most holders × environments plus the customers).
     */
    HolderTotals held(List<Env> envs, LocalDate from, LocalDate to, @Nullable UUID holder, @Nullable String customer) {
        if (envs.isEmpty()) {
            return new HolderTotals(List.of(), List.of());
        }
        var byId = new java.util.HashMap<UUID, Env>();
        envs.forEach(e -> byId.put(e.id(), e));
        StringBuilder sql = new StringBuilder("""
                with env as (
                    select e.id, ?::date::timestamp at time zone r.time_zone as lo,
                           (?::date + 1)::timestamp at time zone r.time_zone as hi
                    from shared_environment e join region r on r.code = e.region_code
                    where e.id = any (cast(? as uuid[]))
                ), g as (
                    -- one pass, two groupings: holder × environment (the holders and their environments)
                    -- and customer × holder (the customers and how many holders each had). The bounds
                    -- are the period's, not starts_at / ends_at: the index has them (index-only scan).
                    select grouping(b.environment_id) = 0 as by_environment, b.holder_id, b.environment_id,
                           b.customer, count(*) as bookings,
                           -- date_part is double precision; extract is numeric, slower to sum twice per row
                           sum(date_part('epoch', least(upper(b.period), env.hi) - greatest(lower(b.period), env.lo)))
                               as seconds,
                           count(*) filter (where b.status = 'NO_SHOW') as no_shows
                    from env
                    join booking b on b.environment_id = env.id and b.status <> 'CANCELLED'
                                  and b.period && tstzrange(env.lo, env.hi, '[)')
                    -- the same range as constants, wider than any zone: lets the planner use the period index
                    where b.period && tstzrange(?, ?, '[)')""");
        List<Object> args = new ArrayList<>(List.of(from, to, ids(envs), lowerBound(from), upperBound(to)));
        if (holder != null) {
            sql.append(" and b.holder_id = ?");
            args.add(holder);
        }
        if (customer != null) {
            if (customer.equals(HolderReport.INTERNAL)) {
                sql.append(" and b.customer is null");
            } else {
                sql.append(" and b.customer = ?");
                args.add(customer);
            }
        }
        sql.append("""
                 group by grouping sets ((b.holder_id, b.environment_id), (b.customer, b.holder_id))
                )
                select g.holder_id, u.display_name, g.environment_id, null, g.bookings, g.seconds, g.no_shows
                from g join portal_user u on u.id = g.holder_id
                where g.by_environment
                union all
                select null, null, null, coalesce(g.customer, ?), sum(g.bookings), sum(g.seconds), count(*)
                from g where not g.by_environment
                group by g.customer""");
        args.add(HolderReport.INTERNAL);
        // two years are some 100,000 groups (22,000 holder × environment, 75,000 customer × holder):
        // about 25 MB of hash tables, which the default 4 MB would spill to disk in batches
        jdbc.execute("set local work_mem = '64MB'");
        List<HeldRow> byEnvironment = new ArrayList<>();
        List<CustomerHeld> customers = new ArrayList<>();
        jdbc.query(
                sql.toString(),
                rs -> {
                    String customerName = rs.getString(4);
                    if (customerName == null) {
                        byEnvironment.add(new HeldRow(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                byId.get(rs.getObject(3, UUID.class)),
                                rs.getLong(5),
                                rs.getDouble(6),
                                rs.getLong(7)));
                    } else {
                        customers.add(new CustomerHeld(customerName, rs.getLong(5), rs.getDouble(6), rs.getLong(7)));
                    }
                },
                args.toArray());
        return new HolderTotals(byEnvironment, customers);
    }

    /** Every booking overlapping the range, streamed through a cursor (an export may be large). */
    void bookings(
            List<Env> envs,
            LocalDate from,
            LocalDate to,
            @Nullable UUID holder,
            @Nullable String customer,
            Consumer<BookingRecord> sink) {
        if (envs.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("""
                with env as (
                    select e.id, e.slug, e.region_code, ?::date::timestamp at time zone r.time_zone as lo,
                           (?::date + 1)::timestamp at time zone r.time_zone as hi
                    from shared_environment e join region r on r.code = e.region_code
                    where e.id = any (cast(? as uuid[]))
                )
                select b.id, env.slug, env.region_code, b.slot_no, u.display_name, b.customer, b.purpose, b.status,
                       b.starts_at, b.ends_at, b.booked_until, b.checked_in_at,
                       extract(epoch from least(b.ends_at, env.hi) - greatest(b.starts_at, env.lo)) / 3600.0
                from env
                join booking b on b.environment_id = env.id and b.status <> 'CANCELLED'
                              and b.period && tstzrange(env.lo, env.hi, '[)')
                join portal_user u on u.id = b.holder_id
                where b.period && tstzrange(?, ?, '[)')""");
        List<Object> args = new ArrayList<>(List.of(from, to, ids(envs), lowerBound(from), upperBound(to)));
        if (holder != null) {
            sql.append(" and b.holder_id = ?");
            args.add(holder);
        }
        if (customer != null) {
            if (customer.equals(HolderReport.INTERNAL)) {
                sql.append(" and b.customer is null");
            } else {
                sql.append(" and b.customer = ?");
                args.add(customer);
            }
        }
        sql.append(" order by b.starts_at, env.slug, b.slot_no");
        streaming.query(
                sql.toString(),
                rs -> {
                    sink.accept(new BookingRecord(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            instant(rs, 9),
                            instant(rs, 10),
                            instant(rs, 11),
                            nullableInstant(rs, 12),
                            round(rs.getDouble(13))));
                },
                args.toArray());
    }

    // ---- sandboxes -------------------------------------------------------------------------------

    /** The sandboxes of the filter's cohort, as a CTE named {@code c}; its arguments are appended to {@code args}. */
    private static String cohort(UsageFilter f, List<Object> args) {
        StringBuilder sql = new StringBuilder("""
                with c as (
                    select s.*
                    from sandbox s
                    join region r on r.code = s.region_code
                """);
        // the template only for its filter: an inner join the planner cannot drop, one lookup per sandbox
        if (f.template() != null) {
            sql.append("join sandbox_template t on t.id = s.template_id\n");
        }
        sql.append("""
                    where s.requested_at >= ? and s.requested_at < ?
                      and (s.requested_at at time zone r.time_zone)::date between ? and ?""");
        args.addAll(List.of(lowerBound(f.from()), upperBound(f.to()), f.from(), f.to()));
        sandboxFilters(f, sql, args);
        return sql.append(")\n").toString();
    }

    private static void sandboxFilters(UsageFilter f, StringBuilder sql, List<Object> args) {
        if (f.region() != null) {
            sql.append(" and s.region_code = ?");
            args.add(f.region());
        }
        if (f.template() != null) {
            sql.append(" and t.slug = ?");
            args.add(f.template());
        }
        if (f.organisation() != null) {
            sql.append(" and s.organisation_id = ?");
            args.add(f.organisation());
        }
    }

    record SandboxTotals(Funnel funnel, Timing lead, Timing approval, Timing provisioning) {}

    SandboxTotals sandboxTotals(UsageFilter f) {
        List<Object> args = new ArrayList<>();
        String sql = cohort(f, args) + """
                select count(*),
                       count(*) filter (where decided_at is not null and status <> 'REJECTED'),
                       count(*) filter (where decided_by_policy and status <> 'REJECTED'),
                       count(*) filter (where status = 'REJECTED'),
                       count(*) filter (where ready_at is not null),
                       count(*) filter (where ready_at is not null and extension_count > 0),
                       count(*) filter (where torn_down_at is not null),
                       count(*) filter (where status = 'FAILED'),
                       count(ready_at),
                       percentile_cont(0.5) within group (order by extract(epoch from ready_at - requested_at)) / 60,
                       percentile_cont(0.95) within group (order by extract(epoch from ready_at - requested_at)) / 60,
                       count(*) filter (where decided_by is not null),
                       percentile_cont(0.5) within group (order by extract(epoch from decided_at - requested_at))
                           filter (where decided_by is not null) / 60,
                       percentile_cont(0.95) within group (order by extract(epoch from decided_at - requested_at))
                           filter (where decided_by is not null) / 60,
                       count(*) filter (where ready_at is not null and decided_at is not null),
                       percentile_cont(0.5) within group (order by extract(epoch from ready_at - decided_at)) / 60,
                       percentile_cont(0.95) within group (order by extract(epoch from ready_at - decided_at)) / 60
                from c""";
        return jdbc.queryForObject(
                sql,
                (rs, i) -> new SandboxTotals(
                        new Funnel(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getLong(7),
                                rs.getLong(8)),
                        new Timing(rs.getLong(9), nullableDouble(rs, 10), nullableDouble(rs, 11)),
                        new Timing(rs.getLong(12), nullableDouble(rs, 13), nullableDouble(rs, 14)),
                        new Timing(rs.getLong(15), nullableDouble(rs, 16), nullableDouble(rs, 17))),
                args.toArray());
    }

    /**
     * Ready sandboxes per local day, region and template. Without an organisation filter the closed
     * days come from the daily roll-up ({@code usage_sandbox_day}, up to each region's watermark)
     * and the days after it from the same function the roll-up is made with (ADR 0042); with one,
     * the whole range is computed live (an organisation's sandboxes are few).
     */
    /**
     * The start of a query over the sandbox roll-ups: {@code with reg as (...)}, each region of the
     * filter with the last day rolled up (the day before the range when none is), its parameters
     * added to {@code args}; the caller goes on with {@code ), ...}.
     */
    private static StringBuilder rolledUpRegions(UsageFilter f, List<Object> args) {
        StringBuilder sql = new StringBuilder("""
                with reg as (
                    select r.code, coalesce(w.rolled_up_until, ?::date - 1) as until
                    from region r left join usage_sandbox_watermark w on w.region_code = r.code
                    where true""");
        args.add(f.from());
        if (f.region() != null) {
            sql.append(" and r.code = ?");
            args.add(f.region());
        }
        return sql;
    }

    List<ActiveDay> activeSandboxes(UsageFilter f) {
        if (f.organisation() != null) {
            return activeSandboxesLive(f);
        }
        List<Object> args = new ArrayList<>();
        StringBuilder sql = rolledUpRegions(f, args);
        sql.append("""
                ), a as (
                    select u.day, u.region_code, u.template_id, u.active
                    from reg join usage_sandbox_day u on u.region_code = reg.code
                    where u.day between ? and least(?, reg.until)
                    union all
                    select d.day, d.region_code, d.template_id, d.active
                    from reg cross join lateral usage_sandbox_active_days(
                            array[reg.code], greatest(?, reg.until + 1), ?) d
                    where reg.until < ?
                )
                select a.day, a.region_code, t.slug, a.active
                from a join sandbox_template t on t.id = a.template_id""");
        args.addAll(List.of(f.from(), f.to(), f.from(), f.to(), f.to()));
        if (f.template() != null) {
            sql.append(" where t.slug = ?");
            args.add(f.template());
        }
        sql.append(" order by 1, 2, 3");
        return jdbc.query(
                sql.toString(),
                (rs, i) -> new ActiveDay(
                        rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getLong(4)),
                args.toArray());
    }

    /**
     * Ready sandboxes per local day, region and template: ready before the day ended, not gone
     * before it began. Each sandbox yields the days it was active (within the range), so the cost
     * follows the sandboxes active in the range, not sandboxes × days.
     */
    private List<ActiveDay> activeSandboxesLive(UsageFilter f) {
        StringBuilder sql = new StringBuilder("""
                select d::date, s.region_code, t.slug, count(*)
                from sandbox s
                join region r on r.code = s.region_code
                join sandbox_template t on t.id = s.template_id
                cross join lateral (select coalesce(s.torn_down_at, case when s.status = 'FAILED' then s.failed_at end)
                                           as gone) g
                cross join lateral generate_series(
                        greatest((s.ready_at at time zone r.time_zone)::date, ?::date)::timestamp,
                        least(coalesce(((g.gone - interval '1 microsecond') at time zone r.time_zone)::date, ?::date),
                              ?::date)::timestamp,
                        interval '1 day') as d
                where s.ready_at is not null and s.ready_at < ?
                  and (g.gone is null or g.gone >= ?)""");
        List<Object> args =
                new ArrayList<>(List.of(f.from(), f.to(), f.to(), upperBound(f.to()), lowerBound(f.from())));
        sandboxFilters(f, sql, args);
        sql.append(" group by 1, 2, 3 order by 1, 2, 3");
        return jdbc.query(
                sql.toString(),
                (rs, i) -> new ActiveDay(
                        rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getLong(4)),
                args.toArray());
    }

    /**
     * Steps of jobs created in the range: how many finished, how many of those failed. Without a
     * template or organisation filter the closed days come from {@code usage_step_day} (ADR 0042);
     * with one, the jobs' sandboxes are needed and the range is computed live.
     */
    List<StepFailures> stepFailures(UsageFilter f) {
        if (f.template() != null || f.organisation() != null) {
            return stepFailuresLive(f);
        }
        List<Object> args = new ArrayList<>();
        StringBuilder sql = rolledUpRegions(f, args);
        sql.append("""
                ), s as (
                    select u.layer, u.name, u.runs, u.failed
                    from reg join usage_step_day u on u.region_code = reg.code
                    where u.day between ? and least(?, reg.until)
                    union all
                    select d.layer, d.name, d.runs, d.failed
                    from reg cross join lateral usage_step_days(array[reg.code], greatest(?, reg.until + 1), ?) d
                    where reg.until < ?
                )
                select layer, name, sum(runs), sum(failed) from s group by 1, 2 order by 1, 2""");
        args.addAll(List.of(f.from(), f.to(), f.from(), f.to(), f.to()));
        return jdbc.query(sql.toString(), UsageQueries::stepFailures, args.toArray());
    }

    private static StepFailures stepFailures(ResultSet rs, int row) throws SQLException {
        long runs = rs.getLong(3);
        long failed = rs.getLong(4);
        return new StepFailures(rs.getString(1), rs.getString(2), runs, failed, ratio(failed, runs));
    }

    /** The same, live: every job created in the range with its sandbox where a filter needs it. */
    private List<StepFailures> stepFailuresLive(UsageFilter f) {
        // the sandbox and its template are joined only when a filter needs them (they cost a lookup per job)
        boolean bySandbox = f.template() != null || f.organisation() != null;
        StringBuilder sql = new StringBuilder("""
                select st.layer, st.name,
                       count(*) filter (where st.status in ('SUCCEEDED', 'FAILED')),
                       count(*) filter (where st.status = 'FAILED')
                from provisioning_job j
                join region r on r.code = j.region_code
                join provisioning_step st on st.job_id = j.id
                """);
        if (bySandbox) {
            sql.append(" join sandbox s on s.id = j.sandbox_id join sandbox_template t on t.id = s.template_id\n");
        }
        sql.append("""
                 where j.created_at >= ? and j.created_at < ?
                  and (j.created_at at time zone r.time_zone)::date between ? and ?""");
        List<Object> args = new ArrayList<>(List.of(lowerBound(f.from()), upperBound(f.to()), f.from(), f.to()));
        if (f.region() != null) {
            sql.append(" and j.region_code = ?");
            args.add(f.region());
        }
        if (bySandbox) {
            sandboxFilters(f.withRegion(null), sql, args);
        }
        sql.append(" group by 1, 2 order by 1, 2");
        return jdbc.query(sql.toString(), UsageQueries::stepFailures, args.toArray());
    }

    // ---- now -------------------------------------------------------------------------------------

    List<Held> heldAt(List<Env> envs, Instant at) {
        if (envs.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                """
                select e.slug, e.name, e.region_code, b.slot_no, u.display_name, b.starts_at, b.ends_at, b.purpose,
                       b.customer, b.checked_in_at is not null
                from booking b
                join shared_environment e on e.id = b.environment_id
                join portal_user u on u.id = b.holder_id
                where b.status = 'BOOKED' and b.period @> ?::timestamptz and b.environment_id = any (cast(? as uuid[]))
                order by e.region_code, e.name, b.slot_no""",
                (rs, i) -> new Held(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        instant(rs, 6),
                        instant(rs, 7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getBoolean(10)),
                utc(at),
                ids(envs));
    }

    List<Expiring> expiring(UsageFilter f, Instant from, Instant until) {
        StringBuilder sql = new StringBuilder("""
                select s.id, s.name, o.name, t.name, s.region_code, s.expires_at, s.extension_count
                from sandbox s
                join organisation o on o.id = s.organisation_id
                join sandbox_template t on t.id = s.template_id
                where s.status in ('READY', 'TEARING_DOWN') and s.expires_at >= ? and s.expires_at < ?""");
        List<Object> args = new ArrayList<>(List.of(utc(from), utc(until)));
        sandboxFilters(f, sql, args);
        sql.append(" order by s.expires_at limit 500");
        return jdbc.query(
                sql.toString(),
                (rs, i) -> new Expiring(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        instant(rs, 6),
                        rs.getInt(7)),
                args.toArray());
    }

    List<FailedJob> failedJobs(UsageFilter f, Instant since) {
        StringBuilder sql = new StringBuilder("""
                select j.id, s.id, s.name, j.kind, j.region_code, j.finished_at, j.error_message
                from provisioning_job j
                join sandbox s on s.id = j.sandbox_id
                join sandbox_template t on t.id = s.template_id
                where j.status = 'FAILED' and j.finished_at >= ?""");
        List<Object> args = new ArrayList<>(List.of(utc(since)));
        sandboxFilters(f, sql, args);
        sql.append(" order by j.finished_at desc limit 500");
        return jdbc.query(
                sql.toString(),
                (rs, i) -> new FailedJob(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        instant(rs, 6),
                        rs.getString(7)),
                args.toArray());
    }

    // ---- rollup ----------------------------------------------------------------------------------

    /** Environment-days written; the regions' sandbox days (ADR 0042) are rolled forward in the same call. */
    int refreshRollup(Instant now, int maxDays) {
        Integer written = jdbc.queryForObject("select usage_refresh(?, ?)", Integer.class, utc(now), maxDays);
        jdbc.queryForObject("select usage_refresh_sandboxes(?, ?)", Integer.class, utc(now), maxDays);
        return written == null ? 0 : written;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static String[] ids(List<Env> envs) {
        return envs.stream().map(e -> e.id().toString()).toArray(String[]::new);
    }

    static OffsetDateTime lowerBound(LocalDate from) {
        return from.atStartOfDay().atOffset(ZoneOffset.UTC).minus(ZONE_MARGIN);
    }

    static OffsetDateTime upperBound(LocalDate to) {
        return to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC).plus(ZONE_MARGIN);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : round(value);
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    /** Four decimals: enough for hours and rates, stable in JSON and CSV. */
    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
