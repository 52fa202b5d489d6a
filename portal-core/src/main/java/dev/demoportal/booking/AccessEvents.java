package dev.demoportal.booking;

import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Access receipts: every grant, revoke and failed attempt of a holding's access lease, with its
 * timing (when it was due, when it happened), in the audit trail of the booking.
 */
public final class AccessEvents {

    private AccessEvents() {}

    private static Map<String, Object> receipt(
            AccessSummary access, String environment, int slot, Instant due, Instant done) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("environment", environment);
        details.put("slot", slot);
        details.put("namespace", access.namespace());
        details.put("subject", access.subject());
        details.put("due", due.toString());
        details.put("at", done.toString());
        Duration late = Duration.between(due, done);
        details.put("lateBy", (late.isNegative() ? Duration.ZERO : late).toString());
        return details;
    }

    public record AccessGranted(
            Actor actor, AccessSummary access, String environment, int slot, Instant due, Instant grantedAt)
            implements AuditableEvent {
        @Override
        public String action() {
            return "booking.access_granted";
        }

        @Override
        public String targetType() {
            return "booking";
        }

        @Override
        public String targetId() {
            return access.bookingId().toString();
        }

        @Override
        public Map<String, Object> details() {
            return receipt(access, environment, slot, due, grantedAt);
        }
    }

    public record AccessRevoked(
            Actor actor, AccessSummary access, String environment, int slot, Instant due, Instant revokedAt)
            implements AuditableEvent {
        @Override
        public String action() {
            return "booking.access_revoked";
        }

        @Override
        public String targetType() {
            return "booking";
        }

        @Override
        public String targetId() {
            return access.bookingId().toString();
        }

        @Override
        public Map<String, Object> details() {
            return receipt(access, environment, slot, due, revokedAt);
        }
    }

    public record AccessAttemptFailed(
            Actor actor,
            AccessSummary access,
            String environment,
            int slot,
            AccessWork.Action what,
            String error,
            Instant retryAt)
            implements AuditableEvent {
        @Override
        public String action() {
            return "booking.access_failed";
        }

        @Override
        public String targetType() {
            return "booking";
        }

        @Override
        public String targetId() {
            return access.bookingId().toString();
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("environment", environment);
            details.put("slot", slot);
            details.put("what", what.name().toLowerCase());
            details.put("attempt", access.attempts());
            details.put("error", error);
            details.put("retryAt", retryAt.toString());
            return details;
        }
    }
}
