package dev.demoportal.booking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts booking changes as {@code portal.bookings{action=...}} for dashboards and alerts. It
 * listens after commit, so a booking that lost a race and rolled back is not counted, and it is
 * registered wherever bookings change: in the portal and in the worker (no-shows).
 */
@Component
class BookingMetrics {

    static final String NAME = "portal.bookings";

    private final Map<String, Counter> counters = new LinkedHashMap<>();

    BookingMetrics(ObjectProvider<MeterRegistry> registry) {
        // without a registry (core's own tests, no actuator) the counters go nowhere
        MeterRegistry meters = registry.getIfAvailable(CompositeMeterRegistry::new);
        // registered up front so every series exists from start-up: rate() needs a zero to start from
        for (String action :
                new String[] {"booked", "claimed", "released", "extended", "cancelled", "no_show", "checked_in"}) {
            counters.put(
                    action,
                    Counter.builder(NAME)
                            .description("Booking changes on shared environments, by action")
                            .tag("action", action)
                            .register(meters));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(BookingEvents.BoardChange change) {
        counters.get(action(change)).increment();
    }

    static String action(BookingEvents.BoardChange change) {
        return switch (change) {
            case BookingEvents.SlotBooked booked -> booked.claimedNow() ? "claimed" : "booked";
            // forced or not, the slot is free again; the audit trail tells them apart
            case BookingEvents.BookingReleased released -> "released";
            case BookingEvents.BookingExtended extended -> "extended";
            case BookingEvents.BookingCancelled cancelled -> "cancelled";
            case BookingEvents.BookingMarkedNoShow noShow -> "no_show";
            case BookingEvents.BookingCheckedIn checkedIn -> "checked_in";
            default ->
                throw new IllegalArgumentException(
                        "Unknown booking change " + change.getClass().getName());
        };
    }
}
