package dev.demoportal.provisioning;

import java.util.Map;

/**
 * What one step made or found.
 *
 * @param output resource ids and facts, stored on the step and handed to later steps and, merged,
 *     to the job's outcome ({@code accessUrl}, {@code hostName}, ...); never secrets
 * @param secrets values only the owner may see (e.g. {@code adminPassword}); never stored on the
 *     step, only handed over with {@link ProvisioningEvents.JobSucceeded}. Only the last step of a
 *     plan may return them, so they travel in the transaction that completes the job.
 */
public record StepResult(Map<String, String> output, Map<String, String> secrets) {

    public StepResult {
        output = Map.copyOf(output);
        secrets = Map.copyOf(secrets);
    }

    public static StepResult of(Map<String, String> output) {
        return new StepResult(output, Map.of());
    }

    @Override
    public String toString() {
        return "StepResult[output=" + output + ", secrets=" + secrets.keySet() + "]";
    }
}
