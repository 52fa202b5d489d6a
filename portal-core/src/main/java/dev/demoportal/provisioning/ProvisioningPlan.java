package dev.demoportal.provisioning;

import java.util.List;

/**
 * The ordered steps of each job kind, mirroring the infrastructure: provisioning goes global,
 * region-core, region-platform; teardown resolves the cluster first (it needs it to delete
 * anything), then removes region-platform resources, then the global ones, and verifies. The
 * template's contents (Helm releases, the route, the readiness probe) come after the namespace's
 * policies when provisioning (only {@code secrets} follows: it must be last) and go first when
 * tearing down.
 */
public final class ProvisioningPlan {

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
                        new PlannedStep(Layer.REGION_PLATFORM, "secrets"),
                        new PlannedStep(Layer.REGION_PLATFORM, "namespace"),
                        new PlannedStep(Layer.GLOBAL, "workload-role"),
                        new PlannedStep(Layer.GLOBAL, "dns-record"),
                        new PlannedStep(Layer.GLOBAL, "verify-gone"));
        };
    }
}
