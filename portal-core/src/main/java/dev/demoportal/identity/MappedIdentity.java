package dev.demoportal.identity;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the IdP says about someone, already translated into portal terms. */
public record MappedIdentity(String issuer, String subject, @Nullable String email, String displayName,
        Set<Role> roles, @Nullable String organisation) {

    public MappedIdentity {
        roles = Set.copyOf(roles);
    }
}
