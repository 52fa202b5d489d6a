package dev.demoportal.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An API token as its owner sees it in a list: never the token itself, only {@code display}
 * ({@code dpt_} and its first characters) to tell tokens apart.
 */
public record ApiTokenSummary(
        UUID id,
        UUID ownerId,
        String name,
        String display,
        Set<Role> roles,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt,
        State state) {

    public ApiTokenSummary {
        roles = Set.copyOf(roles);
    }

    public enum State {
        ACTIVE,
        EXPIRED,
        REVOKED
    }
}
