package dev.demoportal.provisioning;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A provisioning job as people see it: its plan and how far it got.
 *
 * @param drivers the driver that ran (or runs) each layer, by layer code; "simulated" is shown as such
 */
public record JobSummary(
        UUID id,
        UUID sandboxId,
        JobKind kind,
        JobStatus status,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String errorMessage,
        Map<String, String> drivers,
        List<StepSummary> steps) {

    /** Steps finished (succeeded or skipped) out of all, for a progress bar. */
    public double progress() {
        if (steps.isEmpty()) {
            return 0;
        }
        long done = steps.stream()
                .filter(s -> s.status() == StepStatus.SUCCEEDED || s.status() == StepStatus.SKIPPED)
                .count();
        return (double) done / steps.size();
    }

    /** True when any layer of this job ran on the simulated driver. */
    public boolean simulated() {
        return drivers.containsValue("simulated");
    }

    /**
     * Where a job is. {@link #next()} is the one table of its moves; {@link JobRepository} refuses
     * any other with {@link IllegalJobTransition}. A worker claims a queued job (RUNNING), and a job
     * whose worker died is claimed again while RUNNING; it ends SUCCEEDED or FAILED; a failed job
     * retried is QUEUED again. CANCELLED is a queued job nobody will run: a rollback waiting for its deadline when a person
     * retries the failed provision instead.
     */
    public enum JobStatus {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED;

        private static final Map<JobStatus, Set<JobStatus>> NEXT = Map.of(
                QUEUED, EnumSet.of(RUNNING, CANCELLED),
                RUNNING, EnumSet.of(RUNNING, SUCCEEDED, FAILED),
                SUCCEEDED, EnumSet.noneOf(JobStatus.class),
                FAILED, EnumSet.of(QUEUED),
                CANCELLED, EnumSet.noneOf(JobStatus.class));

        /** The states a job in this one may move to. */
        public Set<JobStatus> next() {
            return Set.copyOf(NEXT.getOrDefault(this, Set.of()));
        }

        public boolean canMoveTo(JobStatus next) {
            return NEXT.getOrDefault(this, Set.of()).contains(next);
        }

        /** The states from which a job may move to {@code to}. */
        static Set<JobStatus> into(JobStatus to) {
            Set<JobStatus> from = EnumSet.noneOf(JobStatus.class);
            NEXT.forEach((state, next) -> {
                if (next.contains(to)) {
                    from.add(state);
                }
            });
            return from;
        }
    }

    /**
     * Where one step of a job is. {@link #next()} is the one table of its moves; {@link JobRepository}
     * refuses any other with {@link IllegalStepTransition}. A pending step starts (RUNNING), and
     * starts again when the worker that ran it died; it succeeds, fails, or goes back to PENDING to be
     * retried after a backoff; a failed step is PENDING again when its job is retried. SKIPPED is kept
     * for a step a plan leaves out (no plan does yet).
     */
    public enum StepStatus {
        PENDING,
        RUNNING,
        SUCCEEDED,
        FAILED,
        SKIPPED;

        private static final Map<StepStatus, Set<StepStatus>> NEXT = Map.of(
                PENDING, EnumSet.of(RUNNING, SKIPPED),
                RUNNING, EnumSet.of(RUNNING, SUCCEEDED, FAILED, PENDING),
                SUCCEEDED, EnumSet.noneOf(StepStatus.class),
                FAILED, EnumSet.of(PENDING),
                SKIPPED, EnumSet.noneOf(StepStatus.class));

        /** The states a step in this one may move to. */
        public Set<StepStatus> next() {
            return Set.copyOf(NEXT.getOrDefault(this, Set.of()));
        }

        public boolean canMoveTo(StepStatus next) {
            return NEXT.getOrDefault(this, Set.of()).contains(next);
        }

        /** The states from which a step may move to {@code to}. */
        static Set<StepStatus> into(StepStatus to) {
            Set<StepStatus> from = EnumSet.noneOf(StepStatus.class);
            NEXT.forEach((state, next) -> {
                if (next.contains(to)) {
                    from.add(state);
                }
            });
            return from;
        }
    }

    /** One step of the plan. {@code output} holds resource ids, never secrets. */
    public record StepSummary(
            int ordinal,
            Layer layer,
            String name,
            StepStatus status,
            int attempts,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            Map<String, String> output,
            String log,
            @Nullable String error,
            Map<String, String> state) {

        public StepSummary {
            state = state == null ? Map.of() : Map.copyOf(state);
        }

        /** The CI run this step started, if its layer runs on a pipeline (from its state). */
        public @Nullable PipelineRun pipelineRun() {
            return PipelineRun.of(state);
        }
    }
}
