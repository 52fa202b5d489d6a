package dev.demoportal.booking;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The latest reset of one slot, as the board, the admin page and the API show it.
 *
 * @param bookingId the holding after which it ran (null for one an admin asked for)
 * @param finishedAt when it succeeded (the slot is "clean since" then) or failed
 * @param step how many of the plan's steps completed
 */
public record SlotResetSummary(
        UUID id,
        UUID environmentId,
        int slot,
        @Nullable UUID bookingId,
        SlotResetStatus status,
        Instant requestedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        int step,
        int steps,
        @Nullable String error,
        @Nullable Instant returnedAt,
        @Nullable String returnNote) {

    /** How the slot stands because of this reset. */
    public SlotState state() {
        return switch (status) {
            case PENDING, RUNNING -> SlotState.RESETTING;
            case FAILED -> SlotState.OUT_OF_SERVICE;
            case SUCCEEDED -> SlotState.CLEAN;
            case RETURNED -> SlotState.RETURNED;
        };
    }

    /** The slot's hand-off state. */
    public enum SlotState {
        /** a reset is pending or running: nobody new gets the slot yet */
        RESETTING,
        /** the last reset failed: nobody gets the slot until an admin returns it to service */
        OUT_OF_SERVICE,
        /** the last reset succeeded at {@code finishedAt} */
        CLEAN,
        /** an admin returned the slot to service after a failed reset (not verified clean) */
        RETURNED;

        public boolean available() {
            return this == CLEAN || this == RETURNED;
        }
    }
}
