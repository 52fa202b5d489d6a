package dev.demoportal.sandbox.api;

import dev.demoportal.base.Conflict;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Pages;
import dev.demoportal.provisioning.JobNotRetryable;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.sandbox.SandboxService;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A sandbox's provisioning jobs with their steps, and retrying a failed one from its failed step
 * (as the sandbox page's Retry: field engineers and admins; audited).
 */
@RestController
@RequestMapping("/api/v1")
class JobController {

    /**
     * One job. {@code drivers}: the driver of each layer ("simulated" when simulated). Steps carry
     * neither output nor log (they may hold access details); {@code error} is why a step failed.
     */
    record JobJson(
            UUID id,
            UUID sandboxId,
            String kind,
            String status,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable String error,
            Map<String, String> drivers,
            List<StepJson> steps) {

        static JobJson of(JobSummary j) {
            return new JobJson(
                    j.id(),
                    j.sandboxId(),
                    j.kind().name(),
                    j.status().name(),
                    j.createdAt(),
                    j.startedAt(),
                    j.finishedAt(),
                    j.errorMessage(),
                    j.drivers(),
                    j.steps().stream().map(StepJson::of).toList());
        }
    }

    record StepJson(
            int ordinal,
            String layer,
            String name,
            String status,
            int attempts,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable String error,
            SandboxJson.@Nullable Pipeline pipeline) {

        static StepJson of(JobSummary.StepSummary s) {
            return new StepJson(
                    s.ordinal(),
                    s.layer().code(),
                    s.name(),
                    s.status().name(),
                    s.attempts(),
                    s.startedAt(),
                    s.finishedAt(),
                    s.error(),
                    SandboxJson.Pipeline.of(s));
        }
    }

    private final SandboxService sandboxes;

    JobController(SandboxService sandboxes) {
        this.sandboxes = sandboxes;
    }

    @ApiProblem({"validation.failed", "sandbox.not_found"})
    @GetMapping("/sandboxes/{id}/jobs")
    @Operation(summary = "A sandbox's provisioning jobs with their steps, newest first")
    ResponseEntity<List<JobJson>> jobs(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(sandboxes.jobs(id).stream().map(JobJson::of).toList(), offset, limit);
    }

    @ApiProblem("job.not_found")
    @GetMapping("/jobs/{id}")
    @Operation(summary = "One provisioning job with its steps")
    JobJson job(@PathVariable UUID id) {
        return JobJson.of(sandboxes.job(id));
    }

    @ApiProblem({"job.not_found", "job.not_retryable", "sandbox.not_failed", "sandbox.no_failed_job"})
    @PostMapping("/jobs/{id}/retry")
    @Operation(
            summary = "Field engineers and admins: run a failed job again from its failed step "
                    + "(the steps that succeeded are not repeated)")
    JobJson retry(@PathVariable UUID id) {
        JobSummary job = sandboxes.job(id);
        if (job.status() != JobSummary.JobStatus.FAILED) {
            throw new Conflict(
                    "job.not_retryable",
                    "Only a failed job can be retried; this one is "
                            + job.status().name());
        }
        try {
            sandboxes.retry(job.sandboxId(), id);
        } catch (JobNotRetryable e) {
            throw new Conflict("job.not_retryable", e.getMessage());
        }
        return JobJson.of(sandboxes.job(id));
    }
}
