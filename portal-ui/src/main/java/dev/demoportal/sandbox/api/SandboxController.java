package dev.demoportal.sandbox.api;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.api.Pages;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.sandbox.ExtensionRequestSummary;
import dev.demoportal.sandbox.QuotaUsage;
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
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
            int defaultLifetimeHours,
            int maxLifetimeHours) {
        static TemplateJson of(TemplateSummary t) {
            return new TemplateJson(
                    t.slug(), t.name(), t.description(), t.regions(), t.defaultLifetimeHours(), t.maxLifetimeHours());
        }
    }

    record NewRequest(
            @Nullable String template,
            @Nullable String region,
            @Nullable Integer lifetimeHours,
            @Nullable String useCase,
            @Nullable String organization) {}

    record Decision(@Nullable String note) {}

    record QuotaJson(String template, String templateName, String organization, int quota, long active, long left) {
        static QuotaJson of(QuotaUsage q) {
            return new QuotaJson(
                    q.templateSlug(), q.templateName(), q.organisation().slug(), q.quota(), q.active(), q.left());
        }
    }

    record Extension(@Nullable Integer hours) {}

    record NewExtensionRequest(
            @Nullable Integer hours, @Nullable String reason) {}

    record ExtensionRequestJson(
            UUID id,
            UUID sandboxId,
            int hours,
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
                    r.hours(),
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

    @GetMapping("/sandbox-templates")
    @Operation(summary = "The templates one may request")
    ResponseEntity<List<TemplateJson>> templates(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(
                requestService.templates().stream().map(TemplateJson::of).toList(), offset, limit);
    }

    @GetMapping("/sandbox-quotas")
    @Operation(
            summary = "How much of each template's quota an organisation uses and has left: customers their own, "
                    + "staff name the organization (slug)")
    ResponseEntity<List<QuotaJson>> quotas(
            @RequestParam(required = false) @Nullable String organization,
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(quotas.quotas(organization).stream().map(QuotaJson::of).toList(), offset, limit);
    }

    @PostMapping("/sandbox-requests")
    @Operation(
            summary = "Request a sandbox; 409 quota_exceeded when the organisation's quota is used up. "
                    + "Field engineers name the customer organisation (slug).")
    ResponseEntity<SandboxJson> request(@RequestBody NewRequest body) {
        SandboxSummary created = requestService.request(new SandboxRequest(
                text(body.template()),
                text(body.region()),
                body.lifetimeHours(),
                text(body.useCase()),
                body.organization()));
        return ResponseEntity.created(URI.create("/api/v1/sandbox-requests/" + created.id()))
                .body(json(created));
    }

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
    @GetMapping({"/sandbox-requests/{id}", "/sandboxes/{id}"})
    SandboxJson request(@PathVariable UUID id) {
        return json(sandboxes.sandbox(id));
    }

    @PostMapping("/sandbox-requests/{id}/approve")
    @Operation(summary = "Approve (not your own request); schedules provisioning")
    SandboxJson approve(@PathVariable UUID id, @RequestBody(required = false) @Nullable Decision body) {
        return json(requestService.approve(id, body == null ? null : body.note()));
    }

    @PostMapping("/sandbox-requests/{id}/reject")
    SandboxJson reject(@PathVariable UUID id, @RequestBody(required = false) @Nullable Decision body) {
        return json(requestService.reject(id, body == null ? null : body.note()));
    }

    @PostMapping("/sandbox-requests/{id}/cancel")
    @Operation(
            summary = "Cancel a request still waiting for approval (its organisation, or whoever requested it); "
                    + "409 sandbox.not_cancellable once decided")
    SandboxJson cancel(@PathVariable UUID id) {
        return json(requestService.cancel(id));
    }

    @PostMapping("/sandboxes/{id}/extend")
    @Operation(summary = "Extend by some hours, up to the template's maximum lifetime")
    SandboxJson extend(@PathVariable UUID id, @RequestBody Extension body) {
        if (body.hours() == null) {
            throw ValidationFailed.of("hours", "Say by how many hours");
        }
        return json(extensionService.extend(id, body.hours()));
    }

    @PostMapping("/sandboxes/{id}/teardown")
    @Operation(
            summary = "Tear down now (a ready or failed sandbox; a failed one then no longer counts against the "
                    + "quota)")
    SandboxJson teardown(@PathVariable UUID id) {
        return json(sandboxes.teardown(id));
    }

    @PostMapping("/sandboxes/{id}/extension-requests")
    @Operation(summary = "Ask for an extension beyond the template's maximum lifetime; someone else approves it")
    ResponseEntity<ExtensionRequestJson> requestExtension(
            @PathVariable UUID id, @RequestBody NewExtensionRequest body) {
        ExtensionRequestSummary created =
                extensionService.requestExtension(id, body.hours() == null ? 0 : body.hours(), text(body.reason()));
        return ResponseEntity.created(URI.create("/api/v1/extension-requests/" + created.id()))
                .body(ExtensionRequestJson.of(created));
    }

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

    @PostMapping("/extension-requests/{id}/approve")
    SandboxJson approveExtension(@PathVariable UUID id, @RequestBody(required = false) @Nullable Decision body) {
        return json(extensionService.approveExtension(id, body == null ? null : body.note()));
    }

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
