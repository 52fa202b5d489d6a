package dev.demoportal.identity;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A portal user as the rest of the application sees them. */
public record UserAccount(
        UUID id,
        @Nullable String email,
        String displayName,
        Set<Role> roles,
        @Nullable OrganisationRef organisation) {

    public UserAccount {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean customer() {
        return roles.contains(Role.CUSTOMER);
    }
}
