package dev.demoportal.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A read-only view of one audit trail row. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        @Nullable UUID actorId,
        String actorName,
        String action,
        String targetType,
        String targetId,
        @Nullable UUID organisationId,
        Map<String, Object> details) {}
