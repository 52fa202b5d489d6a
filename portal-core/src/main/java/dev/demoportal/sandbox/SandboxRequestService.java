package dev.demoportal.sandbox;

import dev.demoportal.base.Actor;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.FormValidator;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.Transactions;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.RegionSummary;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.ProvisioningService;
import dev.demoportal.sandbox.SandboxEvents.SandboxApproved;
import dev.demoportal.sandbox.SandboxEvents.SandboxCancelled;
import dev.demoportal.sandbox.SandboxEvents.SandboxRejected;
import dev.demoportal.sandbox.SandboxEvents.SandboxRequested;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asking for a sandbox and deciding on it: the template catalogue, the request (validated against
 * the template and the organisation's quota, approved by policy where the template allows), the
 * approval queue, approve, reject and cancel. Approval schedules the provisioning job in the same
 * transaction.
 */
@Service
public class SandboxRequestService {

    private final SandboxRepository sandboxes;
    private final SandboxTemplateRepository templates;
    private final SandboxQuotaService quotas;
    private final ProvisioningService provisioning;
    private final EnvironmentService environments;
    private final OrganisationService organisations;
    private final UserService users;
    private final FormValidator validator;
    private final SandboxAccess access;
    private final SandboxSummaries views;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    SandboxRequestService(
            SandboxRepository sandboxes,
            SandboxTemplateRepository templates,
            SandboxQuotaService quotas,
            ProvisioningService provisioning,
            EnvironmentService environments,
            OrganisationService organisations,
            UserService users,
            FormValidator validator,
            SandboxAccess access,
            SandboxSummaries views,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.sandboxes = sandboxes;
        this.templates = templates;
        this.quotas = quotas;
        this.provisioning = provisioning;
        this.environments = environments;
        this.organisations = organisations;
        this.users = users;
        this.validator = validator;
        this.access = access;
        this.views = views;
        this.events = events;
        this.clock = clock;
        this.tx = Transactions.own(transactions);
        this.readOnly = Transactions.readOnly(transactions);
    }

    // ---- catalogue -----------------------------------------------------------------------------

    /** The templates one may request now, by name. */
    @PreAuthorize("isAuthenticated()")
    public List<TemplateSummary> templates() {
        return readOnly.execute(s -> templates.findByActiveTrueOrderByName().stream()
                .map(SandboxTemplate::toView)
                .toList());
    }

    @PreAuthorize("isAuthenticated()")
    public TemplateSummary template(String slug) {
        return readOnly.execute(s -> templates
                .findBySlug(slug)
                .filter(t -> t.active() || admin())
                .map(SandboxTemplate::toView)
                .orElseThrow(() -> new NotFound("sandbox_template.not_found", "There is no template " + slug + ".")));
    }

    // ---- requesting ----------------------------------------------------------------------------

    /**
     * Requests a sandbox. Validated against the template and the organisation's quota; the quota
     * is counted under a lock, so two requests racing for the last unit cannot both win. Approved
     * by policy right away when the template allows it and the lifetime is within its default.
     */
    @PreAuthorize("hasAnyRole('CUSTOMER', 'FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxSummary request(SandboxRequest request) {
        // every broken rule at once: the form's, the organisation's and the template's
        List<FieldError> errors = new ArrayList<>();
        try {
            validator.check(request);
        } catch (ValidationFailed invalid) {
            errors.addAll(invalid.errors());
        }
        UserAccount me = users.me();
        OrganisationRef named = null;
        try {
            named = organisationFor(me, request.organisation());
        } catch (ValidationFailed invalid) {
            errors.addAll(invalid.errors());
        }
        int lifetime = request.lifetimeHours() == null ? 0 : request.lifetimeHours();
        Set<String> regionCodes = new HashSet<>();
        environments.regions().stream().map(RegionSummary::code).forEach(regionCodes::add);
        OrganisationRef owner = named;
        return tx.execute(status -> {
            SandboxTemplate template = templates
                    .findBySlug(request.template())
                    .filter(SandboxTemplate::active)
                    .orElse(null);
            Set<String> invalid = new HashSet<>();
            errors.forEach(e -> invalid.add(e.field()));
            if (template == null && !invalid.contains("template")) {
                errors.add(new FieldError("template", "There is no template " + request.template() + " to request"));
            }
            if (template != null
                    && !invalid.contains("region")
                    && (!regionCodes.contains(request.region())
                            || !template.regions().contains(request.region()))) {
                errors.add(new FieldError(
                        "region",
                        template.name() + " runs in "
                                + String.join(
                                        ", ",
                                        template.regions().stream().sorted().toList()) + " only"));
            }
            if (template != null && !invalid.contains("lifetimeHours") && lifetime > template.maxLifetimeHours()) {
                errors.add(new FieldError(
                        "lifetimeHours", template.name() + " lives at most " + template.maxLifetimeHours() + " hours"));
            }
            if (!errors.isEmpty() || template == null || owner == null) {
                throw new ValidationFailed(errors.stream()
                        .sorted(java.util.Comparator.comparing(FieldError::field))
                        .toList());
            }
            OrganisationRef organisation = owner;
            quotas.lock(organisation.id(), template.id());
            int quota = quotas.quota(organisation.id(), template);
            long active = quotas.active(organisation.id(), template.id());
            if (active >= quota) {
                throw new QuotaExceeded(
                        organisation.name() + " already has " + active + " active " + template.name()
                                + " sandbox" + (active == 1 ? "" : "es") + "; the quota is " + quota
                                + ". Tear one down, cancel a request still waiting for approval, or ask us to raise the "
                                + "quota.",
                        quota);
            }
            Instant now = clock.instant();
            UUID id = UUID.randomUUID();
            Sandbox sandbox = sandboxes.saveAndFlush(new Sandbox(
                    id,
                    nameFor(organisation, id),
                    template.id(),
                    request.region(),
                    organisation.id(),
                    me.id(),
                    lifetime,
                    request.useCase().strip(),
                    now));
            events.publishEvent(new SandboxRequested(CurrentActor.actor(), views.view(sandbox)));
            if (template.autoApprove() && lifetime <= template.defaultLifetimeHours()) {
                sandbox.approve(null, true, "Within the template's default lifetime and the organisation's quota", now);
                sandboxes.saveAndFlush(sandbox);
                provisioning.schedule(access.spec(sandbox, template), JobKind.PROVISION);
                events.publishEvent(
                        new SandboxApproved(Actor.system("approval-policy"), views.view(sandbox), true, null));
            }
            return views.view(sandbox);
        });
    }

    private OrganisationRef organisationFor(UserAccount me, @Nullable String requested) {
        if (me.customer()) {
            if (me.organisation() == null) {
                throw new AccessDeniedException("A customer without an organisation cannot request sandboxes");
            }
            if (requested != null
                    && !requested.isBlank()
                    && !requested.equals(me.organisation().slug())
                    && !requested.equalsIgnoreCase(me.organisation().name())) {
                throw ValidationFailed.of(
                        "organisation",
                        "You can request sandboxes for " + me.organisation().name() + " only");
            }
            return me.organisation();
        }
        if (requested == null || requested.isBlank()) {
            throw ValidationFailed.of("organisation", "Choose the customer organisation it is for");
        }
        return organisations
                .organisation(requested.strip())
                .orElseThrow(() -> ValidationFailed.of("organisation", "There is no organisation " + requested));
    }

    /** Deterministic and DNS-safe: the organisation's slug (shortened) and the start of the id. */
    static String nameFor(OrganisationRef organisation, UUID id) {
        String prefix = organisation.slug().length() > 30 ? organisation.slug().substring(0, 30) : organisation.slug();
        prefix = prefix.replaceAll("-+$", "");
        return prefix + "-" + id.toString().substring(0, 8);
    }

    // ---- deciding ------------------------------------------------------------------------------

    /** Requests waiting for a decision, oldest first. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<SandboxSummary> approvalQueue() {
        return readOnly.execute(s -> views.views(sandboxes.waitingForDecision()));
    }

    /** Approves and schedules provisioning in the same transaction. Never one's own request. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxSummary approve(UUID id, @Nullable String note) {
        String cleanNote = SandboxAccess.note(note);
        return access.change(id, users.me(), sandbox -> {
            decidable(sandbox);
            SandboxTemplate template = templates.findById(sandbox.templateId()).orElseThrow();
            sandbox.approve(SandboxAccess.me(), false, cleanNote, clock.instant());
            sandboxes.saveAndFlush(sandbox);
            provisioning.schedule(access.spec(sandbox, template), JobKind.PROVISION);
            SandboxSummary view = views.view(sandbox);
            events.publishEvent(new SandboxApproved(CurrentActor.actor(), view, false, cleanNote));
            return view;
        });
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxSummary reject(UUID id, @Nullable String note) {
        String cleanNote = SandboxAccess.note(note);
        return access.change(id, users.me(), sandbox -> {
            decidable(sandbox);
            sandbox.reject(SandboxAccess.me(), cleanNote, clock.instant());
            sandboxes.saveAndFlush(sandbox);
            SandboxSummary view = views.view(sandbox);
            events.publishEvent(new SandboxRejected(CurrentActor.actor(), view, cleanNote));
            return view;
        });
    }

    /**
     * Withdraws a request still waiting for approval: by a customer of its organisation, or by
     * whoever requested it (staff reject other people's requests instead, with a note).
     */
    @PreAuthorize("hasAnyRole('CUSTOMER', 'FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxSummary cancel(UUID id) {
        UserAccount me = users.me();
        return access.change(id, me, sandbox -> {
            if (!me.customer() && !sandbox.requestedBy().equals(me.id())) {
                throw new AccessDeniedException(
                        "Only its organisation or its requester cancels a request; reject it " + "instead");
            }
            sandbox.cancel(clock.instant());
            sandboxes.saveAndFlush(sandbox);
            SandboxSummary view = views.view(sandbox);
            events.publishEvent(new SandboxCancelled(CurrentActor.actor(), view));
            if (!sandbox.requestedBy().equals(me.id())) {
                access.tellRequester(
                        sandbox,
                        "Your sandbox request " + sandbox.name() + " was cancelled by " + me.displayName() + ".");
            }
            return view;
        });
    }

    private void decidable(Sandbox sandbox) {
        if (sandbox.requestedBy().equals(SandboxAccess.me())) {
            throw new SelfApprovalRefused();
        }
        if (sandbox.status() != SandboxStatus.REQUESTED) {
            throw new Conflict(
                    "sandbox.not_waiting",
                    "This request is not waiting for a decision (it is "
                            + sandbox.status().label().toLowerCase(Locale.ROOT) + ").");
        }
    }

    private static boolean admin() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null
                && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Role.ADMIN.authority()));
    }
}
