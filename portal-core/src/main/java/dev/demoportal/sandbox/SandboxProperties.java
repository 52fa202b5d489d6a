package dev.demoportal.sandbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Customer sandboxes. The keys that encrypt their secrets are {@link SandboxKeyProperties}.
 *
 * @param expiryWarnings how long before expiry owners are warned (in the portal and by e-mail), once each
 * @param failedCleanupAfter how long a failed sandbox is kept for a field engineer to retry it; then the
 *     worker tears it down, so it no longer holds resources or quota
 */
@ConfigurationProperties("portal.sandbox")
public record SandboxProperties(
        @DefaultValue({"24h", "1h"}) List<Duration> expiryWarnings,
        @DefaultValue("24h") Duration failedCleanupAfter) {

    public SandboxProperties {
        expiryWarnings = expiryWarnings.stream()
                .filter(d -> !d.isNegative() && !d.isZero())
                .sorted(java.util.Comparator.reverseOrder())
                .toList();
        if (failedCleanupAfter.isNegative()) {
            throw new IllegalArgumentException("portal.sandbox.failed-cleanup-after must not be negative");
        }
    }
}
