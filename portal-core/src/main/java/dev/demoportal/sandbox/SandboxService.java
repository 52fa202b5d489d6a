package dev.demoportal.sandbox;

import dev.demoportal.base.Actor;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.FormValidator;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.Message;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.RegionView;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.Mailer;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.provisioning.JobAlreadyOpen;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobView;
import dev.demoportal.provisioning.ProvisioningService;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.sandbox.SandboxEvents.SandboxApproved;
import dev.demoportal.sandbox.SandboxEvents.SandboxCancelled;
import dev.demoportal.sandbox.SandboxEvents.SandboxChange;
import dev.demoportal.sandbox.SandboxEvents.SandboxExpiryWarned;
import dev.demoportal.sandbox.SandboxEvents.SandboxExtended;
import dev.demoportal.sandbox.SandboxEvents.SandboxRejected;
import dev.demoportal.sandbox.SandboxEvents.SandboxRequested;
import dev.demoportal.sandbox.SandboxEvents.SandboxRetried;
import dev.demoportal.sandbox.SandboxEvents.SandboxSecretsRevealed;
import dev.demoportal.sandbox.SandboxEvents.SandboxTeardownStarted;
import jakarta.persistence.criteria.Predicate;
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
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Everything a customer, a field engineer and a manager do with sandboxes: request, decide, watch,
 * extend, tear down, reveal secrets. Customers see only their own organisation's sandboxes; for
 * anything else they get "not found", so ids of other organisations' sandboxes are not confirmed.
 * Each operation is one transaction; approval schedules the provisioning job in the same one.
 */
@Service
public class SandboxService {

