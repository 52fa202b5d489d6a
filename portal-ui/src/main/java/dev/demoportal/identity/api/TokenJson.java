package dev.demoportal.identity.api;

import dev.demoportal.identity.ApiTokenSummary;
import dev.demoportal.identity.CreatedApiToken;
import dev.demoportal.identity.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An API token in the API. {@code token} is set once, in the answer that created it; {@code display}
 * ({@code dpt_} and its first characters) tells tokens apart in a list.
 */
record TokenJson(
        UUID id,
        String name,
        String display,
        List<String> roles,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt,
        String state,
        @Nullable String token) {

    static TokenJson of(ApiTokenSummary t) {
        return new TokenJson(
                t.id(),
                t.name(),
                t.display(),
                t.roles().stream().map(Role::name).sorted().toList(),
                t.createdAt(),
                t.expiresAt(),
                t.lastUsedAt(),
                t.revokedAt(),
                t.state().name(),
                null);
    }

    static TokenJson created(CreatedApiToken created) {
        TokenJson j = of(created.view());
        return new TokenJson(
                j.id,
                j.name,
                j.display,
                j.roles,
                j.createdAt,
                j.expiresAt,
                j.lastUsedAt,
                j.revokedAt,
                j.state,
                created.token());
    }
}
