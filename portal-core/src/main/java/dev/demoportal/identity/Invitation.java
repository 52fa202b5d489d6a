package dev.demoportal.identity;

import dev.demoportal.identity.InvitationSummary.State;
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
        return state(now) == State.OPEN;
    }

    /** Where it is at {@code now}: expiry is a move time makes, so the state is derived, not stored. */
    State state(Instant now) {
        return acceptedAt != null
                ? State.ACCEPTED
                : revokedAt != null ? State.REVOKED : expiresAt.isAfter(now) ? State.OPEN : State.EXPIRED;
    }

    void accept(UUID user, Instant now) {
        moveTo(State.ACCEPTED, now);
        acceptedAt = now;
        acceptedBy = user;
    }

    void revoke(Instant now) {
        moveTo(State.REVOKED, now);
        revokedAt = now;
    }

    /** Every change goes through here: the moves {@link State#next()} allows, nothing else. */
    private void moveTo(State next, Instant now) {
        State current = state(now);
        if (!current.canMoveTo(next)) {
            throw new InvitationNotOpen(current, next);
        }
    }

    UUID id() {
        return id;
    }

    String email() {
        return email;
    }

    UUID organisationId() {
        return organisationId;
    }

    UUID invitedBy() {
        return invitedBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    @Nullable
    Instant acceptedAt() {
        return acceptedAt;
    }

    @Nullable
    UUID acceptedBy() {
        return acceptedBy;
    }

    @Nullable
    Instant revokedAt() {
        return revokedAt;
    }
}
