package dev.demoportal.identity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A field engineer's invitation of one e-mail address into one organisation; only the token's hash is kept. */
@Entity
@Table(name = "invitation")
class Invitation {

    @Id
    private UUID id;

    private String email;

    private UUID organisationId;

    private UUID invitedBy;

    private String tokenHash;

    private Instant createdAt;

    private Instant expiresAt;

    private @Nullable Instant acceptedAt;

    private @Nullable UUID acceptedBy;

    private @Nullable Instant revokedAt;

    protected Invitation() {
        this.id = new UUID(0, 0);
        this.email = "";
        this.organisationId = new UUID(0, 0);
        this.invitedBy = new UUID(0, 0);
        this.tokenHash = "";
        this.createdAt = Instant.EPOCH;
        this.expiresAt = Instant.EPOCH;
    }

    Invitation(String email, UUID organisationId, UUID invitedBy, String tokenHash, Instant now, Instant expiresAt) {
        this();
        this.id = UUID.randomUUID();
        this.email = email;
        this.organisationId = organisationId;
        this.invitedBy = invitedBy;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    boolean usable(Instant now) {
        return acceptedAt == null && revokedAt == null && expiresAt.isAfter(now);
    }

    void accept(UUID user, Instant now) {
        acceptedAt = now;
        acceptedBy = user;
    }

    void revoke(Instant now) {
        revokedAt = now;
    }

    UUID id() { return id; }
    String email() { return email; }
    UUID organisationId() { return organisationId; }
    UUID invitedBy() { return invitedBy; }
    Instant createdAt() { return createdAt; }
    Instant expiresAt() { return expiresAt; }
    @Nullable Instant acceptedAt() { return acceptedAt; }
    @Nullable UUID acceptedBy() { return acceptedBy; }
    @Nullable Instant revokedAt() { return revokedAt; }
}
