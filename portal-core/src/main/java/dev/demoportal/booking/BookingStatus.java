package dev.demoportal.booking;

/**
 * A booking's state as people see it. Reserved, active and expired are derived from the clock and
 * the booked period; the others are how a booking ended early.
 */
public enum BookingStatus {
    RESERVED("Reserved"),
    ACTIVE("Active"),
    EXPIRED("Expired"),
    RELEASED("Released"),
    CANCELLED("Cancelled"),
    NO_SHOW("No-show");

    private final String label;

    BookingStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the booking still holds its slot for (part of) its period. */
    public boolean holding() {
        return this == RESERVED || this == ACTIVE;
    }
}
