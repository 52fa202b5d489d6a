package dev.demoportal.sandbox.api;

import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.sandbox.SandboxSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A sandbox request as the API shows it (stable; fields are only ever added). {@code steps} are
 * those of its latest provisioning job; never a secret anywhere.
 *
 * @param organisation its organisation's slug (was {@code organization} before 2026-12; see docs/api.md)
 * @param lifetime how long it lives once ready, ISO-8601 (was {@code lifetimeHours})
 * @param cancelledAt when its organisation cancelled the request (status CANCELLED)
 * @param cleanupAt while it has failed: when the worker tears it down unless it is retried first
 * @param tornDownAt when its teardown finished
 * @param rolledBackAt when what a failed provision made was removed (the sandbox stays FAILED)
 * @param teardownReceipt what the teardown (or else the rollback) found and removed per layer, and
 *     the final "nothing left" check beyond the portal's own names; null until one finished
 */
record SandboxJson(
        UUID id,
        String status,
        String template,
        String region,
        String organisation,
        String requestedBy,
        @Nullable String decidedBy,
        @Nullable UUID sandboxId,
        @Nullable Instant expiresAt,
        @Nullable String accessUrl,
        List<Step> steps,
        String name,
        Instant requestedAt,
        Duration lifetime,
        String useCase,
        @Nullable Instant decidedAt,
        @Nullable String decisionNote,
        @Nullable Instant readyAt,
        int extensionCount,
        @Nullable Failure failure,
        Map<String, String> accessDetails,
        @Nullable Instant cancelledAt,
        @Nullable Instant cleanupAt,
        @Nullable Instant tornDownAt,
        @Nullable Instant rolledBackAt,
        @Nullable Map<String, Object> teardownReceipt) {

    /**
     * One step. {@code pipeline}: the CI run it started when its layer runs on the team's pipeline
     * (its live status while the worker follows it), null otherwise.
     */
    record Step(
            String layer,
            String name,
            String status,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable Pipeline pipeline) {}

    /** A CI run: {@code system} circleci or github-actions, its id, link and last status. */
    record Pipeline(
            String system,
            String id,
            @Nullable String url,
            @Nullable String status) {

        static @Nullable Pipeline of(dev.demoportal.provisioning.JobSummary.StepSummary step) {
            dev.demoportal.provisioning.PipelineRun run = step.pipelineRun();
            return run == null ? null : new Pipeline(run.system(), run.id(), run.url(), run.status());
        }
    }

    record Failure(
            @Nullable String layer,
            @Nullable String step,
            @Nullable String message) {}

    static SandboxJson of(SandboxSummary s, List<JobSummary> jobs) {
        List<Step> steps = jobs.isEmpty()
                ? List.of()
                : jobs.getFirst().steps().stream()
                        .map(st -> new Step(
                                st.layer().code(),
                                st.name(),
                                st.status().name(),
                                st.startedAt(),
                                st.finishedAt(),
                                Pipeline.of(st)))
                        .toList();
        // the sandbox exists (resources are or were being made) once it has been approved
        boolean hasSandbox = s.decidedAt() != null && s.status() != dev.demoportal.sandbox.SandboxStatus.REJECTED;
        return new SandboxJson(
                s.id(),
                s.status().name(),
                s.templateSlug(),
                s.region(),
                s.organisation().slug(),
                s.requestedBy().name(),
                s.decidedByPolicy()
                        ? "policy"
                        : s.decidedBy() == null ? null : s.decidedBy().name(),
                hasSandbox ? s.id() : null,
                s.expiresAt(),
                s.accessUrl(),
                steps,
                s.name(),
                s.requestedAt(),
                Duration.ofHours(s.lifetimeHours()),
                s.useCase(),
                s.decidedAt(),
                s.decisionNote(),
                s.readyAt(),
                s.extensionCount(),
                s.failedAt() == null ? null : new Failure(s.failureLayer(), s.failureStep(), s.failureMessage()),
                s.accessDetails(),
                s.cancelledAt(),
                s.cleanupAt(),
                s.tornDownAt(),
                s.rolledBackAt(),
                s.teardownReceipt() == null || s.teardownReceipt().isEmpty() ? null : s.teardownReceipt());
    }
}
