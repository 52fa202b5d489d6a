package dev.demoportal.provisioning;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What to build for one sandbox, as the sandbox feature hands it to provisioning. Snapshotted on
 * the job, so a template edited later does not change a job already scheduled.
 *
 * @param sandboxId the sandbox
 * @param name deterministic base name of every resource (DNS label, namespace, IAM role suffix)
 * @param organisationSlug the owner organisation, for labels and the customer's group
 * @param templateSlug the template it was made from
 * @param regionCode the portal region code (na, emea, apj)
 * @param awsRegion the AWS region of that portal region
 * @param customerGroup the IdP group whose members get access to the sandbox namespace
 * @param expiresAt when the sandbox expires (labels and annotations; null before it is ready)
 * @param parameters the template's provisioning parameters (quota, limits, ...); none when the
 *     stored spec has none
 * @param lifetimeHours the lifetime granted from ready, while {@code expiresAt} is still null: a
 *     provision bounds what it hands over (the kubeconfig's token) by it; null in specs stored
 *     before it was recorded
 */
public record SandboxSpec(
        UUID sandboxId,
        String name,
        String organisationSlug,
        String templateSlug,
        String regionCode,
        String awsRegion,
        String customerGroup,
        @org.jspecify.annotations.Nullable Instant expiresAt,
        Map<String, String> parameters,
        @org.jspecify.annotations.Nullable Integer lifetimeHours) {

    /** A spec that does not know the lifetime (an extension or a teardown needs only the expiry). */
    public SandboxSpec(
            UUID sandboxId,
            String name,
            String organisationSlug,
            String templateSlug,
            String regionCode,
            String awsRegion,
            String customerGroup,
            @org.jspecify.annotations.Nullable Instant expiresAt,
            Map<String, String> parameters) {
        this(
                sandboxId,
                name,
                organisationSlug,
                templateSlug,
                regionCode,
                awsRegion,
                customerGroup,
                expiresAt,
                parameters,
                null);
    }

    /**
     * The latest moment anything handed to the customer may stay valid, seen from {@code now}: the
     * expiry once known, else {@code now} plus the lifetime (the sandbox becomes ready after now, so
     * it expires no earlier); null when neither is known.
     */
    public @org.jspecify.annotations.Nullable Instant validUntil(Instant now) {
        if (expiresAt != null) {
            return expiresAt;
        }
        return lifetimeHours == null ? null : now.plus(java.time.Duration.ofHours(lifetimeHours));
    }

    public SandboxSpec {
        // read back from a stored job, whatever it holds: a missing map is empty, a null value absent
        parameters = parameters == null
                ? Map.of()
                : parameters.entrySet().stream()
                        .filter(e -> e.getKey() != null && e.getValue() != null)
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
