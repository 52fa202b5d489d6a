package dev.demoportal.sandbox.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.api.ApiConventions;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Pages;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.sandbox.ExtensionRequestSummary;
import dev.demoportal.sandbox.QuotaUsage;
import dev.demoportal.sandbox.RevealedSecret;
import dev.demoportal.sandbox.SandboxExtensionService;
import dev.demoportal.sandbox.SandboxFilter;
import dev.demoportal.sandbox.SandboxQuotaService;
import dev.demoportal.sandbox.SandboxRequest;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import dev.demoportal.sandbox.TemplateSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class SandboxController {

    record TemplateJson(
            String slug,
            String name,
            String description,
            List<String> regions,
            Duration defaultLifetime,
            Duration maxLifetime) {
        static TemplateJson of(TemplateSummary t) {
            return new TemplateJson(
                    t.slug(),
                    t.name(),
                    t.description(),
                    t.regions(),
                    Duration.ofHours(t.defaultLifetimeHours()),
                    Duration.ofHours(t.maxLifetimeHours()));
        }
    }

    /**
     * A sandbox request. {@code lifetimeHours} and {@code organization} are the deprecated spellings
     * of {@code lifetime} and {@code organisation}, accepted until {@value ApiConventions#DEPRECATED_UNTIL}.
     */
    record NewRequest(
            @Nullable String template,
            @Nullable String region,
            @Nullable Duration lifetime,
            @Deprecated @Nullable Integer lifetimeHours,
            @Nullable String useCase,
            @JsonAlias("organization") @Nullable String organisation) {

        @Nullable
        Integer hours() {
            return lifetime != null ? Integer.valueOf(ApiConventions.wholeHours("lifetime", lifetime)) : lifetimeHours;
        }
    }

    record Decision(@Nullable String note) {}

    record QuotaJson(String template, String templateName, String organisation, int quota, long active, long left) {
        static QuotaJson of(QuotaUsage q) {
            return new QuotaJson(
                    q.templateSlug(), q.templateName(), q.organisation().slug(), q.quota(), q.active(), q.left());
        }
    }

    /** {@code by}, ISO-8601 whole hours; {@code hours} is the deprecated form, accepted until {@value ApiConventions#DEPRECATED_UNTIL}. */
    record Extension(
            @Nullable Duration by, @Deprecated @Nullable Integer hours) {

        @Nullable
        Integer wholeHours() {
            return by != null ? Integer.valueOf(ApiConventions.wholeHours("by", by)) : hours;
        }
    }

    /** As {@link Extension}, with a reason. */
    record NewExtensionRequest(
            @Nullable Duration by,
            @Deprecated @Nullable Integer hours,
            @Nullable String reason) {

        @Nullable
        Integer wholeHours() {
            return by != null ? Integer.valueOf(ApiConventions.wholeHours("by", by)) : hours;
        }
    }

    record ExtensionRequestJson(
            UUID id,
            UUID sandboxId,
            Duration by,
            String reason,
            String requestedBy,
            java.time.Instant requestedAt,
            String status,
            @Nullable String decidedBy,
            java.time.@Nullable Instant decidedAt,
            @Nullable String decisionNote) {
        static ExtensionRequestJson of(ExtensionRequestSummary r) {
            return new ExtensionRequestJson(
                    r.id(),
                    r.sandbox().id(),
                    Duration.ofHours(r.hours()),
                    r.reason(),
                    r.requestedBy().name(),
                    r.requestedAt(),
                    r.status().name(),
                    r.decidedBy() == null ? null : r.decidedBy().name(),
                    r.decidedAt(),
                    r.decisionNote());
        }
    }

    private final SandboxService sandboxes;
    private final SandboxRequestService requestService;
    private final SandboxExtensionService extensionService;
    private final SandboxQuotaService quotas;

    SandboxController(
            SandboxService sandboxes,
            SandboxRequestService requestService,
            SandboxExtensionService extensionService,
            SandboxQuotaService quotas) {
        this.sandboxes = sandboxes;
        this.requestService = requestService;
        this.extensionService = extensionService;
        this.quotas = quotas;
    }

    @ApiProblem("validation.failed")
    @GetMapping("/sandbox-templates")
    @Operation(summary = "The templates one may request")
    ResponseEntity<List<TemplateJson>> templates(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(
                requestService.templates().stream().map(TemplateJson::of).toList(), offset, limit);
    }

    @ApiProblem({"validation.failed", "organisation.not_found"})
    @GetMapping("/sandbox-quotas")
    @Operation(
            summary = "How much of each template's quota an organisation uses and has left: customers their own, "
                    + "staff name the organisation (slug)")
    ResponseEntity<List<QuotaJson>> quotas(
            @RequestParam(required = false) @Nullable String organisation,
            @Parameter(
                            deprecated = true,
                            description = "the old spelling of organisation, accepted until "
                                    + ApiConventions.DEPRECATED_UNTIL)
                    @RequestParam(required = false)
                    @Nullable
                    String organization,
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(
                quotas.quotas(organisation != null ? organisation : organization).stream()
                        .map(QuotaJson::of)
                        .toList(),
                offset,
                limit);
    }

    @ApiProblem({
        "validation.failed",
        "sandbox_template.not_found",
        "organisation.not_found",
        "region.not_found",
        "quota_exceeded"
    })
    @PostMapping("/sandbox-requests")
    @Operation(
            summary = "Request a sandbox; 409 quota_exceeded when the organisation's quota is used up. "
                    + "Field engineers name the customer organisation (slug).")
    ResponseEntity<SandboxJson> request(@RequestBody NewRequest body) {
        SandboxSummary created = requestService.request(new SandboxRequest(
                text(body.template()), text(body.region()), body.hours(), text(body.useCase()), body.organisation()));
        return ResponseEntity.created(URI.create("/api/v1/sandbox-requests/" + created.id()))
                .body(json(created));
    }

    @ApiProblem("validation.failed")
    @GetMapping("/sandbox-requests")
    @Operation(summary = "Requests and sandboxes you may see (customers: their organisation's), newest first")
    ResponseEntity<List<SandboxJson>> requests(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        Pages.Paging paging = Pages.Paging.of(offset, limit);
        SandboxStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = SandboxStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ValidationFailed.of("status", "One of " + java.util.Arrays.toString(SandboxStatus.values()));
            }
        }
        // the API lists without steps: one query for the list instead of one per sandbox
        SandboxFilter filter = SandboxFilter.status(wanted);
        return Pages.page(
                sandboxes.sandboxes(filter, paging.offset(), paging.limit()).stream()
                        .map(s -> SandboxJson.of(s, List.of()))
                        .toList(),
                sandboxes.count(filter),
                paging);
    }

    /** A request and, once approved, its sandbox (the same id), with the steps of its latest job. */
    @ApiProblem("sandbox.not_found")
    @GetMapping({"/sandbox-requests/{id}", "/sandboxes/{id}"})
    SandboxJson request(@PathVariable UUID id) {
        return json(sandboxes.sandbox(id));
    }

    @ApiProblem({
        "validation.failed",
        "sandbox.not_found",
        "sandbox.self_approval",
        "sandbox.not_waiting",
        "sandbox.changed"
    })
    @PostMapping("/sandbox-requests/{id}/approve")
    @Operation(summary = "Approve (not your own request); schedules provisioning")
    SandboxJson approve(@PathVariable UUID id, @RequestBody(required = false) @Nullable Decision body) {
        return json(requestService.approve(id, body == null ? null : body.note()));
    }

    @ApiProblem({
        "validation.failed",
        "sandbox.not_found",
        "sandbox.self_approval",
        "sandbox.not_waiting",
        "sandbox.changed"
    })
    @PostMapping("/sandbox-requests/{id}/reject")
    SandboxJson reject(@PathVariable UUID id, @RequestBody(required = false) @Nullable Decision body) {
        return json(requestService.reject(id, body == null ? null : body.note()));
    }

    @ApiProblem({"sandbox.not_found", "sandbox.not_cancellable", "sandbox.changed"})
    @PostMapping("/sandbox-requests/{id}/cancel")
    @Operation(
            summary = "Cancel a request still waiting for approval (its organisation, or whoever requested it); "
                    + "409 sandbox.not_cancellable once decided")
    SandboxJson cancel(@PathVariable UUID id) {
        return json(requestService.cancel(id));
    }

    @ApiProblem({
        "validation.failed",
        "sandbox.not_found",
        "sandbox.not_extendable",
        "sandbox.extension_needs_approval",
        "sandbox.busy",
        "sandbox.changed"
    })
    @PostMapping("/sandboxes/{id}/extend")
    @Operation(summary = "Extend by some hours, up to the template's maximum lifetime")
    SandboxJson extend(@PathVariable UUID id, @RequestBody Extension body) {
        Integer hours = body.wholeHours();
        if (hours == null) {
            throw ValidationFailed.of("by", "Say by how long, ISO-8601 whole hours (PT24H)");
        }
        return json(extensionService.extend(id, hours));
    }

    @ApiProblem({"sandbox.not_found", "sandbox.not_tearable", "sandbox.busy", "sandbox.changed"})
    @PostMapping("/sandboxes/{id}/teardown")
    @Operation(
            summary = "Tear down now (a ready or failed sandbox; a failed one then no longer counts against the "
                    + "quota)")
    SandboxJson teardown(@PathVariable UUID id) {
        return json(sandboxes.teardown(id));
    }

    /** The media type of a kubeconfig (YAML, RFC 9512). */
    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @ApiProblem({"sandbox.not_found", "sandbox.not_ready", "sandbox.kubeconfig_not_found"})
    @GetMapping("/sandboxes/{id}/kubeconfig")
    @Operation(
            summary = "The hand-off kit's kubeconfig (application/yaml): the sandbox namespace only, its token "
                    + "expiring no later than the sandbox; for the owner organisation's customers (404 to anyone "
                    + "else), while it is ready (409 sandbox.not_ready). Every call is audited.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            content =
                    @io.swagger.v3.oas.annotations.media.Content(
                            mediaType = "application/yaml",
                            schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string")))
    ResponseEntity<String> kubeconfig(@PathVariable UUID id) {
        RevealedSecret kubeconfig = sandboxes.kubeconfig(id);
        return ResponseEntity.ok()
                .contentType(YAML)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".kubeconfig\"")
                .body(kubeconfig.value());
    }

    /** A secret's name as drivers hand them over: {@code adminPassword}, {@code vault-path}. */
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Every secret of a sandbox by name, as revealed to its owner. */
    record SecretsJson(UUID sandbox, Map<String, String> secrets) {}

    /** One secret. */
    record SecretJson(UUID sandbox, String name, String value) {}

    @ApiProblem({"sandbox.not_found", "sandbox.not_ready"})
    @GetMapping("/sandboxes/{id}/secrets")
    @Operation(
            summary = "Every secret the sandbox's driver handed over (e.g. adminPassword, kubeconfig), by name; for "
                    + "the owner organisation's customers (404 to anyone else, staff too), while it is ready (409 "
                    + "sandbox.not_ready). Answered with Cache-Control: no-store; every call is audited with the "
                    + "names revealed.")
    ResponseEntity<SecretsJson> secrets(@PathVariable UUID id) {
        Map<String, String> byName = new LinkedHashMap<>();
        sandboxes.revealSecrets(id).forEach(secret -> byName.put(secret.name(), secret.value()));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(new SecretsJson(id, byName));
    }

    @ApiProblem({"validation.failed", "sandbox.not_found", "sandbox.not_ready", "sandbox.secret_not_found"})
    @GetMapping("/sandboxes/{id}/secrets/{name}")
    @Operation(
            summary = "One secret by its name (the sandbox's secretNames); same rules as all of them, 404 "
                    + "sandbox.secret_not_found for a name it does not have. Audited.")
    ResponseEntity<SecretJson> secret(@PathVariable UUID id, @PathVariable String name) {
        if (!SECRET_NAME.matcher(name).matches()) {
            throw ValidationFailed.of("name", "A secret's name: letters, digits, '.', '_' or '-', at most 64");
        }
        RevealedSecret secret = sandboxes.revealSecret(id, name);
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new SecretJson(id, secret.name(), secret.value()));
    }

    @ApiProblem({"validation.failed", "sandbox.not_found", "sandbox.not_ready", "sandbox.extension_pending"})
    @PostMapping("/sandboxes/{id}/extension-requests")
    @Operation(summary = "Ask for an extension beyond the template's maximum lifetime; someone else approves it")
    ResponseEntity<ExtensionRequestJson> requestExtension(
            @PathVariable UUID id, @RequestBody NewExtensionRequest body) {
        ExtensionRequestSummary created = extensionService.requestExtension(
                id, body.wholeHours() == null ? 0 : body.wholeHours(), text(body.reason()));
        return ResponseEntity.created(URI.create("/api/v1/extension-requests/" + created.id()))
                .body(ExtensionRequestJson.of(created));
    }

    @ApiProblem("validation.failed")
    @GetMapping("/extension-requests")
    @Operation(summary = "Extension requests waiting for a decision (field engineers, managers, admins)")
    ResponseEntity<List<ExtensionRequestJson>> extensionRequests(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(
                extensionService.extensionQueue().stream()
                        .map(ExtensionRequestJson::of)
                        .toList(),
                offset,
                limit);
    }

    @ApiProblem({
        "validation.failed",
        "sandbox.extension_not_found",
        "sandbox.self_approval",
        "sandbox.not_waiting",
        "sandbox.busy",
        "sandbox.changed"
    })
    @PostMapping("/extension-requests/{id}/approve")
    SandboxJson approveExtension(@PathVariable UUID id, @RequestBody(required = false) @Nullable Decision body) {
        return json(extensionService.approveExtension(id, body == null ? null : body.note()));
    }

    @ApiProblem({"validation.failed", "sandbox.extension_not_found", "sandbox.self_approval", "sandbox.not_waiting"})
    @PostMapping("/extension-requests/{id}/reject")
    SandboxJson rejectExtension(@PathVariable UUID id, @RequestBody(required = false) @Nullable Decision body) {
        return json(extensionService.rejectExtension(id, body == null ? null : body.note()));
    }

    private SandboxJson json(SandboxSummary sandbox) {
        List<JobSummary> jobs = sandbox.decidedAt() == null ? List.of() : sandboxes.jobs(sandbox.id());
        return SandboxJson.of(sandbox, jobs);
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
