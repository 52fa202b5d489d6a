package dev.demoportal.sandbox;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.Mailer;
import dev.demoportal.provisioning.JobAlreadyOpen;
import dev.demoportal.sandbox.SandboxEvents.SandboxExpiryWarned;
import dev.demoportal.sandbox.SandboxEvents.SandboxFailedCleanupStarted;
import dev.demoportal.sandbox.SandboxEvents.SandboxTeardownStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the worker enforces on time, every 30 seconds: expiry warnings, the teardown of sandboxes
 * whose time is up, and the teardown of failed sandboxes nobody retried before their clean-up
 * deadline ({@code portal.sandbox.failed-cleanup-after}), so a failure does not hold resources or
 * quota for ever. Each sandbox is handled in its own transaction.
 */
@Service
public class SandboxExpiryService {

    private final SandboxRepository sandboxes;
    private final SandboxService service;
    private final UserService users;
    private final Mailer mailer;
    private final SandboxProperties properties;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    SandboxExpiryService(SandboxRepository sandboxes, SandboxService service, UserService users, Mailer mailer,
            SandboxProperties properties, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock,
            PlatformTransactionManager transactions) {
        this.sandboxes = sandboxes;
        this.service = service;
        this.users = users;
        this.mailer = mailer;
        this.properties = properties;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Starts teardown of every ready sandbox whose time is up. */
    @PreAuthorize("hasRole('ADMIN')")
    public int tearDownExpired() {
        Instant now = clock.instant();
        return tearDown(readOnly.execute(s -> sandboxes.expiredAt(now)), sandbox -> {
            if (sandbox.status() != SandboxStatus.READY || sandbox.expiresAt() == null
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
            if (sandbox.status() != SandboxStatus.FAILED || failedAt == null
                    || failedAt.isAfter(clock.instant().minus(keep))) {
                return false;
            }
            service.startTeardown(sandbox, view -> new SandboxFailedCleanupStarted(CurrentActor.actor(), view,
                    failedAt, keep));
            service.tellRequester(sandbox, "Your sandbox " + sandbox.name() + " failed and was not retried within "
                    + human(keep) + "; it is being torn down and no longer counts against your quota.");
            return true;
        });
    }

    /** Runs {@code start} on each sandbox in a transaction of its own; returns how many it started. */
    private int tearDown(List<UUID> ids, Function<Sandbox, Boolean> start) {
        int started = 0;
        for (UUID id : ids) {
            try {
                Boolean done = tx.execute(s -> start.apply(sandboxes.findById(id).orElseThrow()));
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

    /**
     * Warns owners before expiry, once per lead time and expiry (an extension re-arms the warnings).
     * A lead as long as the sandbox's whole life or longer is skipped (a 24-hour sandbox is not
     * told "24 hours left" the moment it is ready).
     */
    @PreAuthorize("hasRole('ADMIN')")
    public int sendExpiryWarnings() {
        List<Duration> leads = properties.expiryWarnings();
        if (leads.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int sent = 0;
        for (UUID id : readOnly.execute(s -> sandboxes.expiringBetween(now, now.plus(leads.getFirst())))) {
            Boolean warned = tx.execute(s -> warn(id, leads, now));
            if (Boolean.TRUE.equals(warned)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean warn(UUID id, List<Duration> leads, Instant now) {
        Sandbox sandbox = sandboxes.findById(id).orElseThrow();
        Instant expiry = sandbox.expiresAt();
        if (sandbox.status() != SandboxStatus.READY || expiry == null || !expiry.isAfter(now)) {
            return false;
        }
        List<Duration> reached = leads.stream()
                .filter(lead -> !expiry.minus(lead).isAfter(now))
                .filter(lead -> sandbox.readyAt() == null || expiry.minus(lead).isAfter(sandbox.readyAt()))
                .toList();
        if (reached.isEmpty()) {
            return false;
        }
        // the shortest lead reached is the one worth telling; longer ones are marked as sent with it
        Duration due = reached.getLast();
        boolean first = false;
        for (Duration lead : reached) {
            int inserted = jdbc.sql("""
                            insert into sandbox_expiry_warning (sandbox_id, expires_at, lead_minutes, sent_at)
                            values (?, ?, ?, ?) on conflict do nothing""")
                    .params(id, java.sql.Timestamp.from(expiry), (int) lead.toMinutes(), java.sql.Timestamp.from(now))
                    .update();
            if (lead.equals(due)) {
                first = inserted == 1;
            }
        }
        if (!first) {
            return false;
        }
        SandboxView view = service.view(sandbox);
        String left = human(Duration.between(now, expiry));
        String message = "Your sandbox " + sandbox.name() + " expires in " + left + " (at " + expiry + ")."
                + (view.extendableHours() > 0 ? " You can extend it by up to " + view.extendableHours() + " hours."
                        : "");
        service.tellRequester(sandbox, message);
        users.account(sandbox.requestedBy()).map(UserAccount::email).ifPresent(email -> mailer.send(email,
                "Your sandbox " + sandbox.name() + " expires in " + left,
                message + "\n\nOpen it: " + mailer.link("sandboxes/" + sandbox.id()) + "\n"));
        events.publishEvent(new SandboxExpiryWarned(CurrentActor.actor(), view, (int) due.toMinutes()));
        return true;
    }

    /** "45 minutes", "3 hours": the words of warnings and notifications. */
    static String human(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        if (minutes < 120) {
            return minutes + " minutes";
        }
        return (minutes + 30) / 60 + " hours";
    }

    /** Seconds past expiry of the oldest sandbox not yet torn down (for the expiry-lag gauge). */
    double expiryLagSeconds() {
        Double lag = readOnly.execute(s -> sandboxes.expiryLagSeconds(clock.instant()));
        return lag == null ? 0 : lag;
    }
}
