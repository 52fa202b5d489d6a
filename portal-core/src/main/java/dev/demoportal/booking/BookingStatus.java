package dev.demoportal.booking;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A booking's state as people see it. Reserved, active and expired are derived from the clock and
 * the booked period; the others are how a booking ended early. {@link #next()} is the one table of
 * the moves a booking may make; {@link Booking} refuses any other.
 */
public enum BookingStatus {
    RESERVED("Reserved"),
    ACTIVE("Active"),
    EXPIRED("Expired"),
    RELEASED("Released"),
    CANCELLED("Cancelled"),
    NO_SHOW("No-show");

    /**
     * Time moves a booking from reserved to active to expired (or straight to expired, for someone
     * looking only after its end). People end it early: a booking that has not started is cancelled
     * (by its holder, or force-released by a manager), one that has started is released. The no-show
     * sweep releases a started booking nobody checked in to, also one that has meanwhile run out.
     */
    private static final Map<BookingStatus, Set<BookingStatus>> NEXT = Map.of(
            RESERVED, EnumSet.of(ACTIVE, EXPIRED, CANCELLED),
            ACTIVE, EnumSet.of(EXPIRED, RELEASED, NO_SHOW),
            EXPIRED, EnumSet.of(NO_SHOW),
            RELEASED, EnumSet.noneOf(BookingStatus.class),
            CANCELLED, EnumSet.noneOf(BookingStatus.class),
            NO_SHOW, EnumSet.noneOf(BookingStatus.class));

    private final String label;

    BookingStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The states a booking in this one may move to. */
    public Set<BookingStatus> next() {
        return Set.copyOf(NEXT.get(this));
    }

    public boolean canMoveTo(BookingStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether the booking still holds its slot for (part of) its period. */
    public boolean holding() {
        return this == RESERVED || this == ACTIVE;
    }
}
