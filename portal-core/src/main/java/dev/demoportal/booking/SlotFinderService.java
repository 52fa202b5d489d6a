package dev.demoportal.booking;

import dev.demoportal.base.InputRules;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.MaintenanceWindowSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The follow-the-sun slot finder: the earliest free slot of every bookable environment in the
 * acceptable regions, ranked by how close the region's clock is to the customer's, then by start.
 * It keeps the booking rules (length, horizon) and maintenance windows as booking itself does, so
 * every answer can be booked as it stands.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
public class SlotFinderService {

    static final int MAX_LIMIT = 50;

    private static final Duration DAY = Duration.ofDays(1);

    private final BookingRepository bookings;
    private final EnvironmentService environments;
    private final Clock clock;

    SlotFinderService(BookingRepository bookings, EnvironmentService environments, Clock clock) {
        this.bookings = bookings;
        this.environments = environments;
        this.clock = clock;
    }

    public List<FreeSlot> find(SlotSearch search) {
        check(search);
        Instant now = clock.instant();
        // a search "from now" starts at the next whole minute: a start in the past cannot be booked
        Instant earliest = search.from().isAfter(now)
                ? search.from()
                : now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        List<FreeSlot> found = new ArrayList<>();
        for (EnvironmentSummary environment : environments.allEnvironments(EnvironmentFilter.ACTIVE)) {
            if (!environment.bookable()
                    || !search.regions().isEmpty()
                            && !search.regions().contains(environment.region().code())) {
                continue;
            }
            FreeSlot slot = earliest(environment, earliest, search, now);
            if (slot != null) {
                found.add(slot);
            }
        }
        found.sort(Comparator.comparing(FreeSlot::distance)
                .thenComparing(FreeSlot::start)
                .thenComparing(f -> f.environment().region().name())
                .thenComparing(f -> f.environment().name()));
        return found.stream().limit(search.limit()).toList();
    }

    /** The earliest start in the window at which some slot is free and no maintenance runs; null if none. */
    private @Nullable FreeSlot earliest(
            EnvironmentSummary environment, Instant earliest, SlotSearch search, Instant now) {
        Duration length = search.duration();
        if (length.compareTo(environment.rules().minimum()) < 0
                || length.compareTo(environment.rules().maximum()) > 0) {
            return null;
        }
        Instant latestStart = search.to().minus(length);
        Instant horizon = now.plus(environment.rules().horizon());
        if (latestStart.isAfter(horizon)) {
            latestStart = horizon;
        }
        if (earliest.isAfter(latestStart)) {
            return null;
        }
        Instant until = latestStart.plus(length);
        List<Booking> held = bookings.holding(environment.id(), earliest, until);
        List<MaintenanceWindowSummary> windows = environments.maintenanceWindows(environment.id(), earliest, until);
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(earliest);
        held.forEach(b -> candidates.add(b.endsAt()));
        windows.forEach(w -> candidates.add(w.end()));
        for (Instant start : candidates.subSet(earliest, true, latestStart, true)) {
            Instant end = start.plus(length);
            if (windows.stream().anyMatch(w -> w.overlaps(start, end))) {
                continue;
            }
            for (int slot = 1; slot <= environment.tenantSlots(); slot++) {
                int s = slot;
                if (held.stream()
                        .noneMatch(b -> b.slotNo() == s
                                && b.startsAt().isBefore(end)
                                && b.endsAt().isAfter(start))) {
                    ZoneId regionZone = ZoneId.of(environment.region().timeZone());
                    Duration distance = search.customerZone() == null
                            ? Duration.ZERO
                            : distance(search.customerZone(), regionZone, start);
                    return new FreeSlot(environment, slot, start, end, distance);
                }
            }
        }
        return null;
    }

    /**
     * How far apart two zones' clocks are at {@code when}, the short way round the globe (Tokyo and
     * New York are 10 hours apart, not 14). Daylight saving time counts: at {@code when}, as it is.
     */
    static Duration distance(ZoneId a, ZoneId b, Instant when) {
        // offsets run from -12:00 to +14:00, so two clocks can be more than a day apart
        long seconds = Math.abs(a.getRules().getOffset(when).getTotalSeconds()
                        - b.getRules().getOffset(when).getTotalSeconds())
                % DAY.toSeconds();
        return Duration.ofSeconds(Math.min(seconds, DAY.toSeconds() - seconds));
    }

    private static void check(SlotSearch search) {
        List<FieldError> errors = new ArrayList<>(InputRules.check("duration", search.duration()));
        errors.addAll(InputRules.check("from", search.from()));
        errors.addAll(InputRules.check("to", search.to()));
        if (errors.isEmpty() && !search.to().isAfter(search.from())) {
            errors.add(new FieldError("to", "The end of the window must be after its start"));
        }
        if (errors.isEmpty() && Duration.between(search.from(), search.to()).compareTo(search.duration()) < 0) {
            errors.add(new FieldError("duration", "Longer than the window it should fit in"));
        }
        if (errors.isEmpty() && Duration.between(search.from(), search.to()).compareTo(Duration.ofDays(90)) > 0) {
            errors.add(new FieldError("to", "Search a window of at most 90 days"));
        }
        if (search.limit() < 1 || search.limit() > MAX_LIMIT) {
            errors.add(new FieldError("limit", "Ask for 1 to " + MAX_LIMIT + " answers"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }
}
