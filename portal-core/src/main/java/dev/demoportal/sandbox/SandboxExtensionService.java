package dev.demoportal.sandbox;

import dev.demoportal.base.Conflict;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.Transactions;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.provisioning.JobAlreadyOpen;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.ProvisioningService;
import dev.demoportal.sandbox.SandboxEvents.SandboxExtended;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Longer lives for running sandboxes: extending within the template's maximum lifetime right away,
 * and asking for (and deciding on) an extension beyond it, which a field engineer or manager other
 * than the requester decides. Each grant schedules the EXTEND job that relabels the resources.
 */
@Service
public class SandboxExtensionService {

    private final SandboxRepository sandboxes;
    private final SandboxTemplateRepository templates;
    private final ExtensionRequestRepository extensions;
    private final ExpiryWarningRepository warnings;
    private final ProvisioningService provisioning;
    private final UserService users;
    private final NotificationService notifications;
    private final SandboxAccess access;
    private final SandboxSummaries views;
    private final SandboxProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    SandboxExtensionService(
            SandboxRepository sandboxes,
            SandboxTemplateRepository templates,
            ExtensionRequestRepository extensions,
            ExpiryWarningRepository warnings,
            ProvisioningService provisioning,
            UserService users,
            NotificationService notifications,
            SandboxAccess access,
            SandboxSummaries views,
            SandboxProperties properties,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.sandboxes = sandboxes;
        this.templates = templates;
        this.extensions = extensions;
        this.warnings = warnings;
        this.provisioning = provisioning;
        this.users = users;
        this.notifications = notifications;
        this.access = access;
        this.views = views;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.tx = Transactions.own(transactions);
        this.readOnly = Transactions.readOnly(transactions);
    }

    // ---- using ---------------------------------------------------------------------------------

    /**
     * Moves the expiry by {@code hours}, up to the template's maximum lifetime (counted from when it
     * became ready); beyond that it needs a new request and approval. The worker updates the
     * sandbox's expiry labels in an EXTEND job.
     */
    @PreAuthorize("isAuthenticated()")
    public SandboxSummary extend(UUID id, int hours) {
        UserAccount me = users.me();
        if (hours < 1) {
            throw ValidationFailed.of("hours", "Extend by at least 1 hour");
        }
        return access.change(id, me, sandbox -> {
            Instant now = clock.instant();
            if (sandbox.status() != SandboxStatus.READY
                    || sandbox.expiresAt() == null
                    || !sandbox.expiresAt().isAfter(now)) {
                throw new Conflict(
                        "sandbox.not_extendable",
                        "Only a ready sandbox that has not expired can be " + "extended (this one is "
                                + sandbox.status().label().toLowerCase(Locale.ROOT) + ").");
            }
            SandboxTemplate template = templates.findById(sandbox.templateId()).orElseThrow();
            // counted from when it became ready; a row without that time counts from its expiry
            Instant start = sandbox.readyAt() != null
                    ? sandbox.readyAt()
                    : sandbox.expiresAt().minus(Duration.ofHours(sandbox.lifetimeHours()));
            Instant latest = start.plus(Duration.ofHours(template.maxLifetimeHours()));
            Instant previous = sandbox.expiresAt();
            Instant wanted = previous.plus(Duration.ofHours(hours));
            if (wanted.isAfter(latest)) {
                long left = Math.max(0, Duration.between(previous, latest).toHours());
                throw new ExtensionNeedsApproval(template.name(), template.maxLifetimeHours(), (int) left);
            }
            moveExpiry(sandbox, template, hours, now);
            SandboxSummary view = views.view(sandbox);
            events.publishEvent(new SandboxExtended(CurrentActor.actor(), view, previous, hours));
            return view;
        });
    }

    /**
     * Moves the expiry by {@code hours} and schedules the EXTEND job that relabels the resources.
     * Warnings re-arm for the new expiry, except those whose time has already come: whoever just
     * extended it knows when it ends.
     */
    private void moveExpiry(Sandbox sandbox, SandboxTemplate template, int hours, Instant now) {
        Instant wanted = sandbox.expiresAt().plus(Duration.ofHours(hours));
        sandbox.extendTo(wanted, now);
        sandboxes.saveAndFlush(sandbox);
        for (Duration lead : properties.expiryWarnings()) {
            if (!wanted.minus(lead).isAfter(now)) {
                warnings.markSent(sandbox.id(), wanted, lead, now);
            }
        }
        provisioning.schedule(access.spec(sandbox, template), JobKind.EXTEND);
    }

    // ---- extensions beyond the maximum ---------------------------------------------------------

