package dev.demoportal.sandbox;

import dev.demoportal.base.Conflict;
import dev.demoportal.base.JsonMaps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.jspecify.annotations.Nullable;

/**
 * One row from the request until teardown: its id is both the request id and the sandbox id.
 * State changes go through the methods below, which keep the timestamps the dashboards read
 * (requested_at, decided_at, cancelled_at, provisioning_at, ready_at, expires_at, torn_down_at, failed_at)
 * true.
 */
@Entity
@Table(name = "sandbox")
class Sandbox {

    @Id
    private UUID id;

    private String name;

    private UUID templateId;

    private String regionCode;

    private UUID organisationId;

    private UUID requestedBy;

    private Instant requestedAt;

    private int lifetimeHours;

    private String useCase;

    @Enumerated(EnumType.STRING)
    private SandboxStatus status;

    private @Nullable UUID decidedBy;

    private boolean decidedByPolicy;

    private @Nullable Instant decidedAt;

    private @Nullable String decisionNote;

    private @Nullable Instant provisioningAt;

    private @Nullable Instant readyAt;

    private @Nullable Instant expiresAt;

    private int extensionCount;

    private @Nullable Instant cancelledAt;

    private @Nullable Instant teardownRequestedAt;

    private @Nullable Instant tornDownAt;

    private @Nullable Instant failedAt;

    private @Nullable String failureLayer;

    private @Nullable String failureStep;

    private @Nullable String failureMessage;

    private @Nullable String accessUrl;