    private final SandboxRepository sandboxes;
    private final SandboxTemplateRepository templates;
    private final SandboxSecrets secrets;
    private final ExtensionRequests extensions;
    private final SandboxQuotaService quotas;
    private final ProvisioningService provisioning;
    private final EnvironmentService environments;
    private final OrganisationService organisations;
    private final UserService users;
    private final NotificationService notifications;
    private final Mailer mailer;
    private final FormValidator validator;
    private final SandboxProperties properties;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    SandboxService(SandboxRepository sandboxes, SandboxTemplateRepository templates, SandboxSecrets secrets,
            ExtensionRequests extensions, SandboxQuotaService quotas, ProvisioningService provisioning,
            EnvironmentService environments, OrganisationService organisations, UserService users,
            NotificationService notifications, Mailer mailer, FormValidator validator,
            SandboxProperties properties, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock,
            PlatformTransactionManager transactions) {
        this.sandboxes = sandboxes;
        this.templates = templates;
        this.secrets = secrets;
        this.extensions = extensions;
        this.quotas = quotas;
        this.provisioning = provisioning;
        this.environments = environments;
        this.organisations = organisations;
        this.users = users;
        this.notifications = notifications;
        this.mailer = mailer;
        this.validator = validator;
        this.properties = properties;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    // ---- catalogue -----------------------------------------------------------------------------

    /** The templates one may request now, by name. */
    @PreAuthorize("isAuthenticated()")
    public List<TemplateView> templates() {
        return readOnly.execute(s -> templates.findByActiveTrueOrderByName().stream().map(SandboxTemplate::toView)
                .toList());
    }

    @PreAuthorize("isAuthenticated()")
    public TemplateView template(String slug) {
        return readOnly.execute(s -> templates.findBySlug(slug).filter(t -> t.active() || admin())
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
    public SandboxView request(SandboxRequest request) {
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
        environments.regions().stream().map(RegionView::code).forEach(regionCodes::add);
        OrganisationRef owner = named;
        return tx.execute(status -> {
            SandboxTemplate template = templates.findBySlug(request.template()).filter(SandboxTemplate::active)
                    .orElse(null);
            Set<String> invalid = new HashSet<>();
            errors.forEach(e -> invalid.add(e.field()));
            if (template == null && !invalid.contains("template")) {
                errors.add(new FieldError("template", "There is no template " + request.template() + " to request"));
            }
            if (template != null && !invalid.contains("region") && (!regionCodes.contains(request.region())
                    || !template.regions().contains(request.region()))) {
                errors.add(new FieldError("region", template.name() + " runs in " + String.join(", ",
                        template.regions().stream().sorted().toList()) + " only"));
            }
            if (template != null && !invalid.contains("lifetimeHours") && lifetime > template.maxLifetimeHours()) {
                errors.add(new FieldError("lifetimeHours", template.name() + " lives at most "
                        + template.maxLifetimeHours() + " hours"));
            }
            if (!errors.isEmpty() || template == null || owner == null) {
                throw new ValidationFailed(errors.stream()
                        .sorted(java.util.Comparator.comparing(FieldError::field)).toList());
            }
            OrganisationRef organisation = owner;
            quotas.lock(organisation.id(), template.id());
            int quota = quotas.quota(organisation.id(), template);
            long active = quotas.active(organisation.id(), template.id());
            if (active >= quota) {
                throw new QuotaExceeded(organisation.name() + " already has " + active + " active " + template.name()
                        + " sandbox" + (active == 1 ? "" : "es") + "; the quota is " + quota
                        + ". Tear one down, cancel a request still waiting for approval, or ask us to raise the "
                        + "quota.", quota);
            }
            Instant now = clock.instant();
            UUID id = UUID.randomUUID();
            Sandbox sandbox = sandboxes.saveAndFlush(new Sandbox(id, nameFor(organisation, id), template.id(),
                    request.region(), organisation.id(), me.id(), lifetime, request.useCase().strip(), now));
            events.publishEvent(new SandboxRequested(CurrentActor.actor(), view(sandbox)));
            if (template.autoApprove() && lifetime <= template.defaultLifetimeHours()) {
                sandbox.approve(null, true, "Within the template's default lifetime and the organisation's quota",
                        now);
                sandboxes.saveAndFlush(sandbox);
                provisioning.schedule(spec(sandbox, template), JobKind.PROVISION);
                events.publishEvent(new SandboxApproved(Actor.system("approval-policy"), view(sandbox), true,
                        null));
            }
            return view(sandbox);
        });
    }

    private OrganisationRef organisationFor(UserAccount me, @Nullable String requested) {
        if (me.customer()) {
            if (me.organisation() == null) {
                throw new AccessDeniedException("A customer without an organisation cannot request sandboxes");
            }
            if (requested != null && !requested.isBlank() && !requested.equals(me.organisation().slug())
                    && !requested.equalsIgnoreCase(me.organisation().name())) {
                throw ValidationFailed.of("organisation", "You can request sandboxes for "
                        + me.organisation().name() + " only");
            }
            return me.organisation();
        }
        if (requested == null || requested.isBlank()) {
            throw ValidationFailed.of("organisation", "Choose the customer organisation it is for");
        }
        return organisations.organisation(requested.strip())
                .orElseThrow(() -> ValidationFailed.of("organisation", "There is no organisation " + requested));
    }

    /** Deterministic and DNS-safe: the organisation's slug (shortened) and the start of the id. */
    static String nameFor(OrganisationRef organisation, UUID id) {
        String prefix = organisation.slug().length() > 30 ? organisation.slug().substring(0, 30)
                : organisation.slug();
        prefix = prefix.replaceAll("-+$", "");
        return prefix + "-" + id.toString().substring(0, 8);
    }

    // ---- deciding ------------------------------------------------------------------------------

    /** Requests waiting for a decision, oldest first. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<SandboxView> approvalQueue() {
        return readOnly.execute(s -> views(sandboxes.waitingForDecision()));
    }

    /** Approves and schedules provisioning in the same transaction. Never one's own request. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxView approve(UUID id, @Nullable String note) {
        String cleanNote = note(note);
        return change(id, sandbox -> {
            decidable(sandbox);
            SandboxTemplate template = templates.findById(sandbox.templateId()).orElseThrow();
            sandbox.approve(me(), false, cleanNote, clock.instant());
            sandboxes.saveAndFlush(sandbox);
            provisioning.schedule(spec(sandbox, template), JobKind.PROVISION);
            SandboxView view = view(sandbox);
            events.publishEvent(new SandboxApproved(CurrentActor.actor(), view, false, cleanNote));
            tellRequester(sandbox, "Your sandbox request " + sandbox.name() + " was approved; provisioning starts now.");
            return view;
        });
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxView reject(UUID id, @Nullable String note) {
        String cleanNote = note(note);
        return change(id, sandbox -> {
            decidable(sandbox);
            sandbox.reject(me(), cleanNote, clock.instant());
            sandboxes.saveAndFlush(sandbox);
            SandboxView view = view(sandbox);
            events.publishEvent(new SandboxRejected(CurrentActor.actor(), view, cleanNote));
            tellRequester(sandbox, "Your sandbox request " + sandbox.name() + " was rejected"
                    + (cleanNote == null ? "." : ": " + cleanNote));
            return view;
        });
    }

    /**
     * Withdraws a request still waiting for approval: by a customer of its organisation, or by
     * whoever requested it (staff reject other people's requests instead, with a note).
     */
    @PreAuthorize("hasAnyRole('CUSTOMER', 'FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxView cancel(UUID id) {
        UserAccount me = users.me();
        return change(id, me, sandbox -> {
            if (!me.customer() && !sandbox.requestedBy().equals(me.id())) {
                throw new AccessDeniedException("Only its organisation or its requester cancels a request; reject it "
                        + "instead");
            }
            sandbox.cancel(clock.instant());
            sandboxes.saveAndFlush(sandbox);
            SandboxView view = view(sandbox);
            events.publishEvent(new SandboxCancelled(CurrentActor.actor(), view));
            if (!sandbox.requestedBy().equals(me.id())) {
                tellRequester(sandbox, "Your sandbox request " + sandbox.name() + " was cancelled by "
                        + me.displayName() + ".");
            }
            return view;
        });
    }

    private void decidable(Sandbox sandbox) {
        if (sandbox.requestedBy().equals(me())) {
            throw new SelfApprovalRefused();
        }
        if (sandbox.status() != SandboxStatus.REQUESTED) {
            throw new Conflict("sandbox.not_waiting", "This request is not waiting for a decision (it is "
                    + sandbox.status().label().toLowerCase(Locale.ROOT) + ").");
        }
    }

    private static @Nullable String note(@Nullable String note) {
        InputRules.requireText("note", note);
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.strip().length() > 2000) {
            throw ValidationFailed.of("note", "At most 2000 characters");
        }
        return note.strip();
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Sandboxes matching the filter, newest request first; customers see their organisation's only. */
    @PreAuthorize("isAuthenticated()")
    public List<SandboxView> sandboxes(SandboxFilter filter, int offset, int limit) {
        UserAccount me = users.me();
        return readOnly.execute(s -> views(sandboxes.findAll(specification(filter, me),
                PageRequest.of(offset / Math.max(1, limit), Math.max(1, limit), Sort.by(Sort.Direction.DESC,
                        "requestedAt"))).getContent()));
    }

    @PreAuthorize("isAuthenticated()")
    public long count(SandboxFilter filter) {
        UserAccount me = users.me();
        return readOnly.execute(s -> sandboxes.count(specification(filter, me)));
    }

    private Specification<Sandbox> specification(SandboxFilter filter, UserAccount me) {
        UUID organisationId;
        if (me.customer()) {
            if (me.organisation() == null) {
                return (root, query, cb) -> cb.disjunction();
            }
            organisationId = me.organisation().id();
        } else if (filter.organisation() != null) {
            organisationId = organisations.organisation(filter.organisation()).map(OrganisationRef::id)
                    .orElse(new UUID(0, 0));
        } else {
            organisationId = null;
        }
        UUID templateId = filter.template() == null ? null : templates.findBySlug(filter.template())
                .map(SandboxTemplate::id).orElse(new UUID(0, 0));
        Instant now = clock.instant();
        UUID org = organisationId;
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (org != null) {
                where.add(cb.equal(root.get("organisationId"), org));
            }
            if (filter.status() != null) {
                where.add(cb.equal(root.get("status"), filter.status()));
            }
            if (filter.region() != null) {
                where.add(cb.equal(root.get("regionCode"), filter.region()));
            }
            if (templateId != null) {
                where.add(cb.equal(root.get("templateId"), templateId));
            }
            if (filter.expiringWithin() != null) {
                where.add(cb.equal(root.get("status"), SandboxStatus.READY));
                where.add(cb.lessThanOrEqualTo(root.get("expiresAt"), now.plus(filter.expiringWithin())));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    /** One sandbox; "not found" also when it belongs to another organisation than the customer's. */
    @PreAuthorize("isAuthenticated()")
    public SandboxView sandbox(UUID id) {
        UserAccount me = users.me();
        return readOnly.execute(s -> view(visible(id, me)));
    }

    /** Its provisioning jobs with their steps, newest first. */
    @PreAuthorize("isAuthenticated()")
    public List<JobView> jobs(UUID id) {
        UserAccount me = users.me();
        readOnly.execute(s -> visible(id, me));
        return provisioning.jobs(id);
    }

    /** What happened to it, oldest first, from the audit trail. */
    @PreAuthorize("isAuthenticated()")
    public List<TimelineEntry> timeline(UUID id) {
        UserAccount me = users.me();
        return readOnly.execute(s -> {
            visible(id, me);
            return jdbc.sql("""
                            select occurred_at, actor_name, action, details::text from audit_event
                            where target_type = 'sandbox' and target_id = ? order by id""")
                    .param(id.toString())
                    .query((rs, i) -> {
                        Map<String, Object> details = new dev.demoportal.base.JsonMaps()
                                .convertToEntityAttribute(rs.getString(4));
                        String action = rs.getString(3);
                        return new TimelineEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), action,
                                label(action, details), details);
                    }).list();
        });
    }

    private static String label(String action, Map<String, Object> d) {
        return switch (action) {
            case "sandbox.requested" -> "Requested for " + d.get("lifetimeHours") + " hours";
            case "sandbox.approved" -> "Approved" + (d.get("note") == null ? "" : ": " + d.get("note"));
            case "sandbox.auto_approved" -> "Approved by policy";
            case "sandbox.rejected" -> "Rejected" + (d.get("note") == null ? "" : ": " + d.get("note"));
            case "sandbox.cancelled" -> "Request cancelled";
            case "sandbox.provisioning" -> "Provisioning started";
            case "sandbox.ready" -> "Ready";
            case "sandbox.failed" -> "Failed at " + d.get("layer") + " / " + d.get("step") + ": " + d.get("message");
            case "sandbox.job_failed" -> "A " + String.valueOf(d.get("kind")).toLowerCase(Locale.ROOT)
                    + " job failed at " + d.get("layer") + " / " + d.get("step");
            case "sandbox.retried" -> "Retried";
            case "sandbox.extended" -> "Extended by " + d.get("hours") + " hours";
            case "sandbox.extension_requested" -> "Extension by " + d.get("hours") + " hours requested: "
                    + d.get("reason");
            case "sandbox.extension_approved" -> "Extension approved" + (d.get("note") == null ? "" : ": "
                    + d.get("note"));
            case "sandbox.extension_rejected" -> "Extension rejected" + (d.get("note") == null ? "" : ": "
                    + d.get("note"));
            case "sandbox.expiry_warning" -> "Expiry warning sent (" + d.get("leadMinutes") + " minutes before)";
            case "sandbox.expired" -> "Expired; teardown started";
            case "sandbox.failed_cleanup" -> "Not retried within " + length(d.get("keptFor"))
                    + " of failing; teardown started";
            case "sandbox.teardown_requested" -> "Teardown requested";
            case "sandbox.torn_down" -> "Torn down";
            case "sandbox.secrets_revealed" -> "Secrets revealed";
            default -> action;
        };
    }

    /** An ISO-8601 duration of the trail ("PT24H") in words ("24 hours"); anything else as it is. */
    private static String length(@Nullable Object iso) {
        try {
            return human(Duration.parse(String.valueOf(iso)));
        } catch (java.time.format.DateTimeParseException notADuration) {
            return String.valueOf(iso);
        }
    }

    private Sandbox visible(UUID id, UserAccount me) {
        Sandbox sandbox = sandboxes.findById(id).orElseThrow(() -> notFound(id));
        if (me.customer() && (me.organisation() == null || !me.organisation().id().equals(sandbox.organisationId()))) {
            throw notFound(id);
        }
        return sandbox;
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("sandbox.not_found", "There is no sandbox " + id + " you can see.");
    }

    // ---- using ---------------------------------------------------------------------------------

    /**
     * Moves the expiry by {@code hours}, up to the template's maximum lifetime (counted from when it
     * became ready); beyond that it needs a new request and approval. The worker updates the
     * sandbox's expiry labels in an EXTEND job.
     */
    @PreAuthorize("isAuthenticated()")
    public SandboxView extend(UUID id, int hours) {
        UserAccount me = users.me();
        if (hours < 1) {
            throw ValidationFailed.of("hours", "Extend by at least 1 hour");
        }
        return change(id, me, sandbox -> {
            Instant now = clock.instant();
            if (sandbox.status() != SandboxStatus.READY || sandbox.expiresAt() == null
                    || !sandbox.expiresAt().isAfter(now)) {
                throw new Conflict("sandbox.not_extendable", "Only a ready sandbox that has not expired can be "
                        + "extended (this one is " + sandbox.status().label().toLowerCase(Locale.ROOT) + ").");
            }
            SandboxTemplate template = templates.findById(sandbox.templateId()).orElseThrow();
            // counted from when it became ready; a row without that time counts from its expiry
            Instant start = sandbox.readyAt() != null ? sandbox.readyAt()
                    : sandbox.expiresAt().minus(Duration.ofHours(sandbox.lifetimeHours()));
            Instant latest = start.plus(Duration.ofHours(template.maxLifetimeHours()));
            Instant previous = sandbox.expiresAt();
            Instant wanted = previous.plus(Duration.ofHours(hours));
            if (wanted.isAfter(latest)) {
                long left = Math.max(0, Duration.between(previous, latest).toHours());
                throw new ExtensionNeedsApproval(template.name(), template.maxLifetimeHours(), (int) left);
            }
            moveExpiry(sandbox, template, hours, now);
            SandboxView view = view(sandbox);
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
                jdbc.sql("""
                                insert into sandbox_expiry_warning (sandbox_id, expires_at, lead_minutes, sent_at)
                                values (?, ?, ?, ?) on conflict do nothing""")
                        .params(sandbox.id(), java.sql.Timestamp.from(wanted), (int) lead.toMinutes(),
                                java.sql.Timestamp.from(now))
                        .update();
            }
        }
        provisioning.schedule(spec(sandbox, template), JobKind.EXTEND);
    }

    // ---- extensions beyond the maximum ---------------------------------------------------------

    /**
     * Asks for an extension beyond the template's maximum lifetime: a field engineer or manager
     * (not the requester) decides, as for a new request. One open request per sandbox.
     */
    @PreAuthorize("isAuthenticated()")
    public ExtensionRequestView requestExtension(UUID id, int hours, String reason) {
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
                Sandbox sandbox = visible(id, me);
                if (!errors.isEmpty()) {
                    throw new ValidationFailed(errors);
                }
                if (sandbox.status() != SandboxStatus.READY) {
                    throw new Conflict("sandbox.not_extendable", "Only a ready sandbox can be extended.");
                }
                extensions.insert(requestId, id, hours, reason.strip(), me.id(), clock.instant());
                events.publishEvent(new SandboxEvents.SandboxExtensionRequested(CurrentActor.actor(), view(sandbox),
                        requestId, hours, reason.strip()));
            });
        } catch (DataIntegrityViolationException e) {
            throw new Conflict("sandbox.extension_pending", "An extension of this sandbox is already waiting for a "
                    + "decision.");
        }
        return readOnly.execute(s -> extensionView(extensions.open(id).orElseThrow()));
    }