    /**
     * Asks for an extension beyond the template's maximum lifetime: a field engineer or manager
     * (not the requester) decides, as for a new request. One open request per sandbox.
     */
    @PreAuthorize("isAuthenticated()")
    public ExtensionRequestSummary requestExtension(UUID id, int hours, String reason) {
        UserAccount me = users.me();
        List<FieldError> errors = new ArrayList<>();
        if (hours < 1 || hours > 8760) {
            errors.add(new FieldError("hours", "Between 1 and 8760 hours"));
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > 2000) {
            errors.add(new FieldError("reason", "Say why, in at most 2000 characters"));
        }
        errors.addAll(InputRules.checkText("reason", reason));
        UUID requestId = UUID.randomUUID();
        try {
            tx.executeWithoutResult(s -> {
                Sandbox sandbox = access.visible(id, me);
                if (!errors.isEmpty()) {
                    throw new ValidationFailed(errors);
                }
                if (sandbox.status() != SandboxStatus.READY) {
                    throw new Conflict("sandbox.not_extendable", "Only a ready sandbox can be extended.");
                }
                extensions.insert(requestId, id, hours, reason.strip(), me.id(), clock.instant());
                events.publishEvent(new SandboxEvents.SandboxExtensionRequested(
                        CurrentActor.actor(), views.view(sandbox), requestId, hours, reason.strip()));
            });
        } catch (DataIntegrityViolationException e) {
            throw new Conflict(
                    "sandbox.extension_pending",
                    "An extension of this sandbox is already waiting for a " + "decision.");
        }
        return readOnly.execute(s -> extensionView(extensions.open(id).orElseThrow()));
    }

    /** The open extension request of a sandbox, if any. */
    @PreAuthorize("isAuthenticated()")
    public java.util.Optional<ExtensionRequestSummary> openExtension(UUID sandboxId) {
        UserAccount me = users.me();
        return readOnly.execute(s -> {
            access.visible(sandboxId, me);
            return extensions.open(sandboxId).map(this::extensionView);
        });
    }

    /** Extension requests waiting for a decision, oldest first. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<ExtensionRequestSummary> extensionQueue() {
        return readOnly.execute(
                s -> extensions.waiting().stream().map(this::extensionView).toList());
    }

    /** Grants the extension (beyond the maximum) and schedules the EXTEND job in the same transaction. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxSummary approveExtension(UUID requestId, @Nullable String note) {
        return decideExtension(requestId, true, SandboxAccess.note(note));
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxSummary rejectExtension(UUID requestId, @Nullable String note) {
        return decideExtension(requestId, false, SandboxAccess.note(note));
    }

    private SandboxSummary decideExtension(UUID requestId, boolean approve, @Nullable String note) {
        UUID me = SandboxAccess.me();
        try {
            return tx.execute(s -> {
                ExtensionRequestRepository.Row request = extensions
                        .lock(requestId)
                        .orElseThrow(() -> new NotFound(
                                "sandbox.extension_not_found", "There is no extension request " + requestId + "."));
                if (request.requestedBy().equals(me)) {
                    throw new SelfApprovalRefused();
                }
                request.decided(approve); // refused unless it waits for a decision
                Sandbox sandbox = sandboxes.findById(request.sandboxId()).orElseThrow();
                Instant now = clock.instant();
                if (approve
                        && (sandbox.status() != SandboxStatus.READY
                                || sandbox.expiresAt() == null
                                || !sandbox.expiresAt().isAfter(now))) {
                    throw new Conflict("sandbox.not_extendable", "The sandbox is no longer running.");
                }
                extensions.decide(request, approve, me, note, now);
                Instant previous = sandbox.expiresAt();
                if (approve) {
                    moveExpiry(sandbox, templates.findById(sandbox.templateId()).orElseThrow(), request.hours(), now);
                }
                SandboxSummary view = views.view(sandbox);
                events.publishEvent(new SandboxEvents.SandboxExtensionDecided(
                        CurrentActor.actor(), view, requestId, approve, request.hours(), note));
                if (approve) {
                    events.publishEvent(new SandboxExtended(CurrentActor.actor(), view, previous, request.hours()));
                }
                return view;
            });
        } catch (JobAlreadyOpen busy) {
            throw SandboxAccess.busy();
        }
    }

    private ExtensionRequestSummary extensionView(ExtensionRequestRepository.Row row) {
        Sandbox sandbox = sandboxes.findById(row.sandboxId()).orElseThrow();
        Set<UUID> people = new HashSet<>();
        people.add(row.requestedBy());
        if (row.decidedBy() != null) {
            people.add(row.decidedBy());
        }
        Map<UUID, UserAccount> accounts = views.accounts(people);
        return new ExtensionRequestSummary(
                row.id(),
                views.view(sandbox),
                row.hours(),
                row.reason(),
                SandboxSummaries.person(accounts, row.requestedBy()),
                row.requestedAt(),
                row.status(),
                row.decidedBy() == null ? null : SandboxSummaries.person(accounts, row.decidedBy()),
                row.decidedAt(),
                row.decisionNote());
    }
}
