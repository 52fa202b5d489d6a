package dev.demoportal.booking;

import dev.demoportal.base.Conflict;
import java.util.Locale;
import java.util.Map;

/** A booking was asked to move to a state it cannot reach from its current one ({@link BookingStatus#next()}). */
public class IllegalBookingTransition extends Conflict {

    private final BookingStatus from;
    private final BookingStatus to;

    public IllegalBookingTransition(BookingStatus from, BookingStatus to) {
        super(
                "booking.illegal_transition",
                "A booking that is " + from.label().toLowerCase(Locale.ROOT) + " cannot become "
                        + to.label().toLowerCase(Locale.ROOT) + ".");
        this.from = from;
        this.to = to;
    }

    @Override
    public Map<String, Object> problemProperties() {
        return Map.of("from", from.name(), "to", to.name());
    }

    public BookingStatus from() {
        return from;
    }

    public BookingStatus to() {
        return to;
    }
}
