package dev.demoportal.identity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An invitation as field engineers see it (never its token). */
public record InvitationSummary(UUID id, String email, OrganisationRef organisation, String invitedBy,
        Instant createdAt, Instant expiresAt, @Nullable Instant acceptedAt, @Nullable Instant revokedAt,
        State state) {

    public enum State { OPEN, ACCEPTED, EXPIRED, REVOKED }
}
