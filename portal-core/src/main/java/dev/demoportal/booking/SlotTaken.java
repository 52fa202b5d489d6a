package dev.demoportal.booking;

import dev.demoportal.base.Conflict;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one slot asked for is held (someone claimed it a moment ago); says which slot is free instead,
 * if any. Nothing was booked: a claim of one slot never gets another behind the person's back.
 */
public class SlotTaken extends Conflict {

    private final int slot;
    private final @Nullable Integer freeSlot;

    SlotTaken(String environmentName, int slot, @Nullable Integer freeSlot) {
        super(
                "slot_taken",
                "Slot " + slot + " of " + environmentName + " was taken a moment ago"
                        + (freeSlot == null ? "; no other slot is free now." : "; slot " + freeSlot + " is free."));
        this.slot = slot;
        this.freeSlot = freeSlot;
    }

    /** The slot that was asked for. */
    public int slot() {
        return slot;
    }

    /** Another slot free for the same time, or null if there is none. */
    public @Nullable Integer freeSlot() {
        return freeSlot;
    }

    @Override
    public Map<String, Object> problemProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("slot", slot);
        if (freeSlot != null) {
            properties.put("freeSlot", freeSlot);
        }
        return properties;
    }
}