    /** The open extension request of a sandbox, if any. */
    @PreAuthorize("isAuthenticated()")
    public java.util.Optional<ExtensionRequestView> openExtension(UUID sandboxId) {
        UserAccount me = users.me();
        return readOnly.execute(s -> {
            visible(sandboxId, me);
            return extensions.open(sandboxId).map(this::extensionView);
        });
    }

    /** Extension requests waiting for a decision, oldest first. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<ExtensionRequestView> extensionQueue() {
        return readOnly.execute(s -> extensions.waiting().stream().map(this::extensionView).toList());
    }

    /** Grants the extension (beyond the maximum) and schedules the EXTEND job in the same transaction. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxView approveExtension(UUID requestId, @Nullable String note) {
        return decideExtension(requestId, true, note(note));
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public SandboxView rejectExtension(UUID requestId, @Nullable String note) {
        return decideExtension(requestId, false, note(note));
    }

    private SandboxView decideExtension(UUID requestId, boolean approve, @Nullable String note) {
        UUID me = me();
        try {
            return tx.execute(s -> {
                ExtensionRequests.Row request = extensions.lock(requestId).orElseThrow(() -> new NotFound(
                        "sandbox.extension_not_found", "There is no extension request " + requestId + "."));
                if (request.requestedBy().equals(me)) {
                    throw new SelfApprovalRefused();
                }
                if (!request.status().equals("REQUESTED")) {
                    throw new Conflict("sandbox.not_waiting", "This extension request is not waiting for a decision.");
                }
                Sandbox sandbox = sandboxes.findById(request.sandboxId()).orElseThrow();
                Instant now = clock.instant();
                if (approve && (sandbox.status() != SandboxStatus.READY || sandbox.expiresAt() == null
                        || !sandbox.expiresAt().isAfter(now))) {
                    throw new Conflict("sandbox.not_extendable", "The sandbox is no longer running.");
                }
                extensions.decide(requestId, approve, me, note, now);
                Instant previous = sandbox.expiresAt();
                if (approve) {
                    moveExpiry(sandbox, templates.findById(sandbox.templateId()).orElseThrow(), request.hours(), now);
                }
                SandboxView view = view(sandbox);
                events.publishEvent(new SandboxEvents.SandboxExtensionDecided(CurrentActor.actor(), view, requestId,
                        approve, request.hours(), note));
                if (approve) {
                    events.publishEvent(new SandboxExtended(CurrentActor.actor(), view, previous, request.hours()));
                }
                notifications.tell(request.requestedBy(), "Your request to extend " + sandbox.name() + " by "
                        + request.hours() + " hours was " + (approve ? "approved" : "rejected")
                        + (note == null ? "." : ": " + note), "sandboxes/" + sandbox.id());
                return view;
            });
        } catch (JobAlreadyOpen busy) {
            throw new Conflict("sandbox.busy", "Another operation on this sandbox is still running; try again "
                    + "when it has finished.");
        }
    }

    private ExtensionRequestView extensionView(ExtensionRequests.Row row) {
        Sandbox sandbox = sandboxes.findById(row.sandboxId()).orElseThrow();
        Set<UUID> people = new HashSet<>();
        people.add(row.requestedBy());
        if (row.decidedBy() != null) {
            people.add(row.decidedBy());
        }
        Map<UUID, UserAccount> accounts = users.accounts(people);
        return new ExtensionRequestView(row.id(), view(sandbox), row.hours(), row.reason(),
                person(accounts, row.requestedBy()), row.requestedAt(), row.status(),
                row.decidedBy() == null ? null : person(accounts, row.decidedBy()), row.decidedAt(), row.decisionNote());
    }

    /** Early teardown, by the owner organisation or staff; also cleans up after a failure. */
    @PreAuthorize("isAuthenticated()")
    public SandboxView teardown(UUID id) {
        UserAccount me = users.me();
        return change(id, me, sandbox -> {
            if (sandbox.status() != SandboxStatus.READY && sandbox.status() != SandboxStatus.FAILED) {
                throw new Conflict("sandbox.not_tearable", switch (sandbox.status()) {
                    case REQUESTED, APPROVED, PROVISIONING -> "It is not ready yet: wait until it is ready or has failed.";
                    case EXPIRING -> "It is already being torn down.";
                    default -> "It is " + sandbox.status().label().toLowerCase(Locale.ROOT) + ": nothing to tear down.";
                });
            }
            return startTeardown(sandbox, view -> new SandboxTeardownStarted(CurrentActor.actor(), view, false));
        });
    }

