package dev.demoportal.provisioning;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a driver gets for one step.
 *
 * @param jobId the job (for log correlation only; names derive from the spec, never from the job)
 * @param kind provision, extend, teardown or rollback: the same step name means create or delete
 *     accordingly (a rollback deletes, like a teardown)
 * @param step the step name from {@link ProvisioningPlan}
 * @param attempt 1 for the first attempt of this step, counting retries and resumptions
 * @param spec what to build
 * @param outputs outputs of the steps of this job that already succeeded (e.g. the cluster endpoint)
 * @param log appends one line to the step's log, shown on the sandbox page; never pass secrets
 * @param state what an earlier attempt of this step kept with {@code keepState} (empty the first
 *     time): a driver that starts something long-running (a CI pipeline) finds it again here after
 *     a retry, a resumption or the death of the worker that started it
 * @param keepState replaces the step's state at once, in its own transaction (fenced: a worker that
 *     lost the job gets {@link JobExecutionService.JobLost}); shown on the sandbox page while the
 *     step runs, so never secrets
 */
public record StepContext(
        UUID jobId,
        JobKind kind,
        String step,
        int attempt,
        SandboxSpec spec,
        Map<String, String> outputs,
        Consumer<String> log,
        Map<String, String> state,
        Consumer<Map<String, String>> keepState) {

    public StepContext {
        outputs = Map.copyOf(outputs);
        state = Map.copyOf(state);
    }

    /** A step with no earlier state, for drivers that keep none. */
    public StepContext(
            UUID jobId,
            JobKind kind,
            String step,
            int attempt,
            SandboxSpec spec,
            Map<String, String> outputs,
            Consumer<String> log) {
        this(jobId, kind, step, attempt, spec, outputs, log, Map.of(), s -> {});
    }

    /** Removes rather than creates: a teardown, or the rollback of a failed provision. */
    public boolean tearingDown() {
        return kind == JobKind.TEARDOWN || kind == JobKind.ROLLBACK;
    }

    /** Undoes a failed provision: steps a driver has no own undo for may go with their container. */
    public boolean rollingBack() {
        return kind == JobKind.ROLLBACK;
    }
}
