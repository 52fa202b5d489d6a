package dev.demoportal.sandbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * {@code portal.sandbox.approvals} (decisions, counted when they commit) and
 * {@code portal.sandbox.expiry.lag} (seconds past expiry of the oldest sandbox not torn down yet:
 * above a minute means expiry enforcement is behind), and {@code portal.sandbox.secrets.stale}
 * (secrets not under this replica's primary key: zero after a rotation means the old key can go).
 * Nothing is recorded without a registry.
 */
@Component
class SandboxMetrics {

    private final ObjectProvider<MeterRegistry> registry;

    SandboxMetrics(
            ObjectProvider<MeterRegistry> registry,
            SandboxCleanupService cleanup,
            SecretReencryptionService reencryption) {
        this.registry = registry;
        registry.ifAvailable(
                r -> Gauge.builder("portal.sandbox.expiry.lag", cleanup, SandboxCleanupService::expiryLagSeconds)
                        .baseUnit("seconds")
                        .description("Seconds past expiry of the oldest sandbox that is not torn down yet")
                        .register(r));
        registry.ifAvailable(r -> Gauge.builder(
                        "portal.sandbox.secrets.stale", reencryption, SecretReencryptionService::staleSecrets)
                .description(
                        "Sandbox secrets not under the primary key of this replica's keyset (legacy ones included)")
                .register(r));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(SandboxEvents.SandboxApproved approved) {
        count(approved.byPolicy() ? "auto_approved" : "approved");
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(SandboxEvents.SandboxRejected rejected) {
        count("rejected");
    }

    private void count(String decision) {
        registry.ifAvailable(r -> Counter.builder("portal.sandbox.approvals")
                .tag("decision", decision)
                .description("Sandbox request decisions")
                .register(r)
                .increment());
    }
}