    /**
     * Starts the teardown job in the caller's transaction; {@code why} makes the event that records
     * why (asked for, expired, failed and not retried).
     */
    SandboxView startTeardown(Sandbox sandbox, java.util.function.Function<SandboxView, SandboxChange> why) {
        SandboxTemplate template = templates.findById(sandbox.templateId()).orElseThrow();
        sandbox.tearingDown(clock.instant());
        sandboxes.saveAndFlush(sandbox);
        extensions.closeOpen(sandbox.id(), clock.instant());
        provisioning.schedule(spec(sandbox, template), JobKind.TEARDOWN);
        SandboxView view = view(sandbox);
        events.publishEvent(why.apply(view));
        return view;
    }

    /** Runs the failed job again from its failed step. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    public SandboxView retry(UUID id) {
        SandboxView current = sandbox(id);
        if (current.status() != SandboxStatus.FAILED) {
            throw new Conflict("sandbox.not_failed", "Only a failed sandbox can be retried.");
        }
        JobView failed = provisioning.jobs(id).stream().filter(j -> j.status() == JobView.JobStatus.FAILED)
                .findFirst().orElseThrow(() -> new Conflict("sandbox.no_failed_job", "There is no failed job to retry."));
        provisioning.retry(failed.id());
        return tx.execute(s -> {
            Sandbox sandbox = sandboxes.findById(id).orElseThrow();
            SandboxView view = view(sandbox);
            events.publishEvent(new SandboxRetried(CurrentActor.actor(), view, failed.id()));
            return view;
        });
    }

    /** The secrets, for the owner organisation only; every reveal is audited. */
    @PreAuthorize("hasRole('CUSTOMER')")
    public List<RevealedSecret> revealSecrets(UUID id) {
        UserAccount me = users.me();
        return tx.execute(s -> {
            Sandbox sandbox = visible(id, me);
            if (sandbox.status() != SandboxStatus.READY) {
                throw new Conflict("sandbox.not_ready", "Secrets are shown only while the sandbox is ready.");
            }
            List<RevealedSecret> revealed = secrets.reveal(id);
            events.publishEvent(new SandboxSecretsRevealed(CurrentActor.actor(), view(sandbox),
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
        SandboxView view = view(sandbox);
        String left = human(Duration.between(now, expiry));
        Message message = Message.of("Your sandbox ", sandbox.name(), " expires in ", left, " (at ", expiry, ").",
                view.extendableHours() > 0 ? " You can extend it by up to " + view.extendableHours() + " hours." : "");
        notifications.tell(sandbox.requestedBy(), message, "sandboxes/" + sandbox.id());
        users.account(sandbox.requestedBy()).map(UserAccount::email).ifPresent(email -> mailer.send(email,
                "Your sandbox " + sandbox.name() + " expires in " + left,
                message.utc() + "\n\nOpen it: " + mailer.link("sandboxes/" + sandbox.id()) + "\n"));
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

    // ---- helpers -------------------------------------------------------------------------------

    private SandboxView change(UUID id, java.util.function.Function<Sandbox, SandboxView> work) {
        return change(id, users.me(), work);
    }

    /** One transaction on one visible sandbox; a job still open for it becomes a clear conflict. */
    private SandboxView change(UUID id, UserAccount me, java.util.function.Function<Sandbox, SandboxView> work) {
        try {
            return tx.execute(s -> work.apply(visible(id, me)));
        } catch (JobAlreadyOpen busy) {
            throw new Conflict("sandbox.busy", "Another operation on this sandbox is still running; try again "
                    + "when it has finished.");
        } catch (DataIntegrityViolationException e) {
            if (String.valueOf(e.getMostSpecificCause().getMessage()).contains("provisioning_job_one_open_per_sandbox")) {
                throw new Conflict("sandbox.busy", "Another operation on this sandbox is still running; try again "
                        + "when it has finished.");
            }
            throw e;
        } catch (org.springframework.orm.ObjectOptimisticLockingFailureException e) {
            throw new Conflict("sandbox.changed", "Someone changed this sandbox meanwhile; look again.");
        }
    }

    void tellRequester(Sandbox sandbox, String message) {
        notifications.tell(sandbox.requestedBy(), message, "sandboxes/" + sandbox.id());
    }

    private SandboxSpec spec(Sandbox sandbox, SandboxTemplate template) {
        OrganisationRef organisation = organisations.organisation(sandbox.organisationId()).orElseThrow();
        RegionView region = environments.regions().stream().filter(r -> r.code().equals(sandbox.regionCode()))
                .findFirst().orElseThrow();
        return new SandboxSpec(sandbox.id(), sandbox.name(), organisation.slug(), template.slug(), region.code(),
                region.awsRegion(), "sandbox-" + organisation.slug(), sandbox.expiresAt(), template.parameterText());
    }

    private UUID me() {
        return CurrentActor.userId().orElseThrow(() -> new AccessDeniedException("Decisions are made by people"));
    }

    private static boolean admin() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Role.ADMIN.authority()));
    }

    SandboxView view(Sandbox sandbox) {
        return views(List.of(sandbox)).getFirst();
    }

    private List<SandboxView> views(List<Sandbox> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Set<UUID> people = new HashSet<>();
        Set<UUID> orgIds = new HashSet<>();
        Set<UUID> templateIds = new HashSet<>();
        for (Sandbox s : list) {
            people.add(s.requestedBy());
            if (s.decidedBy() != null) {
                people.add(s.decidedBy());
            }
            orgIds.add(s.organisationId());
            templateIds.add(s.templateId());
        }
        Map<UUID, UserAccount> accounts = users.accounts(people);
        Map<UUID, OrganisationRef> orgs = organisations.organisations(orgIds);
        Map<UUID, SandboxTemplate> tpls = new java.util.HashMap<>();
        templates.findAllById(templateIds).forEach(t -> tpls.put(t.id(), t));
        Map<UUID, List<String>> secretNames = secrets.names(list.stream().map(Sandbox::id).toList());
        return list.stream().map(s -> {
            SandboxTemplate t = tpls.get(s.templateId());
            Map<String, String> details = new java.util.LinkedHashMap<>();
            s.accessDetails().forEach((k, v) -> details.put(k, String.valueOf(v)));
            Instant cleanupAt = s.status() == SandboxStatus.FAILED && s.failedAt() != null
                    ? s.failedAt().plus(properties.failedCleanupAfter()) : null;
            return new SandboxView(s.id(), s.name(), s.status(), t.slug(), t.name(), s.regionCode(),
                    orgs.get(s.organisationId()), person(accounts, s.requestedBy()), s.requestedAt(),
                    s.lifetimeHours(), s.useCase(), s.decidedBy() == null ? null : person(accounts, s.decidedBy()),
                    s.decidedByPolicy(), s.decidedAt(), s.decisionNote(), s.cancelledAt(), s.provisioningAt(),
                    s.readyAt(), s.expiresAt(), s.extensionCount(), t.maxLifetimeHours(), s.teardownRequestedAt(),
                    s.tornDownAt(), s.failedAt(), s.failureLayer(), s.failureStep(), s.failureMessage(), cleanupAt,
                    s.accessUrl(), details, secretNames.getOrDefault(s.id(), List.of()), s.version());
        }).toList();
    }

    private static SandboxView.Person person(Map<UUID, UserAccount> accounts, UUID id) {
        UserAccount a = accounts.get(id);
        return new SandboxView.Person(id, a == null ? "unknown user" : a.displayName());
    }
}
