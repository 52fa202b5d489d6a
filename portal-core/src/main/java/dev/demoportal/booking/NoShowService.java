package dev.demoportal.booking;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.Transactions;
import dev.demoportal.booking.BookingEvents.BookingMarkedNoShow;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The no-show sweep: releases reservations nobody checked in to within their environment's grace
 * period, so squatters do not block others. Each booking is released in a transaction of its own.
 */
@Service
public class NoShowService {

    private final BookingRepository bookings;
    private final BookingSummaries views;
    private final EnvironmentService environments;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    NoShowService(
            BookingRepository bookings,
            BookingSummaries views,
            EnvironmentService environments,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.bookings = bookings;
        this.views = views;
        this.environments = environments;
        this.events = events;
        this.clock = clock;
        this.tx = Transactions.own(transactions);
        this.readOnly = Transactions.ownReadOnly(transactions);
    }

    /** Run by the scheduler every minute, as a system task; answers how many it released. */
    @PreAuthorize("hasRole('ADMIN')")
    public int releaseNoShows() {
        Instant now = clock.instant();
        List<UUID> candidates = readOnly.execute(s -> bookings.notCheckedIn(now.minus(Duration.ofMinutes(5))).stream()
                .map(Booking::id)
                .toList());
        int released = 0;
        for (UUID id : candidates) {
            Boolean done = tx.execute(s -> {
                Booking booking = bookings.findById(id).orElse(null);
                if (booking == null
                        || booking.checkedInAt() != null
                        || !booking.status(now).holding() && booking.status(now) != BookingStatus.EXPIRED) {
                    return false;
                }
                EnvironmentSummary environment = environments.environment(booking.environmentId());
                if (booking.startsAt().plus(environment.rules().checkInGrace()).isAfter(now)) {
                    return false;
                }
                booking.markNoShow(
                        now,
                        "not checked in within " + environment.rules().checkInGraceMinutes() + " minutes of the start");
                bookings.saveAndFlush(booking);
                // BookingNotifications tells the holder, from the event
                events.publishEvent(
                        new BookingMarkedNoShow(CurrentActor.actor(), views.view(booking, environment, now)));
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                released++;
            }
        }
        return released;
    }
}
