package dev.demoportal.sandbox;

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
import dev.demoportal.provisioning.TemplateParameterSchema;
import dev.demoportal.sandbox.SandboxEvents.QuotaOverrideSet;
import dev.demoportal.sandbox.SandboxEvents.TemplateSaved;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The admins' side of the catalogue: templates and per-organisation quotas. */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class SandboxTemplateService {

    /** One organisation's quota override for one template. */
    public record QuotaOverride(OrganisationRef organisation, String templateSlug, int maxActive) {}

    private final SandboxTemplateRepository templates;
    private final EnvironmentService environments;
    private final OrganisationService organisations;
    private final FormValidator validator;
    private final ApplicationEventPublisher events;
    private final QuotaOverrideRepository overrides;
    private final Clock clock;
    private final TransactionTemplate tx;

    SandboxTemplateService(
            SandboxTemplateRepository templates,
            EnvironmentService environments,
            OrganisationService organisations,
            FormValidator validator,
            ApplicationEventPublisher events,
            QuotaOverrideRepository overrides,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.templates = templates;
        this.environments = environments;
        this.organisations = organisations;
        this.validator = validator;
        this.events = events;
        this.overrides = overrides;
        this.clock = clock;
        this.tx = Transactions.joining(transactions);
    }

    /** Every template, inactive ones too, by name. */
    public List<TemplateSummary> all() {
        return tx.execute(s -> templates.findAllByOrderByName().stream()
                .map(SandboxTemplate::toView)
                .toList());
    }

    /** The template with this slug, inactive or not. */
    public TemplateSummary template(String slug) {
        return tx.execute(s -> templates
                .findBySlug(slug)
                .map(SandboxTemplate::toView)
                .orElseThrow(() -> new NotFound("sandbox_template.not_found", "No such template.")));
    }

    public long count() {
        return tx.execute(s -> templates.count());
    }

    public TemplateSummary create(TemplateForm form) {
        check(form);
        try {
            return tx.execute(s -> {
                SandboxTemplate template = templates.saveAndFlush(new SandboxTemplate(form, clock.instant()));
                TemplateSummary view = template.toView();
                events.publishEvent(new TemplateSaved(CurrentActor.actor(), view, true));
                return view;
            });
        } catch (DataIntegrityViolationException e) {
            throw FormValidator.translate(
                    e,
                    Map.of(
                            "sandbox_template_slug_key", new FieldError("slug", "Another template has this slug"),
                            "sandbox_template_name_key", new FieldError("name", "Another template has this name")));
        }
    }

    public TemplateSummary update(UUID id, long expectedVersion, TemplateForm form) {
        check(form);
        try {
            return tx.execute(s -> {
                SandboxTemplate template = templates
                        .findById(id)
                        .orElseThrow(() -> new NotFound("sandbox_template.not_found", "No such template."));
                if (template.toView().version() != expectedVersion) {
                    throw new Conflict(
                            "sandbox_template.changed", "Someone changed this template meanwhile; " + "reopen it.");
                }
                template.apply(form, clock.instant());
                templates.saveAndFlush(template);
                TemplateSummary view = template.toView();
                events.publishEvent(new TemplateSaved(CurrentActor.actor(), view, false));
                return view;
            });
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new Conflict("sandbox_template.changed", "Someone changed this template meanwhile; reopen it.");
        } catch (DataIntegrityViolationException e) {
            throw FormValidator.translate(
                    e,
                    Map.of(
                            "sandbox_template_slug_key", new FieldError("slug", "Another template has this slug"),
                            "sandbox_template_name_key", new FieldError("name", "Another template has this name")));
        }
    }

    private void check(TemplateForm form) {
        validator.check(form);
        List<FieldError> errors = new ArrayList<>();
        if (form.defaultLifetimeHours() > form.maxLifetimeHours()) {
            errors.add(new FieldError("maxLifetimeHours", "The maximum cannot be below the default lifetime"));
        }
        List<String> known =
                environments.regions().stream().map(RegionSummary::code).toList();
        form.regions().stream()
                .filter(r -> !known.contains(r))
                .findFirst()
                .ifPresent(r -> errors.add(new FieldError("regions", "Unknown region " + r)));
        form.parameters().keySet().stream()
                .filter(k -> !k.matches("^[a-zA-Z0-9_.-]{1,63}$"))
                .findFirst()
                .ifPresent(k -> errors.add(new FieldError(
                        "parameters", "Parameter names are letters, digits, " + "dots, dashes and underscores: " + k)));
        // every parameter is read by a driver, or the template is refused
        errors.addAll(TemplateParameterSchema.check(form.parameters()));
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    /** Every override, by organisation then template. */
    public List<QuotaOverride> quotaOverrides() {
        List<QuotaOverrideRepository.Row> rows = overrides.all();
        Map<UUID, OrganisationRef> orgs = organisations.organisations(
                rows.stream().map(QuotaOverrideRepository.Row::organisationId).toList());
        return rows.stream()
                .map(r -> new QuotaOverride(orgs.get(r.organisationId()), r.templateSlug(), r.maxActive()))
                .sorted(java.util.Comparator.comparing(
                                (QuotaOverride q) -> q.organisation().name())
                        .thenComparing(QuotaOverride::templateSlug))
                .toList();
    }

    /** Sets (or with null, removes) an organisation's quota for a template. */
    public void setQuota(String organisationSlug, String templateSlug, @Nullable Integer maxActive) {
        if (maxActive != null && (maxActive < 0 || maxActive > 1000)) {
            throw ValidationFailed.of("maxActive", "Between 0 and 1000");
        }
        OrganisationRef organisation = organisations
                .organisation(organisationSlug)
                .orElseThrow(() -> ValidationFailed.of("organisation", "There is no organisation " + organisationSlug));
        tx.executeWithoutResult(s -> {
            SandboxTemplate template = templates
                    .findBySlug(templateSlug)
                    .orElseThrow(() -> ValidationFailed.of("template", "There is no template " + templateSlug));
            if (maxActive == null) {
                overrides.remove(organisation.id(), template.id());
            } else {
                overrides.set(organisation.id(), template.id(), maxActive, clock.instant());
            }
            events.publishEvent(new QuotaOverrideSet(
                    CurrentActor.actor(), organisation.id(), organisation.slug(), templateSlug, maxActive));
        });
    }
}
