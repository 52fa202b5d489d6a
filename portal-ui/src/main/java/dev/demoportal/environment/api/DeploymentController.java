package dev.demoportal.environment.api;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Pages;
import dev.demoportal.environment.DeploymentReport;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.DeploymentStatus;
import dev.demoportal.environment.DeploymentSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Pipelines report what they deployed to an environment or one of its slots. */
@RestController
@RequestMapping("/api/v1/environments/{slug}")
class DeploymentController {

    /** A pipeline's report; {@code status} is text so a wrong one is a field error, not unreadable JSON. */
    record ReportJson(
            @Nullable String version,
            @Nullable String commit,
            @Nullable String pipelineUrl,
            @Nullable String status,
            @Nullable Instant at) {}

    /** A deployment as the API shows it; field names are part of the stable API. */
    record DeploymentJson(
            @Nullable Integer slot,
            String version,
            @Nullable String commit,
            @Nullable String pipelineUrl,
            String status,
            Instant at,
            Duration age,
            Instant reportedAt,
            String reportedBy) {

        static DeploymentJson of(DeploymentSummary d, Instant now) {
            return new DeploymentJson(
                    d.slot(),
                    d.version(),
                    d.commit(),
                    d.pipelineUrl(),
                    d.status().name(),
                    d.at(),
                    d.age(now),
                    d.reportedAt(),
                    d.reportedBy());
        }
    }

    private final DeploymentService deployments;
    private final Clock clock;

    DeploymentController(DeploymentService deployments, Clock clock) {
        this.deployments = deployments;
        this.clock = clock;
    }

    @ApiProblem({"validation.failed", "environment.not_found", "deployment.stale"})
    @PutMapping("/deployment")
    @Operation(
            summary =
                    "Report what is deployed to the environment: version, commit, pipelineUrl, status "
                            + "(DEPLOYING, HEALTHY, FAILED), at (default now); 409 deployment.stale if older than the current report")
    DeploymentJson reportEnvironment(@PathVariable String slug, @RequestBody ReportJson body) {
        return DeploymentJson.of(deployments.report(slug, null, report(body)), clock.instant());
    }

    @ApiProblem({"validation.failed", "environment.not_found", "deployment.stale"})
    @PutMapping("/slots/{slot}/deployment")
    @Operation(summary = "Report what is deployed to one tenant slot of the environment (as for the environment)")
    DeploymentJson reportSlot(@PathVariable String slug, @PathVariable int slot, @RequestBody ReportJson body) {
        return DeploymentJson.of(deployments.report(slug, slot, report(body)), clock.instant());
    }

    @ApiProblem({"validation.failed", "environment.not_found"})
    @GetMapping("/deployments")
    @Operation(summary = "Deployment reports of the environment and its slots, newest first (the history)")
    ResponseEntity<List<DeploymentJson>> history(
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        Pages.Paging paging = Pages.Paging.of(offset, limit);
        Instant now = clock.instant();
        DeploymentService.HistoryPage page = deployments.history(slug, paging.offset(), paging.limit());
        return Pages.page(
                page.items().stream().map(d -> DeploymentJson.of(d, now)).toList(), page.total(), paging);
    }

    private static DeploymentReport report(ReportJson body) {
        DeploymentStatus status = null;
        if (body.status() != null) {
            status = DeploymentStatus.parse(body.status())
                    .orElseThrow(() -> ValidationFailed.of("status", "Give the status: DEPLOYING, HEALTHY or FAILED"));
        }
        return new DeploymentReport(body.version(), body.commit(), body.pipelineUrl(), status, body.at());
    }
}
