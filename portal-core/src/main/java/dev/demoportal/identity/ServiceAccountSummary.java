package dev.demoportal.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A service account: a non-person user of the portal that pipelines act as, with roles set by an admin. */
public record ServiceAccountSummary(UUID id, String name, Set<Role> roles, Instant createdAt) {

    public ServiceAccountSummary {
        roles = Set.copyOf(roles);
    }
}
