package dev.demoportal.sandbox;

import dev.demoportal.audit.AuditService;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.Transactions;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.provisioning.ProvisioningService;
import dev.demoportal.sandbox.SandboxEvents.SandboxChange;
import dev.demoportal.sandbox.SandboxEvents.SandboxExpiryWarned;
import dev.demoportal.sandbox.SandboxEvents.SandboxRetried;
import dev.demoportal.sandbox.SandboxEvents.SandboxSecretsRevealed;
import dev.demoportal.sandbox.SandboxEvents.SandboxTeardownStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watching sandboxes and ending them: the list, one sandbox with its jobs and timeline, early
 * teardown, retrying a failed job, revealing the owner's secrets, and the expiry warnings.
 * Customers see only their own organisation's sandboxes; for anything else they get "not found",
 * so ids of other organisations' sandboxes are not confirmed. Requests and decisions are
 * {@link SandboxRequestService}, extensions {@link SandboxExtensionService}.
 */
@Service
public class SandboxService {

    private final SandboxRepository sandboxes;
    private final SandboxQueries queries;
    private final SandboxTemplateRepository templates;
    private final SandboxSecretRepository secrets;
    private final ExtensionRequestRepository extensions;
    private final ExpiryWarningRepository warnings;
    private final ProvisioningService provisioning;
    private final OrganisationService organisations;
    private final UserService users;
    private final AuditService audit;
    private final SandboxAccess access;
    private final SandboxSummaries views;
    private final SandboxProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    SandboxService(
            SandboxRepository sandboxes,
            SandboxQueries queries,
            SandboxTemplateRepository templates,
            SandboxSecretRepository secrets,
            ExtensionRequestRepository extensions,
            ExpiryWarningRepository warnings,
            ProvisioningService provisioning,
            OrganisationService organisations,
            UserService users,
            AuditService audit,
            SandboxAccess access,
            SandboxSummaries views,
            SandboxProperties properties,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.sandboxes = sandboxes;
        this.queries = queries;
        this.templates = templates;
        this.secrets = secrets;
        this.extensions = extensions;
        this.warnings = warnings;
        this.provisioning = provisioning;
        this.organisations = organisations;
        this.users = users;
        this.audit = audit;
        this.access = access;
        this.views = views;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.tx = Transactions.own(transactions);
        this.readOnly = Transactions.readOnly(transactions);
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Sandboxes matching the filter, newest request first; customers see their organisation's only. */
    @PreAuthorize("isAuthenticated()")
    public List<SandboxSummary> sandboxes(SandboxFilter filter, int offset, int limit) {
        UserAccount me = users.me();
        return readOnly.execute(s -> views.views(queries.page(where(filter, me), offset, limit)));
    }

    @PreAuthorize("isAuthenticated()")
    public long count(SandboxFilter filter) {
        UserAccount me = users.me();
        return readOnly.execute(s -> queries.count(where(filter, me)));
    }

    private SandboxQueries.Where where(SandboxFilter filter, UserAccount me) {
        UUID organisationId;
        if (me.customer()) {
            if (me.organisation() == null) {
                return new SandboxQueries.Where(true, null, null, null, null, null);
            }
            organisationId = me.organisation().id();
        } else if (filter.organisation() != null) {
            organisationId = organisations
                    .organisation(filter.organisation())
                    .map(OrganisationRef::id)
                    .orElse(new UUID(0, 0));
        } else {
            organisationId = null;
        }
        UUID templateId = filter.template() == null
                ? null
                : templates
                        .findBySlug(filter.template())
                        .map(SandboxTemplate::id)
                        .orElse(new UUID(0, 0));
        return new SandboxQueries.Where(
                false,
                organisationId,
                filter.status(),
                filter.region(),
                templateId,
                filter.expiringWithin() == null ? null : clock.instant().plus(filter.expiringWithin()));
    }

    /** One sandbox; "not found" also when it belongs to another organisation than the customer's. */
    @PreAuthorize("isAuthenticated()")
    public SandboxSummary sandbox(UUID id) {
        UserAccount me = users.me();
        return readOnly.execute(s -> views.view(access.visible(id, me)));
    }

    /** Its provisioning jobs with their steps, newest first. */
    @PreAuthorize("isAuthenticated()")
    public List<JobSummary> jobs(UUID id) {
        UserAccount me = users.me();
        readOnly.execute(s -> access.visible(id, me));
        return provisioning.jobs(id);
    }

    /** One provisioning job with its steps; "not found" also when its sandbox is not one the caller may see. */
    @PreAuthorize("isAuthenticated()")
    public JobSummary job(UUID jobId) {
        UserAccount me = users.me();
        JobSummary job;
        try {
            job = provisioning.job(jobId);
            readOnly.execute(s -> access.visible(job.sandboxId(), me));
        } catch (NotFound e) {
            throw new NotFound("job.not_found", "There is no provisioning job " + jobId + " you can see.");
        }
        return job;
    }

    /** What happened to it, oldest first, from the audit trail. */
    @PreAuthorize("isAuthenticated()")
    public List<TimelineEntry> timeline(UUID id) {
        UserAccount me = users.me();
        readOnly.execute(s -> access.visible(id, me));
        return audit.storyOf("sandbox", id.toString()).stream()
                .map(SandboxTimeline::entry)
                .toList();
    }

    /** The same, for the teardown sweeps ({@link SandboxCleanupService}). */
    void tellRequester(Sandbox sandbox, String message) {
        access.tellRequester(sandbox, message);
    }

    /** Early teardown, by the owner organisation or staff; also cleans up after a failure. */
    @PreAuthorize("isAuthenticated()")
    public SandboxSummary teardown(UUID id) {
        UserAccount me = users.me();
        return access.change(id, me, sandbox -> {
            if (sandbox.status() != SandboxStatus.READY && sandbox.status() != SandboxStatus.FAILED) {
                throw new Conflict(
                        "sandbox.not_tearable",
                        switch (sandbox.status()) {
                            case REQUESTED, APPROVED, PROVISIONING ->
                                "It is not ready yet: wait until it is ready or has failed.";
                            case TEARING_DOWN -> "It is already being torn down.";
                            default ->
                                "It is " + sandbox.status().label().toLowerCase(Locale.ROOT)
                                        + ": nothing to tear down.";
                        });
            }
            return startTeardown(sandbox, view -> new SandboxTeardownStarted(CurrentActor.actor(), view, false));
        });
    }

    /**
     * Starts the teardown job in the caller's transaction; {@code why} makes the event that records
     * why (asked for, expired, failed and not retried).
     */
    SandboxSummary startTeardown(Sandbox sandbox, java.util.function.Function<SandboxSummary, SandboxChange> why) {
        SandboxTemplate template = templates.findById(sandbox.templateId()).orElseThrow();
        sandbox.tearingDown(clock.instant());
        sandboxes.saveAndFlush(sandbox);
        extensions.closeOpen(sandbox.id(), clock.instant());
        provisioning.schedule(access.spec(sandbox, template), JobKind.TEARDOWN);
        SandboxSummary view = views.view(sandbox);
        events.publishEvent(why.apply(view));
        return view;
    }

    /** Runs the failed job again from its failed step. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    public SandboxSummary retry(UUID id) {
        return retry(id, null);
    }

    /**
     * As {@link #retry(UUID)}, for one named job of the sandbox (the API's {@code POST
     * /jobs/{id}/retry}); null is its latest failed job.
     */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    public SandboxSummary retry(UUID id, @Nullable UUID jobId) {
        SandboxSummary current = sandbox(id);
        if (current.status() != SandboxStatus.FAILED) {
            throw new Conflict("sandbox.not_failed", "Only a failed sandbox can be retried.");
        }
        JobSummary failed = provisioning.jobs(id).stream()
                .filter(j -> j.status() == JobSummary.JobStatus.FAILED)
                .filter(j -> jobId == null || j.id().equals(jobId))
                .findFirst()
                .orElseThrow(() -> new Conflict("sandbox.no_failed_job", "There is no failed job to retry."));
        provisioning.retry(failed.id());
        return tx.execute(s -> {
            Sandbox sandbox = sandboxes.findById(id).orElseThrow();
            SandboxSummary view = views.view(sandbox);
            events.publishEvent(new SandboxRetried(CurrentActor.actor(), view, failed.id()));
            return view;
        });
    }

    /**
     * Every secret of a ready sandbox, for customers of the owner organisation only: anyone else,
     * staff included, is told "not found", as for a sandbox they cannot see. Every reveal is audited
     * with the names revealed (never the values).
     */
    @PreAuthorize("isAuthenticated()")
    public List<RevealedSecret> revealSecrets(UUID id) {
        return reveal(id, "Secrets are shown only while the sandbox is ready.", secrets::reveal);
    }

    /**
     * One secret of a ready sandbox by its name (see {@link SandboxSummary#secretNames()}), on the
     * same terms as {@link #revealSecrets(UUID)}; a name it does not have is {@code
     * sandbox.secret_not_found}.
     */
    @PreAuthorize("isAuthenticated()")
    public RevealedSecret revealSecret(UUID id, String name) {
        return reveal(
                        id,
                        "Secrets are shown only while the sandbox is ready.",
                        sandbox -> List.of(secrets.reveal(sandbox, name)
                                .orElseThrow(() -> new NotFound(
                                        "sandbox.secret_not_found", "This sandbox has no secret named " + name + "."))))
                .getFirst();
    }

    /** The name of the hand-off kit's kubeconfig among a sandbox's secrets. */
    public static final String KUBECONFIG = "kubeconfig";

    /**
     * The hand-off kit's Vault path among a sandbox's secrets: handed over by a driver of a template
     * that declares Vault contents (see docs/operations/template-contents.md), absent otherwise.
     */
    public static final String VAULT_PATH = "vault-path";

    /** How to log in to Vault for that path (a command line), handed over with {@link #VAULT_PATH}. */
    public static final String VAULT_LOGIN = "vault-login";

    /**
     * The hand-off kit's kubeconfig (scoped to the sandbox's namespace, its token expiring no later
     * than the sandbox), on the same terms as {@link #revealSecrets(UUID)}.
     */
    @PreAuthorize("isAuthenticated()")
    public RevealedSecret kubeconfig(UUID id) {
        return reveal(
                        id,
                        "The kubeconfig is handed over only while the sandbox is ready.",
                        sandbox -> List.of(secrets.reveal(sandbox, KUBECONFIG)
                                .orElseThrow(() -> new NotFound(
                                        "sandbox.kubeconfig_not_found",
                                        "This sandbox has no kubeconfig: its template gives no cluster access."))))
                .getFirst();
    }

    /**
     * The one way secrets leave the store: the owner organisation's customers only, a ready sandbox
     * only, audited in the same transaction.
     *
     * @param pick reads the secrets asked for from the store, given the sandbox's id
     */
    private List<RevealedSecret> reveal(UUID id, String notReady, Function<UUID, List<RevealedSecret>> pick) {
        UserAccount me = users.me();
        return tx.execute(s -> {
            Sandbox sandbox = access.visible(id, me);
            if (!me.customer()) {
                throw new NotFound("sandbox.not_found", "There is no sandbox " + id + " you can see.");
            }
            if (sandbox.status() != SandboxStatus.READY) {
                throw new Conflict("sandbox.not_ready", notReady);
            }
            List<RevealedSecret> revealed = pick.apply(id);
            events.publishEvent(new SandboxSecretsRevealed(
                    CurrentActor.actor(),
                    views.view(sandbox),
                    revealed.stream().map(RevealedSecret::name).toList()));
            return revealed;
        });
    }

    // ---- scheduled enforcement -----------------------------------------------------------------

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
        String leadSeconds = leads.stream()
                .map(lead -> String.valueOf(lead.toSeconds()))
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        for (UUID id : readOnly.execute(s -> sandboxes.warningDue(now, now.plus(leads.getFirst()), leadSeconds))) {
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
            boolean inserted = warnings.markSent(id, expiry, lead, now);
            if (lead.equals(due)) {
                first = inserted;
            }
        }
        if (!first) {
            return false;
        }
        // SandboxNotifications tells the owner (bell, mail) from the event
        SandboxSummary view = views.view(sandbox);
        events.publishEvent(new SandboxExpiryWarned(CurrentActor.actor(), view, (int) due.toMinutes()));
        return true;
    }

    static String human(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        if (minutes < 120) {
            return minutes + " minutes";
        }
        return (minutes + 30) / 60 + " hours";
    }
}
