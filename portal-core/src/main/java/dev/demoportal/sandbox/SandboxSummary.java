package dev.demoportal.sandbox;

import dev.demoportal.identity.OrganisationRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A sandbox (and its request) as people and the API see it. Never carries a secret: those are
 * revealed one by one through {@link SandboxService#revealSecrets(UUID)}.
 *
 * @param decidedBy who decided, or null when undecided or decided by policy
 * @param cancelledAt when its organisation withdrew the request, before anyone decided
 * @param cleanupAt while it has failed: when the worker tears it down unless it is retried first
 * @param accessDetails how to connect (host names, namespace, ...), never secrets
 * @param secretNames the names of the secrets the owner may reveal
 * @param rolledBackAt when what a failed provision made was removed (it stays failed)
 * @param teardownReceipt what its teardown, or else its rollback, found and removed per layer and
 *     the final "nothing left" check (as the worker recorded it; older receipts have fewer parts)
 */
public record SandboxSummary(
        UUID id,
        String name,
        SandboxStatus status,
        String templateSlug,
        String templateName,
        String region,
        OrganisationRef organisation,
        Person requestedBy,
        Instant requestedAt,
        int lifetimeHours,
        String useCase,
        @Nullable Person decidedBy,
        boolean decidedByPolicy,
        @Nullable Instant decidedAt,
        @Nullable String decisionNote,
        @Nullable Instant cancelledAt,
        @Nullable Instant provisioningAt,
        @Nullable Instant readyAt,
        @Nullable Instant expiresAt,
        int extensionCount,
        int maxLifetimeHours,
        @Nullable Instant teardownRequestedAt,
        @Nullable Instant tornDownAt,
        @Nullable Instant failedAt,
        @Nullable String failureLayer,
        @Nullable String failureStep,
        @Nullable String failureMessage,
        @Nullable Instant cleanupAt,
        @Nullable String accessUrl,
        Map<String, String> accessDetails,
        List<String> secretNames,
        @Nullable Instant rolledBackAt,
        @Nullable Map<String, Object> teardownReceipt,
        long version) {

    /** Someone who did something to a sandbox. */
    public record Person(UUID id, String name) {}

    /** Time left until expiry, or null when it has none (yet) or it has passed. */
    public @Nullable Duration remaining(Instant now) {
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            return null;
        }
        return Duration.between(now, expiresAt);
    }

    /** The latest expiry extensions may reach: the template's maximum lifetime from ready. */
    public @Nullable Instant latestExpiry() {
        return readyAt == null ? null : readyAt.plus(Duration.ofHours(maxLifetimeHours));
    }

    /** Hours it may still be extended by without a new approval (0 when it cannot be extended). */
    public int extendableHours() {
        if (status != SandboxStatus.READY || expiresAt == null || latestExpiry() == null) {
            return 0;
        }
        return (int) Math.max(0, Duration.between(expiresAt, latestExpiry()).toHours());
    }

    /** Who decided, as a person reads it. */
    public String decidedByLabel() {
        if (decidedByPolicy) {
            return "policy (auto-approval)";
        }
        return decidedBy == null ? "" : decidedBy.name();
    }
}
