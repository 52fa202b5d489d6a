package dev.demoportal.identity;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the IdP says about someone, already translated into portal terms. {@code emailVerified}:
 * the IdP vouches that the address is the person's; only then does it bind them to an
 * organisation (by domain or invitation).
 */
public record MappedIdentity(
        String issuer,
        String subject,
        @Nullable String email,
        boolean emailVerified,
        String displayName,
        Set<Role> roles,
        @Nullable String organisation) {

    public MappedIdentity {
        roles = Set.copyOf(roles);
    }

    /** Someone whose address is known to be theirs: demo data and tests, never a token's claims. */
    public MappedIdentity(
            String issuer,
            String subject,
            @Nullable String email,
            String displayName,
            Set<Role> roles,
            @Nullable String organisation) {
        this(issuer, subject, email, true, displayName, roles, organisation);
    }
}
