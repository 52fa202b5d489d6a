package dev.demoportal.sandbox;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.Transactions;
import dev.demoportal.provisioning.JobAlreadyOpen;
import dev.demoportal.sandbox.SandboxEvents.SandboxFailedCleanupStarted;
import dev.demoportal.sandbox.SandboxEvents.SandboxTeardownStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The teardowns nobody asks for, started by the worker every 30 seconds: of sandboxes whose time is
 * up, and of failed sandboxes nobody retried before their clean-up deadline
 * ({@code portal.sandbox.failed-cleanup-after}), so a failure does not hold resources or quota for
 * ever. Each sandbox is handled in its own transaction. (Expiry warnings are
 * {@link SandboxService#sendExpiryWarnings()}.)
 */
@Service
public class SandboxCleanupService {

    private final SandboxRepository sandboxes;
    private final SandboxService service;
    private final SandboxProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    SandboxCleanupService(
            SandboxRepository sandboxes,
            SandboxService service,
            SandboxProperties properties,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.sandboxes = sandboxes;
        this.service = service;
        this.properties = properties;
        this.clock = clock;
        this.tx = Transactions.own(transactions);
        this.readOnly = Transactions.readOnly(transactions);
    }

    /** Starts teardown of every ready sandbox whose time is up. */
    @PreAuthorize("hasRole('ADMIN')")
    public int tearDownExpired() {
        Instant now = clock.instant();
        return tearDown(readOnly.execute(s -> sandboxes.expiredAt(now)), sandbox -> {
            if (sandbox.status() != SandboxStatus.READY
                    || sandbox.expiresAt() == null
                    || sandbox.expiresAt().isAfter(clock.instant())) {
                return false;
            }
            service.startTeardown(sandbox, view -> new SandboxTeardownStarted(CurrentActor.actor(), view, true));
            service.tellRequester(sandbox, "Your sandbox " + sandbox.name() + " expired and is being torn down.");
            return true;
        });
    }

    /**
     * Starts teardown of every failed sandbox whose clean-up deadline has passed: failed longer ago
     * than {@code portal.sandbox.failed-cleanup-after} and not retried since (a retry that fails
     * again starts the wait anew). A failed teardown is torn down again the same way.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public int tearDownFailed() {
        Duration keep = properties.failedCleanupAfter();
        Instant cutoff = clock.instant().minus(keep);
        return tearDown(readOnly.execute(s -> sandboxes.failedBefore(cutoff)), sandbox -> {
            Instant failedAt = sandbox.failedAt();
            if (sandbox.status() != SandboxStatus.FAILED
                    || failedAt == null
                    || failedAt.isAfter(clock.instant().minus(keep))) {
                return false;
            }
            service.startTeardown(
                    sandbox, view -> new SandboxFailedCleanupStarted(CurrentActor.actor(), view, failedAt, keep));
            service.tellRequester(
                    sandbox,
                    "Your sandbox " + sandbox.name() + " failed and was not retried within "
                            + SandboxService.human(keep)
                            + "; it is being torn down and no longer counts against your quota.");
            return true;
        });
    }

    /** Runs {@code start} on each sandbox in a transaction of its own; returns how many it started. */
    private int tearDown(List<UUID> ids, Function<Sandbox, Boolean> start) {
        int started = 0;
        for (UUID id : ids) {
            try {
                Boolean done =
                        tx.execute(s -> start.apply(sandboxes.findById(id).orElseThrow()));
                if (Boolean.TRUE.equals(done)) {
                    started++;
                }
            } catch (JobAlreadyOpen | DataIntegrityViolationException busy) {
                // another job of this sandbox (an extension, a retry) is still open; the next run tries again
            } catch (ObjectOptimisticLockingFailureException changed) {
                // someone extended, retried or tore it down meanwhile; the next run looks again
            }
        }
        return started;
    }

    /** Seconds past expiry of the oldest sandbox not yet torn down (for the expiry-lag gauge). */
    double expiryLagSeconds() {
        Double lag = readOnly.execute(s -> sandboxes.expiryLagSeconds(clock.instant()));
        return lag == null ? 0 : lag;
    }
}
