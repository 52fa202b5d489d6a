package dev.demoportal.booking;

import dev.demoportal.environment.ResetPlan;
import java.util.UUID;

/**
 * A reset a worker has claimed: the plan's steps to run in {@code namespace} of the region's
 * cluster, from step {@code fromStep} (0-based; steps completed by a worker that died are not
 * run again).
 */
public record SlotResetJob(
        UUID resetId,
        String environmentSlug,
        int slot,
        String regionCode,
        String awsRegion,
        String namespace,
        ResetPlan plan,
        int fromStep) {

    /** The Job name of step {@code index}: unique per reset, at most 63 characters. */
    public String jobName(int index) {
        return "demoportal-reset-" + plan.steps().get(index).name() + "-"
                + resetId.toString().substring(0, 8);
    }
}
