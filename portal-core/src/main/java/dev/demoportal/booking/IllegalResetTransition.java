package dev.demoportal.booking;

import dev.demoportal.base.Conflict;

/** A reset cannot move that way (e.g. returning to service a slot that is not out of service). */
public class IllegalResetTransition extends Conflict {

    /** Returning to service a slot whose last reset is {@code latest} (not failed). */
    public IllegalResetTransition(SlotResetStatus latest) {
        super(
                "slot_reset.not_out_of_service",
                "The slot is not out of service (its last reset "
                        + switch (latest) {
                            case PENDING, RUNNING -> "is still running";
                            case SUCCEEDED -> "succeeded";
                            case RETURNED -> "was already returned to service";
                            case FAILED -> "failed";
                        }
                        + ").");
    }

    public IllegalResetTransition(SlotResetStatus from, SlotResetStatus to) {
        super(
                "slot_reset.illegal_transition",
                "A reset that is " + from.name().toLowerCase() + " cannot become "
                        + to.name().toLowerCase() + ".");
    }
}
