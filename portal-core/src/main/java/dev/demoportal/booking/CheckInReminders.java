package dev.demoportal.booking;

import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells holders, once, that their reservation has started and needs a check-in before the
 * environment's grace period ends (then the no-show sweep releases it). The worker runs it every
 * minute; a reservation that started more than {@link #LOOK_BACK} ago without a reminder (the
 * worker was down) gets none, since the no-show release tells them anyway.
 */
@Service
public class CheckInReminders {

    static final Duration LOOK_BACK = Duration.ofMinutes(30);

    private final CheckInReminderQueries queries;
    private final EnvironmentService environments;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CheckInReminders(
            CheckInReminderQueries queries,
            EnvironmentService environments,
            ApplicationEventPublisher events,
            Clock clock) {
        this.queries = queries;
        this.environments = environments;
        this.events = events;
        this.clock = clock;
    }

    /** Returns how many holders were reminded. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public int remindDue() {
        Instant now = clock.instant();
        List<CheckInReminderQueries.Due> due = queries.claimDue(now.minus(LOOK_BACK), now);
        Map<UUID, EnvironmentSummary> byId = new HashMap<>();
        for (CheckInReminderQueries.Due d : due) {
            EnvironmentSummary environment = byId.computeIfAbsent(d.environmentId(), environments::environment);
            events.publishEvent(new CheckInDue(
                    d.id(),
                    d.holderId(),
                    environment.slug(),
                    environment.name(),
                    d.slot(),
                    d.start(),
                    d.end(),
                    d.start().plus(environment.rules().checkInGrace()),
                    d.purpose()));
        }
        return due.size();
    }
}
