package dev.demoportal.booking;

import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Domain events of the booking feature. Each one changes the board of its environment. */
public final class BookingEvents {

    private BookingEvents() {}

    /** Implemented by every booking event: which environment's board changed. */
    public interface BoardChange extends AuditableEvent {
        UUID environmentId();

        BookingSummary booking();

        @Override
        default String targetType() {
            return "booking";
        }

        @Override
        default String targetId() {
            return booking().id().toString();
        }
    }

    static Map<String, Object> describe(BookingSummary b) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("environment", b.environmentSlug());
        d.put("slot", b.slot());
        d.put("holder", b.holder().name());
        d.put("start", b.start().toString());
        d.put("end", b.end().toString());
        d.put("purpose", b.purpose());
        if (b.customer() != null) {
            d.put("customer", b.customer());
        }
        return d;
    }

    public record SlotBooked(
            Actor actor,
            BookingSummary booking,
            boolean claimedNow,
            @Nullable UUID waitlistEntry) implements BoardChange {
        @Override
        public String action() {
            return claimedNow ? "booking.claimed" : "booking.booked";
        }

        @Override
        public UUID environmentId() {
            return booking.environmentId();
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(booking);
            if (waitlistEntry != null) {
                d.put("fromWaitlist", waitlistEntry.toString());
            }
            return d;
        }
    }

    public record BookingReleased(
            Actor actor, BookingSummary booking, @Nullable String reason, boolean forced) implements BoardChange {
        @Override
        public String action() {
            return forced ? "booking.force_released" : "booking.released";
        }

        @Override
        public UUID environmentId() {
            return booking.environmentId();
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(booking);
            if (reason != null) {
                d.put("reason", reason);
            }
            return d;
        }
    }

    public record BookingMarkedNoShow(Actor actor, BookingSummary booking) implements BoardChange {
        @Override
        public String action() {
            return "booking.no_show";
        }

        @Override
        public UUID environmentId() {
            return booking.environmentId();
        }

        @Override
        public Map<String, Object> details() {
            return describe(booking);
        }
    }

    public record BookingCancelled(Actor actor, BookingSummary booking) implements BoardChange {
        @Override
        public String action() {
            return "booking.cancelled";
        }

        @Override
        public UUID environmentId() {
            return booking.environmentId();
        }

        @Override
        public Map<String, Object> details() {
            return describe(booking);
        }
    }

    public record BookingExtended(Actor actor, BookingSummary booking, Instant previousEnd) implements BoardChange {
        @Override
        public String action() {
            return "booking.extended";
        }

        @Override
        public UUID environmentId() {
            return booking.environmentId();
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(booking);
            d.put("previousEnd", previousEnd.toString());
            return d;
        }
    }

    public record BookingCheckedIn(Actor actor, BookingSummary booking) implements BoardChange {
        @Override
        public String action() {
            return "booking.checked_in";
        }

        @Override
        public UUID environmentId() {
            return booking.environmentId();
        }

        @Override
        public Map<String, Object> details() {
            return describe(booking);
        }
    }
}
