package dev.demoportal.identity;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who an API call acts for once a token was accepted: the portal user (a person or a service
 * account), the roles the call may use, and, for an API token, which one.
 */
public record ApiCaller(
        UserAccount user, Set<Role> roles, @Nullable UUID tokenId) {

    public ApiCaller {
        roles = Set.copyOf(roles);
    }
}
