package dev.demoportal.booking;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one reset of a slot stands. Pending until a worker takes it, running while its steps run;
 * then succeeded (the slot is clean) or failed (the slot is out of service until an admin returns
 * it: returned). A running reset a dead worker left is taken over (running again).
 */
public enum SlotResetStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    RETURNED;

    private Set<SlotResetStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(RUNNING);
            case RUNNING -> EnumSet.of(RUNNING, SUCCEEDED, FAILED);
            case FAILED -> EnumSet.of(RETURNED);
            case SUCCEEDED, RETURNED -> EnumSet.noneOf(SlotResetStatus.class);
        };
    }

    public boolean canMoveTo(SlotResetStatus target) {
        return next().contains(target);
    }

    /** Whether nobody new may get the slot while a reset is in this state. */
    public boolean blocksSlot() {
        return this == PENDING || this == RUNNING || this == FAILED;
    }
}