    @Convert(converter = JsonMaps.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private Map<String, Object> accessDetails;

    @Convert(converter = JsonMaps.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private @Nullable Map<String, Object> teardownReceipt;

    private @Nullable Instant rollbackStartedAt;

    private @Nullable Instant rolledBackAt;

    @Convert(converter = JsonMaps.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private @Nullable Map<String, Object> rollbackReceipt;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected Sandbox() {
        this.id = new UUID(0, 0);
        this.name = "";
        this.templateId = new UUID(0, 0);
        this.regionCode = "";
        this.organisationId = new UUID(0, 0);
        this.requestedBy = new UUID(0, 0);
        this.requestedAt = Instant.EPOCH;
        this.useCase = "";
        this.status = SandboxStatus.REQUESTED;
        this.accessDetails = new LinkedHashMap<>();
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    Sandbox(
            UUID id,
            String name,
            UUID templateId,
            String regionCode,
            UUID organisationId,
            UUID requestedBy,
            int lifetimeHours,
            String useCase,
            Instant now) {
        this();
        this.id = id;
        this.name = name;
        this.templateId = templateId;
        this.regionCode = regionCode;
        this.organisationId = organisationId;
        this.requestedBy = requestedBy;
        this.requestedAt = now;
        this.lifetimeHours = lifetimeHours;
        this.useCase = useCase;
        this.createdAt = now;
        this.updatedAt = now;
    }

    // ---- transitions ---------------------------------------------------------------------------

    void approve(@Nullable UUID by, boolean byPolicy, @Nullable String note, Instant now) {
        moveTo(SandboxStatus.APPROVED);
        decidedBy = by;
        decidedByPolicy = byPolicy;
        decidedAt = now;
        decisionNote = note;
        updatedAt = now;
    }

    void reject(UUID by, @Nullable String note, Instant now) {
        moveTo(SandboxStatus.REJECTED);
        decidedBy = by;
        decidedAt = now;
        decisionNote = note;
        updatedAt = now;
    }

    /** Withdrawn while it waits for a decision; anything later is refused. */
    void cancel(Instant now) {
        if (!status.canMoveTo(SandboxStatus.CANCELLED)) {
            throw new Conflict(
                    "sandbox.not_cancellable",
                    "Only a request waiting for approval can be cancelled (this " + "one is "
                            + status.label().toLowerCase(Locale.ROOT) + ").");
        }
        moveTo(SandboxStatus.CANCELLED);
        cancelledAt = now;
        updatedAt = now;
    }

    void provisioning(Instant now) {
        moveTo(SandboxStatus.PROVISIONING);
        if (provisioningAt == null) {
            provisioningAt = now;
        }
        failedAt = null;
        failureLayer = null;
        failureStep = null;
        failureMessage = null;
        rollbackStartedAt = null;
        rolledBackAt = null;
        updatedAt = now;
    }

    void ready(@Nullable String url, Map<String, Object> details, Instant now) {
        moveTo(SandboxStatus.READY);
        readyAt = now;
        expiresAt = now.plus(Duration.ofHours(lifetimeHours));
        accessUrl = url;
        accessDetails = new LinkedHashMap<>(details);
        updatedAt = now;
    }

    void failed(String layer, String step, String message, Instant now) {
        moveTo(SandboxStatus.FAILED);
        failedAt = now;
        failureLayer = layer;
        failureStep = step;
        failureMessage = message;
        updatedAt = now;
    }

    /** Only a ready sandbox gets a later end; it stays ready. */
    void extendTo(Instant newExpiry, Instant now) {
        if (status != SandboxStatus.READY) {
            throw new IllegalSandboxTransition(status, SandboxStatus.READY);
        }
        expiresAt = newExpiry;
        extensionCount++;
        updatedAt = now;
    }

    /**
     * Teardown starts. A sandbox that failed before it was ready gets its end set to now: it ends
     * here, and the schema wants an expiry on every sandbox being torn down.
     */
    void tearingDown(Instant now) {
        moveTo(SandboxStatus.TEARING_DOWN);
        if (teardownRequestedAt == null) {
            teardownRequestedAt = now;
        }
        if (expiresAt == null || expiresAt.isAfter(now)) {
            expiresAt = now;
        }
        failedAt = null;
        failureLayer = null;
        failureStep = null;
        failureMessage = null;
        updatedAt = now;
    }

    void tornDown(Map<String, Object> receipt, Instant now) {
        moveTo(SandboxStatus.TORN_DOWN);
        tornDownAt = now;
        teardownReceipt = new LinkedHashMap<>(receipt);
        updatedAt = now;
    }

    /**
     * The rollback of a failed provision starts: the sandbox stays failed (its failure is what is
     * being cleaned up), and only a failed one is rolled back.
     */
    void rollbackStarted(Instant now) {
        if (status != SandboxStatus.FAILED) {
            throw new IllegalSandboxTransition(status, SandboxStatus.FAILED);
        }
        if (rollbackStartedAt == null) {
            rollbackStartedAt = now;
        }
        updatedAt = now;
    }

    /** The rollback removed what the failed provision made; the sandbox stays failed, holding nothing. */
    void rolledBack(Map<String, Object> receipt, Instant now) {
        if (status != SandboxStatus.FAILED) {
            throw new IllegalSandboxTransition(status, SandboxStatus.FAILED);
        }
        if (rollbackStartedAt == null) {
            rollbackStartedAt = now;
        }
        rolledBackAt = now;
        rollbackReceipt = new LinkedHashMap<>(receipt);
        updatedAt = now;
    }

    /** Every state change goes through here: the moves {@link SandboxStatus#next()} allows, nothing else. */
    private void moveTo(SandboxStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalSandboxTransition(status, next);
        }
        status = next;
    }

    // ---- reading -------------------------------------------------------------------------------

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    UUID templateId() {
        return templateId;
    }

    String regionCode() {
        return regionCode;
    }

    UUID organisationId() {
        return organisationId;
    }

    UUID requestedBy() {
        return requestedBy;
    }

    Instant requestedAt() {
        return requestedAt;
    }

    int lifetimeHours() {
        return lifetimeHours;
    }

    String useCase() {
        return useCase;
    }

    SandboxStatus status() {
        return status;
    }

    @Nullable
    UUID decidedBy() {
        return decidedBy;
    }

    boolean decidedByPolicy() {
        return decidedByPolicy;
    }

    @Nullable
    Instant decidedAt() {
        return decidedAt;
    }

    @Nullable
    String decisionNote() {
        return decisionNote;
    }

    @Nullable
    Instant provisioningAt() {
        return provisioningAt;
    }

    @Nullable
    Instant readyAt() {
        return readyAt;
    }

    @Nullable
    Instant expiresAt() {
        return expiresAt;
    }

    int extensionCount() {
        return extensionCount;
    }

    @Nullable
    Instant cancelledAt() {
        return cancelledAt;
    }

    @Nullable
    Instant teardownRequestedAt() {
        return teardownRequestedAt;
    }

    @Nullable
    Instant tornDownAt() {
        return tornDownAt;
    }

    @Nullable
    Instant failedAt() {
        return failedAt;
    }

    @Nullable
    String failureLayer() {
        return failureLayer;
    }

    @Nullable
    String failureStep() {
        return failureStep;
    }

    @Nullable
    String failureMessage() {
        return failureMessage;
    }

    @Nullable
    String accessUrl() {
        return accessUrl;
    }

    Map<String, Object> accessDetails() {
        return accessDetails;
    }

    @Nullable
    Map<String, Object> teardownReceipt() {
        return teardownReceipt;
    }

    @Nullable
    Instant rollbackStartedAt() {
        return rollbackStartedAt;
    }

    @Nullable
    Instant rolledBackAt() {
        return rolledBackAt;
    }

    @Nullable
    Map<String, Object> rollbackReceipt() {
        return rollbackReceipt;
    }

    long version() {
        return version;
    }
}
