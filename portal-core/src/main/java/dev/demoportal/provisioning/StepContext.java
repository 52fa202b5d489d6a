package dev.demoportal.provisioning;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a driver gets for one step.
 *
 * @param jobId the job (for log correlation only; names derive from the spec, never from the job)
 * @param kind provision, extend or teardown: the same step name means create or delete accordingly
 * @param step the step name from {@link ProvisioningPlan}
 * @param attempt 1 for the first attempt of this step, counting retries and resumptions
 * @param spec what to build
 * @param outputs outputs of the steps of this job that already succeeded (e.g. the cluster endpoint)
 * @param log appends one line to the step's log, shown on the sandbox page; never pass secrets
 */
public record StepContext(UUID jobId, JobKind kind, String step, int attempt, SandboxSpec spec,
        Map<String, String> outputs, Consumer<String> log) {

    public StepContext {
        outputs = Map.copyOf(outputs);
    }

    public boolean tearingDown() {
        return kind == JobKind.TEARDOWN;
    }
}
