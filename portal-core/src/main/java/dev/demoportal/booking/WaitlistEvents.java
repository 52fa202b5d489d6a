package dev.demoportal.booking;

import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import java.util.Map;

/** Audited changes of the waitlist (a hand-off is audited as the booking it creates, too). */
public final class WaitlistEvents {

    private WaitlistEvents() {}

    public record WaitlistJoined(Actor actor, WaitlistPlace entry, String environment) implements AuditableEvent {
        @Override
        public String action() {
            return "waitlist.joined";
        }

        @Override
        public String targetType() {
            return "waitlist_entry";
        }

        @Override
        public String targetId() {
            return entry.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of(
                    "environment",
                    environment,
                    "windowStart",
                    entry.windowStart().toString(),
                    "windowEnd",
                    entry.windowEnd().toString(),
                    "minutes",
                    entry.length().toMinutes(),
                    "position",
                    entry.position());
        }
    }

    public record WaitlistLeft(Actor actor, WaitlistPlace entry, String reason) implements AuditableEvent {
        @Override
        public String action() {
            return "waitlist." + reason;
        }

        @Override
        public String targetType() {
            return "waitlist_entry";
        }

        @Override
        public String targetId() {
            return entry.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("person", entry.person().name());
        }
    }
}
