package dev.demoportal.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** An API token of a person or a service account; only the hash of the token is kept. */
@Entity
@Table(name = "api_token")
class ApiToken {

    /** Last use is written at most this often, so a busy pipeline does not write on every call. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    @Id
    private UUID id;

    private UUID ownerId;

    private String name;

    private String hint;

    private String tokenHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] roles;

    private UUID createdBy;

    private Instant createdAt;

    private Instant expiresAt;

    private @Nullable Instant lastUsedAt;

    private @Nullable Instant revokedAt;

    private @Nullable UUID revokedBy;

    protected ApiToken() {
        this.id = new UUID(0, 0);
        this.ownerId = id;
        this.name = "";
        this.hint = "";
        this.tokenHash = "";
        this.roles = new String[0];
        this.createdBy = id;
        this.createdAt = Instant.EPOCH;
        this.expiresAt = Instant.EPOCH;
    }

    ApiToken(UUID ownerId, String name, String token, Set<Role> roles, UUID createdBy, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.name = name;
        this.hint = ApiTokenFormat.hint(token);
        this.tokenHash = ApiTokenFormat.hash(token);
        this.roles = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        this.createdBy = createdBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    UUID id() {
        return id;
    }

    UUID ownerId() {
        return ownerId;
    }

    String tokenHash() {
        return tokenHash;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    @Nullable
    Instant lastUsedAt() {
        return lastUsedAt;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    Set<Role> roleSet() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        for (String r : roles) {
            set.add(Role.valueOf(r));
        }
        return set;
    }

    /** Records a use; answers whether the row changed (at most once per {@link #LAST_USED_PRECISION}). */
    boolean used(Instant now) {
        if (lastUsedAt != null && lastUsedAt.plus(LAST_USED_PRECISION).isAfter(now)) {
            return false;
        }
        lastUsedAt = now;
        return true;
    }

    void revoke(UUID by, Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
            revokedBy = by;
        }
    }

    ApiTokenSummary toView(Instant now) {
        ApiTokenSummary.State state = revokedAt != null
                ? ApiTokenSummary.State.REVOKED
                : !expiresAt.isAfter(now) ? ApiTokenSummary.State.EXPIRED : ApiTokenSummary.State.ACTIVE;
        return new ApiTokenSummary(
                id,
                ownerId,
                name,
                ApiTokenFormat.PREFIX + hint + "…",
                roleSet(),
                createdAt,
                expiresAt,
                lastUsedAt,
                revokedAt,
                state);
    }
}
