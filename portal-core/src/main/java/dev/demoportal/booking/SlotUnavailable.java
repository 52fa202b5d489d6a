package dev.demoportal.booking;

import dev.demoportal.base.Conflict;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Every slot is taken for the asked period (or someone was faster). Says when one is free next. */
public class SlotUnavailable extends Conflict {

    private final @Nullable Instant nextFreeAt;

    public SlotUnavailable(String message, @Nullable Instant nextFreeAt) {
        super("slot_unavailable", message);
        this.nextFreeAt = nextFreeAt;
    }

    @Override
    public java.util.Map<String, Object> problemProperties() {
        return nextFreeAt == null ? java.util.Map.of() : java.util.Map.of("nextFreeAt", nextFreeAt.toString());
    }

    /** The earliest start at which a slot is free for the same length, or null if none in the horizon. */
    public @Nullable Instant nextFreeAt() {
        return nextFreeAt;
    }
}
