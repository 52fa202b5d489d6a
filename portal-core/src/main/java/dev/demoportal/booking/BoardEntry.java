package dev.demoportal.booking;

import dev.demoportal.environment.EnvironmentSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One environment on the "who holds what" board: each slot's current holder and what is next. */
public record BoardEntry(EnvironmentSummary environment, List<Slot> slots) {

    public record Slot(
            int number,
            @Nullable BookingSummary current,
            @Nullable BookingSummary next) {

        public boolean free() {
            return current == null;
        }
    }

    public long freeSlots() {
        return slots.stream().filter(Slot::free).count();
    }
}
