package dev.demoportal.booking;

import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What happened to the resets of slots: in the audit trail of the environment, and on its board. */
public final class SlotResetEvents {

    private SlotResetEvents() {}

    /** Implemented by every reset event: the slot's hand-off state changed. */
    public sealed interface SlotResetChange extends AuditableEvent
            permits SlotResetSucceeded, SlotResetFailed, SlotReturnedToService {
        SlotResetSummary reset();

        String environmentSlug();

        default UUID environmentId() {
            return reset().environmentId();
        }

        @Override
        default String targetType() {
            return "environment";
        }

        @Override
        default String targetId() {
            return reset().environmentId().toString();
        }

        @Override
        default Map<String, Object> details() {
            SlotResetSummary r = reset();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("environment", environmentSlug());
            d.put("slot", r.slot());
            d.put("reset", r.id().toString());
            if (r.bookingId() != null) {
                d.put("after", r.bookingId().toString());
            }
            d.put("requestedAt", r.requestedAt().toString());
            if (r.finishedAt() != null) {
                d.put("finishedAt", r.finishedAt().toString());
            }
            d.put("steps", r.step() + "/" + r.steps());
            if (r.error() != null) {
                d.put("error", r.error());
            }
            if (r.returnNote() != null) {
                d.put("note", r.returnNote());
            }
            return d;
        }
    }

    public record SlotResetSucceeded(Actor actor, SlotResetSummary reset, String environmentSlug)
            implements SlotResetChange {
        @Override
        public String action() {
            return "environment.slot_reset_succeeded";
        }
    }

    public record SlotResetFailed(Actor actor, SlotResetSummary reset, String environmentSlug)
            implements SlotResetChange {
        @Override
        public String action() {
            return "environment.slot_reset_failed";
        }
    }

    public record SlotReturnedToService(Actor actor, SlotResetSummary reset, String environmentSlug)
            implements SlotResetChange {
        @Override
        public String action() {
            return "environment.slot_returned_to_service";
        }
    }
}
