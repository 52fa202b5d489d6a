package dev.demoportal.sandbox.api;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.base.api.ApiConventions;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.sandbox.SandboxTemplateService;
import dev.demoportal.sandbox.TemplateForm;
import dev.demoportal.sandbox.TemplateSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins create, change and retire sandbox templates without the browser. Each change is the
 * service's, as in the template editor (validated, audited as {@code sandbox.template_created} /
 * {@code sandbox.template_updated}); retiring is the editor's "inactive": no new requests, the
 * sandboxes made from it live on.
 */
@RestController
@RequestMapping("/api/v1/sandbox-templates")
class TemplateAdminController {

    /**
     * A template as an admin writes it. On a change, a field left out keeps its value;
     * {@code version} is the one last read (a change by someone else in between is {@code 409
     * sandbox_template.changed}), or left out to overwrite. Lifetimes are ISO-8601 whole hours.
     */
    record TemplateInput(
            @Nullable String slug,
            @Nullable String name,
            @Nullable String description,
            @Nullable String offering,
            @Nullable List<String> regions,
            @Nullable Duration defaultLifetime,
            @Nullable Duration maxLifetime,
            @Nullable Boolean autoApprove,
            @Nullable Integer organisationQuota,
            @Nullable Map<String, String> parameters,
            @Nullable Boolean active,
            @Nullable Long version) {}

    /** The template as written, with the version to send with the next change. */
    record TemplateWritten(
            String slug,
            String name,
            String description,
            String offering,
            List<String> regions,
            Duration defaultLifetime,
            Duration maxLifetime,
            boolean autoApprove,
            int organisationQuota,
            Map<String, String> parameters,
            boolean active,
            long version) {

        static TemplateWritten of(TemplateSummary t) {
            return new TemplateWritten(
                    t.slug(),
                    t.name(),
                    t.description(),
                    t.offering(),
                    t.regions(),
                    Duration.ofHours(t.defaultLifetimeHours()),
                    Duration.ofHours(t.maxLifetimeHours()),
                    t.autoApprove(),
                    t.organisationQuota(),
                    t.parameters(),
                    t.active(),
                    t.version());
        }
    }

    private final SandboxTemplateService templates;

    TemplateAdminController(SandboxTemplateService templates) {
        this.templates = templates;
    }

    @GetMapping("/{slug}")
    @ApiProblem("sandbox_template.not_found")
    @Operation(summary = "Admins: one template as they write it (parameters, quota, active, version)")
    TemplateWritten template(@PathVariable String slug) {
        return TemplateWritten.of(templates.template(slug));
    }

    @PostMapping
    @ApiProblem("validation.failed")
    @Operation(
            summary = "Admins: create a template {slug, name, description, regions, defaultLifetime, maxLifetime, "
                    + "offering?, autoApprove?, organisationQuota?, parameters?, active?}")
    ResponseEntity<TemplateWritten> create(@RequestBody TemplateInput body) {
        TemplateSummary created = apiFields(() -> templates.create(new TemplateForm(
                text(body.slug()),
                text(body.name()),
                text(body.description()),
                text(body.offering()),
                body.regions() == null ? List.of() : body.regions(),
                hours("defaultLifetime", body.defaultLifetime(), 0),
                hours("maxLifetime", body.maxLifetime(), 0),
                Boolean.TRUE.equals(body.autoApprove()),
                body.organisationQuota() == null ? 0 : body.organisationQuota(),
                body.parameters() == null ? Map.of() : body.parameters(),
                body.active() == null || body.active())));
        return ResponseEntity.created(URI.create("/api/v1/sandbox-templates/" + created.slug()))
                .body(TemplateWritten.of(created));
    }

    @PutMapping("/{slug}")
    @ApiProblem({"validation.failed", "sandbox_template.not_found", "sandbox_template.changed"})
    @Operation(summary = "Admins: change a template; fields left out keep their value; version from the last read")
    TemplateWritten update(@PathVariable String slug, @RequestBody TemplateInput body) {
        TemplateSummary current = templates.template(slug);
        TemplateForm form = new TemplateForm(
                body.slug() == null ? current.slug() : body.slug().strip(),
                body.name() == null ? current.name() : body.name().strip(),
                body.description() == null
                        ? current.description()
                        : body.description().strip(),
                body.offering() == null ? current.offering() : body.offering().strip(),
                body.regions() == null ? current.regions() : body.regions(),
                hours("defaultLifetime", body.defaultLifetime(), current.defaultLifetimeHours()),
                hours("maxLifetime", body.maxLifetime(), current.maxLifetimeHours()),
                body.autoApprove() == null ? current.autoApprove() : body.autoApprove(),
                body.organisationQuota() == null ? current.organisationQuota() : body.organisationQuota(),
                body.parameters() == null ? current.parameters() : body.parameters(),
                body.active() == null ? current.active() : body.active());
        long version = body.version() == null ? current.version() : body.version();
        return TemplateWritten.of(apiFields(() -> templates.update(current.id(), version, form)));
    }

    @PostMapping("/{slug}/retire")
    @ApiProblem({"sandbox_template.not_found", "sandbox_template.changed"})
    @Operation(
            summary = "Admins: retire a template (inactive: no new requests, its sandboxes live on; "
                    + "undone with PUT active=true)")
    TemplateWritten retire(@PathVariable String slug) {
        TemplateSummary current = templates.template(slug);
        TemplateForm form = TemplateForm.of(current);
        TemplateForm inactive = new TemplateForm(
                form.slug(),
                form.name(),
                form.description(),
                form.offering(),
                form.regions(),
                form.defaultLifetimeHours(),
                form.maxLifetimeHours(),
                form.autoApprove(),
                form.organisationQuota(),
                form.parameters(),
                false);
        return TemplateWritten.of(templates.update(current.id(), current.version(), inactive));
    }

    /** The form's field names as the API spells them (lifetimes are durations here, hours there). */
    private static TemplateSummary apiFields(Supplier<TemplateSummary> write) {
        try {
            return write.get();
        } catch (ValidationFailed e) {
            throw new ValidationFailed(e.errors().stream()
                    .map(f -> new FieldError(
                            switch (f.field()) {
                                case "defaultLifetimeHours" -> "defaultLifetime";
                                case "maxLifetimeHours" -> "maxLifetime";
                                default -> f.field();
                            },
                            f.text()))
                    .toList());
        }
    }

    private static int hours(String field, @Nullable Duration duration, int otherwise) {
        return duration == null ? otherwise : ApiConventions.wholeHours(field, duration);
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}
