package dev.demoportal.booking;

import dev.demoportal.environment.EnvironmentSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One environment on the "who holds what" board: each slot's current holder and what is next. */
public record BoardEntry(EnvironmentSummary environment, List<Slot> slots) {

    /**
     * One slot: its holder now, its next booking, and its latest reset (null when the environment
     * never reset it).
     */
    public record Slot(
            int number,
            @Nullable BookingSummary current,
            @Nullable BookingSummary next,
            @Nullable SlotResetSummary reset) {

        public Slot(int number, @Nullable BookingSummary current, @Nullable BookingSummary next) {
            this(number, current, next, null);
        }

        /** Nobody holds it and nobody new is kept from it (no reset running, not out of service). */
        public boolean free() {
            return current == null && (reset == null || reset.state().available());
        }

        public boolean resetting() {
            return reset != null && reset.state() == SlotResetSummary.SlotState.RESETTING;
        }

        public boolean outOfService() {
            return reset != null && reset.state() == SlotResetSummary.SlotState.OUT_OF_SERVICE;
        }
    }

    public long freeSlots() {
        return slots.stream().filter(Slot::free).count();
    }
}
