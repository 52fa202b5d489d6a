package dev.demoportal.sandbox;

import dev.demoportal.sandbox.SandboxKeysets.Keys;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code sandboxKeys}, part of both apps' readiness: down while the keys that
 * encrypt sandbox secrets cannot be loaded or fail an encrypt/decrypt round trip, so a pod with a
 * missing or unusable keyset gets no traffic (and a rollout with a bad keyset stops) instead of
 * failing every sandbox that becomes ready. The details name key ids and where the keyset came
 * from, never key material.
 */
@Component
class SandboxKeysHealthIndicator implements HealthIndicator {

    private final SandboxKeyring keyring;

    SandboxKeysHealthIndicator(SandboxKeyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public Health health() {
        try {
            Keys keys = keyring.check();
            return Health.up()
                    .withDetail("primaryKeyId", keys.primaryKeyId())
                    .withDetail("keyIds", keys.keyIds())
                    .withDetail("keyset", keys.source())
                    .withDetail("legacyKey", keys.legacy() != null)
                    .build();
        } catch (SandboxKeysUnavailable e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
