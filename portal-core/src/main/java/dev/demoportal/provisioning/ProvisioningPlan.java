package dev.demoportal.provisioning;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered steps of each job kind, mirroring the infrastructure: provisioning goes global,
 * region-core, region-platform; teardown resolves the cluster first (it needs it to delete
 * anything), then removes region-platform resources, then the global ones, and verifies. The
 * template's contents (its Vault policy and roles, Helm releases, the route, the readiness probe)
 * come after the namespace's
 * policies when provisioning (only {@code secrets} follows: it must be last) and go first when
 * tearing down. A rollback is derived from the steps a failed provision ran ({@link #rollbackOf}).
 */
public final class ProvisioningPlan {

    /** The last step of teardowns and rollbacks: the receipt, checked by every layer's driver. */
    public static final String VERIFY_GONE = "verify-gone";

    private ProvisioningPlan() {}

    /** One planned step: the layer that carries it out and its stable name. */
    public record PlannedStep(Layer layer, String name) {}

    public static List<PlannedStep> of(JobKind kind) {
        return switch (kind) {
            case PROVISION ->
                List.of(
                        new PlannedStep(Layer.GLOBAL, "dns-record"),
                        new PlannedStep(Layer.GLOBAL, "workload-role"),
                        new PlannedStep(Layer.REGION_CORE, "cluster-access"),
                        new PlannedStep(Layer.REGION_PLATFORM, "namespace"),
                        new PlannedStep(Layer.REGION_PLATFORM, "resource-quota"),
                        new PlannedStep(Layer.REGION_PLATFORM, "limit-range"),
                        new PlannedStep(Layer.REGION_PLATFORM, "network-policy"),
                        new PlannedStep(Layer.REGION_PLATFORM, "role-binding"),
                        // before the releases: their workloads may log in to Vault as they start
                        new PlannedStep(Layer.REGION_PLATFORM, "vault"),
                        new PlannedStep(Layer.REGION_PLATFORM, "helm-releases"),
                        new PlannedStep(Layer.REGION_PLATFORM, "ingress-route"),
                        // a sandbox is not ready until what it promises answers
                        new PlannedStep(Layer.REGION_PLATFORM, "readiness-probe"),
                        // stays last: it hands the password over in the transaction that completes the job
                        new PlannedStep(Layer.REGION_PLATFORM, "secrets"));
            case EXTEND ->
                List.of(
                        new PlannedStep(Layer.REGION_CORE, "cluster-access"),
                        new PlannedStep(Layer.REGION_PLATFORM, "expiry-label"));
            case TEARDOWN ->
                List.of(
                        new PlannedStep(Layer.REGION_CORE, "cluster-access"),
                        new PlannedStep(Layer.REGION_PLATFORM, "ingress-route"),
                        new PlannedStep(Layer.REGION_PLATFORM, "helm-releases"),
                        new PlannedStep(Layer.REGION_PLATFORM, "vault"),
                        new PlannedStep(Layer.REGION_PLATFORM, "secrets"),
                        new PlannedStep(Layer.REGION_PLATFORM, "namespace"),
                        new PlannedStep(Layer.GLOBAL, "workload-role"),
                        new PlannedStep(Layer.GLOBAL, "dns-record"),
                        new PlannedStep(Layer.GLOBAL, VERIFY_GONE));
            // the widest rollback: of a provision that ran every step
            case ROLLBACK -> rollbackOf(of(JobKind.PROVISION));
        };
    }

    /**
     * The rollback of a failed provision that ran {@code ran} (in plan order, the failed step
     * included: it may have made something before it failed). Region-core steps come first and
     * unchanged: they only resolve the shared cluster, which undoing the region-platform steps
     * needs, and create nothing of the sandbox's. Then every other step that ran, in reverse
     * order, each undone by its own driver (idempotently: "not found" is success), and last the
     * receipt. Derived from whatever steps the provision plan has, so a new provision step is
     * rolled back by the driver that knows it, with no change here.
     */
    public static List<PlannedStep> rollbackOf(List<PlannedStep> ran) {
        List<PlannedStep> plan = new ArrayList<>();
        ran.stream().filter(s -> s.layer() == Layer.REGION_CORE).forEach(plan::add);
        for (int i = ran.size() - 1; i >= 0; i--) {
            PlannedStep step = ran.get(i);
            if (step.layer() != Layer.REGION_CORE && !step.name().equals(VERIFY_GONE)) {
                plan.add(step);
            }
        }
        plan.add(new PlannedStep(Layer.GLOBAL, VERIFY_GONE));
        return List.copyOf(plan);
    }
}
