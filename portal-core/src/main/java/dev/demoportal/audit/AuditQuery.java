package dev.demoportal.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A search of the trail; every part is optional. {@code from} is inclusive, {@code to} exclusive;
 * {@code actor} matches part of the actor's name, {@code action} an action or its prefix
 * ({@code booking.} finds every booking action), {@code text} part of the target id or the details.
 */
public record AuditQuery(
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String actor,
        @Nullable String action,
        @Nullable String targetType,
        @Nullable String targetId,
        @Nullable UUID organisation,
        @Nullable String text) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null, null);

    public AuditQuery between(@Nullable Instant start, @Nullable Instant end) {
        return new AuditQuery(start, end, actor, action, targetType, targetId, organisation, text);
    }

    public AuditQuery forOrganisation(@Nullable UUID id) {
        return new AuditQuery(from, to, actor, action, targetType, targetId, id, text);
    }
}
