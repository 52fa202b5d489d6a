package dev.demoportal.audit;

import dev.demoportal.base.JsonMaps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/** One row of the trail. Immutable in Java; the database refuses UPDATE and DELETE as well. */
@Entity
@Immutable
@Table(name = "audit_event")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private Instant occurredAt;

    private @Nullable UUID actorId;

    private String actorName;

    private String action;

    private String targetType;

    private String targetId;

    private @Nullable UUID organisationId;

    @Convert(converter = JsonMaps.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private Map<String, Object> details;

    protected AuditEvent() {
        this.occurredAt = Instant.EPOCH;
        this.actorName = "";
        this.action = "";
        this.targetType = "";
        this.targetId = "";
        this.details = Map.of();
    }

    AuditEvent(
            Instant occurredAt,
            @Nullable UUID actorId,
            String actorName,
            String action,
            String targetType,
            String targetId,
            @Nullable UUID organisationId,
            Map<String, Object> details) {
        this.occurredAt = occurredAt;
        this.actorId = actorId;
        this.actorName = actorName;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.organisationId = organisationId;
        this.details = details;
    }

    AuditEntry toEntry() {
        return new AuditEntry(
                id == null ? 0 : id,
                occurredAt,
                actorId,
                actorName,
                action,
                targetType,
                targetId,
                organisationId,
                details);
    }
}
