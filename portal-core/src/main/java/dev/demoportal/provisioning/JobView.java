package dev.demoportal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A provisioning job as people see it: its plan and how far it got.
 *
 * @param drivers the driver that ran (or runs) each layer, by layer code; "simulated" is shown as such
 */
public record JobView(UUID id, UUID sandboxId, JobKind kind, JobStatus status, Instant createdAt,
        @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String errorMessage,
        Map<String, String> drivers, List<StepView> steps) {

    /** Steps finished (succeeded or skipped) out of all, for a progress bar. */
    public double progress() {
        if (steps.isEmpty()) {
            return 0;
        }
        long done = steps.stream().filter(s -> s.status() == StepStatus.SUCCEEDED || s.status() == StepStatus.SKIPPED).count();
        return (double) done / steps.size();
    }

    /** True when any layer of this job ran on the simulated driver. */
    public boolean simulated() {
        return drivers.containsValue("simulated");
    }

    public enum JobStatus { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    public enum StepStatus { PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED }

    /**
     * One step of the plan. {@code output} holds resource ids, never secrets; {@code state} what the
     * step keeps while it runs (the CI run of a pipeline-driven layer), never secrets either.
     */
    public record StepView(int ordinal, Layer layer, String name, StepStatus status, int attempts,
            @Nullable Instant startedAt, @Nullable Instant finishedAt, Map<String, String> output, String log,
            @Nullable String error, Map<String, String> state) {

        public StepView {
            state = state == null ? Map.of() : Map.copyOf(state);
        }

        /** The CI run this step started, if its layer runs on a pipeline. */
        public @Nullable PipelineRun pipelineRun() {
            return PipelineRun.of(state);
        }
    }
}
