package dev.demoportal.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Customer sandboxes.
 *
 * @param secretKey AES-256 key (base64 of 32 bytes) that encrypts sandbox secrets at rest; in
 *     production from a Kubernetes Secret (env {@code PORTAL_SANDBOX_SECRET_KEY}); the same on every
 *     portal and worker replica
 * @param localSecretKeyFile local mode only, when no key is set: where the generated key is kept so
 *     secrets survive restarts
 * @param expiryWarnings how long before expiry owners are warned (in the portal and by e-mail), once each
 * @param failedCleanupAfter how long a failed sandbox is kept for a field engineer to retry it; then the
 *     worker tears it down, so it no longer holds resources or quota
 */
@ConfigurationProperties("portal.sandbox")
public record SandboxProperties(
        @Nullable String secretKey,
        @DefaultValue(".local/sandbox-secret.key") Path localSecretKeyFile,
        @DefaultValue({"24h", "1h"}) List<Duration> expiryWarnings,
        @DefaultValue("24h") Duration failedCleanupAfter) {

    public SandboxProperties {
        expiryWarnings = expiryWarnings.stream().filter(d -> !d.isNegative() && !d.isZero())
                .sorted(java.util.Comparator.reverseOrder()).toList();
        if (failedCleanupAfter.isNegative()) {
            throw new IllegalArgumentException("portal.sandbox.failed-cleanup-after must not be negative");
        }
    }
}
