package dev.demoportal.booking;

import dev.demoportal.environment.AccessSettings.SubjectKind;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The access lease of one holding, and the durable job of granting and revoking its binding: due
 * at {@link #nextAttemptAt} (a grant) or at {@link #revokeDueAt} (the revoke), claimed by one
 * worker at a time until {@link #claimedUntil}.
 */
@Entity
@Table(name = "access_lease")
class AccessLease {

    /** A claim a worker does not finish in this time (it died) lapses, and another worker goes on. */
    static final Duration CLAIM = Duration.ofMinutes(1);

    @Id
    private UUID id;

    private UUID bookingId;
    private UUID environmentId;
    private int slotNo;
    private UUID holderId;
    private String regionCode;
    private String namespace;
    private String bindingName;

    @Enumerated(EnumType.STRING)
    private SubjectKind subjectKind;

    private String subject;
    private String clusterRole;

    @Enumerated(EnumType.STRING)
    private AccessStatus status;

    private Instant grantDueAt;
    private Instant revokeDueAt;
    private @Nullable Instant grantedAt;
    private @Nullable Instant revokedAt;
    private int attempts;
    private @Nullable String lastError;
    private Instant nextAttemptAt;
    private @Nullable Instant claimedUntil;
    private Instant createdAt;
    private Instant updatedAt;

    protected AccessLease() {
        this.id = new UUID(0, 0);
        this.bookingId = id;
        this.environmentId = id;
        this.holderId = id;
        this.regionCode = "";
        this.namespace = "";
        this.bindingName = "";
        this.subjectKind = SubjectKind.USER;
        this.subject = "";
        this.clusterRole = "";
        this.status = AccessStatus.PENDING;
        this.grantDueAt = Instant.EPOCH;
        this.revokeDueAt = Instant.EPOCH;
        this.nextAttemptAt = Instant.EPOCH;
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    AccessLease(
            Booking booking,
            String regionCode,
            String namespace,
            SubjectKind subjectKind,
            String subject,
            String clusterRole,
            Instant now) {
        this();
        this.id = UUID.randomUUID();
        this.bookingId = booking.id();
        this.environmentId = booking.environmentId();
        this.slotNo = booking.slotNo();
        this.holderId = booking.holderId();
        this.regionCode = regionCode;
        this.namespace = namespace;
        // one binding per holding: two slots held by one person are two bindings, revoked apart
        this.bindingName = "demoportal-lease-" + booking.id().toString().substring(0, 8);
        this.subjectKind = subjectKind;
        this.subject = subject;
        this.clusterRole = clusterRole;
        this.grantDueAt = booking.startsAt();
        this.revokeDueAt = booking.endsAt();
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The holding's end moved (an extension, a release, a no-show): the revoke follows it. */
    boolean followEnd(Instant end, Instant now) {
        if (status == AccessStatus.REVOKED || end.equals(revokeDueAt)) {
            return false;
        }
        revokeDueAt = end;
        if (nextAttemptAt.isAfter(end)) {
            // a grant waiting to retry must not hold up the revoke
            nextAttemptAt = end;
        }
        updatedAt = now;
        return true;
    }

    void claim(Instant now) {
        claimedUntil = now.plus(CLAIM);
        attempts++;
        updatedAt = now;
    }

    void granted(Instant now) {
        move(AccessStatus.ACTIVE);
        grantedAt = now;
        lastError = null;
        claimedUntil = null;
        updatedAt = now;
    }

    void failed(String error, Instant retryAt, Instant now) {
        if (status != AccessStatus.ACTIVE) {
            move(AccessStatus.FAILED);
        }
        lastError = error.length() > 500 ? error.substring(0, 500) : error;
        nextAttemptAt = retryAt;
        claimedUntil = null;
        updatedAt = now;
    }

    void revoked(Instant now) {
        move(AccessStatus.REVOKED);
        revokedAt = now;
        claimedUntil = null;
        updatedAt = now;
    }

    private void move(AccessStatus target) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("access lease " + id + " cannot move from " + status + " to " + target);
        }
        status = target;
    }

    /** Due to be revoked at {@code now}: the holding ended and the binding may still exist. */
    boolean revokeDue(Instant now) {
        return status != AccessStatus.REVOKED && !revokeDueAt.isAfter(now);
    }

    UUID id() {
        return id;
    }

    UUID bookingId() {
        return bookingId;
    }

    UUID environmentId() {
        return environmentId;
    }

    int slotNo() {
        return slotNo;
    }

    UUID holderId() {
        return holderId;
    }

    String regionCode() {
        return regionCode;
    }

    String namespace() {
        return namespace;
    }

    String bindingName() {
        return bindingName;
    }

    SubjectKind subjectKind() {
        return subjectKind;
    }

    String subject() {
        return subject;
    }

    String clusterRole() {
        return clusterRole;
    }

    AccessStatus status() {
        return status;
    }

    Instant grantDueAt() {
        return grantDueAt;
    }

    Instant revokeDueAt() {
        return revokeDueAt;
    }

    int attempts() {
        return attempts;
    }

    AccessSummary toView() {
        return new AccessSummary(
                bookingId, status, namespace, subject, grantedAt, revokeDueAt, revokedAt, attempts, lastError);
    }
}
