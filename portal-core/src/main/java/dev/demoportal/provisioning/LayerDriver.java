package dev.demoportal.provisioning;

import java.util.List;

/**
 * One implementation of one provisioning layer (simulated, aws, kubernetes, pipeline). The worker picks one
 * per layer from configuration and runs each step of a plan through the driver of its layer.
 *
 * <p>Every step must be idempotent: names derive from the sandbox ({@link SandboxSpec#name()}),
 * the driver checks before it creates, and treats "already exists" (when provisioning) and "not
 * found" (when tearing down) as success. The runner may call a step again after a crash, and a
 * step that already took effect must then change nothing.
 */
public interface LayerDriver {

    /** The layer this driver carries out. */
    Layer layer();

    /** Short name shown in the UI and stored on the job: {@code simulated}, {@code aws}, {@code kubernetes}, {@code pipeline}. */
    String name();

    /**
     * Carries out one step ({@link StepContext#step()}) of a job of kind {@link StepContext#kind()}.
     *
     * @throws StepFailure when it cannot; {@link StepFailure#isTransient()} decides between a retry
     *     with backoff and failing the job at once
     */
    StepResult apply(StepContext context);

    /**
     * After a teardown: checks that nothing this layer made for the sandbox is left, and says what
     * it checked (for the teardown receipt).
     *
     * @throws StepFailure (transient) naming what is still there
     */
    List<String> verifyGone(SandboxSpec spec);

    /**
     * After a teardown or rollback: searches for anything of the sandbox this layer's resources
     * could still hold under names the portal did not choose, by the sandbox id in tags or labels
     * (a load balancer a Service made, a volume a claim left, a role someone made by hand). Only
     * reads; what it finds fails the final check of the receipt. A driver with nothing beyond its
     * own names to look at searches nothing.
     */
    default List<LeftoverScan> leftoverScans(SandboxSpec spec) {
        return List.of();
    }
}
