package dev.demoportal.provisioning.worker.kubernetes;

import dev.demoportal.provisioning.ResetJobSpec;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.SlotResetDriver;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reset steps as Kubernetes Jobs in the slot's namespace: one Job per step (never retried by
 * Kubernetes: a failed wipe is for an admin to look at), which must complete within the step's
 * timeout (also its {@code activeDeadlineSeconds}). A step whose Job exists already (a worker died
 * while waiting) waits for that Job instead of starting another. Finished Jobs are left for
 * Kubernetes' TTL controller, an hour later, so an admin can read their logs.
 */
public class KubernetesResetDriver implements SlotResetDriver {

    /** Finished reset Jobs stay this long for their logs. */
    static final int KEEP_FINISHED_SECONDS = 3600;

    private final Function<ResetJobSpec, KubernetesClient> clients;

    /** {@code clients} answers the client of the step's region's cluster. */
    public KubernetesResetDriver(Function<ResetJobSpec, KubernetesClient> clients) {
        this.clients = clients;
    }

    /** Through the regions' EKS clusters, reached as the region-platform layer reaches them. */
    public static KubernetesResetDriver overEks(Supplier<EksClusterConnections> connections) {
        return new KubernetesResetDriver(step -> connections
                .get()
                .clientFor(new SandboxSpec(
                        new UUID(0, 0),
                        step.namespace(),
                        "",
                        "",
                        step.regionCode(),
                        step.awsRegion(),
                        "",
                        null,
                        Map.of())));
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public void run(ResetJobSpec step) {
        KubernetesClient k8s = clients.apply(step);
        Job job = new JobBuilder()
                .withNewMetadata()
                .withName(step.name())
                .withNamespace(step.namespace())
                .addToLabels("app.kubernetes.io/managed-by", "demoportal")
                .addToLabels(step.labels())
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(step.timeout().toSeconds())
                .withTtlSecondsAfterFinished(KEEP_FINISHED_SECONDS)
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels(step.labels())
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(step.serviceAccount())
                .addNewContainer()
                .withName("reset")
                .withImage(step.image())
                .withArgs(step.command().isEmpty() ? null : step.command())
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        try {
            k8s.batch().v1().jobs().inNamespace(step.namespace()).resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // created by a worker that died waiting for it: wait for that one
        }
        Job finished;
        try {
            finished = k8s.batch()
                    .v1()
                    .jobs()
                    .inNamespace(step.namespace())
                    .withName(step.name())
                    .waitUntilCondition(
                            j -> j == null || ended(j.getStatus()),
                            step.timeout().toMillis(),
                            TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException timedOut) {
            throw new IllegalStateException("Job " + step.name() + " in " + step.namespace()
                    + " did not complete within " + step.timeout().toMinutes() + " min");
        }
        if (finished == null) {
            throw new IllegalStateException("Job " + step.name() + " in " + step.namespace() + " was deleted");
        }
        JobStatus status = finished.getStatus();
        if (status.getSucceeded() == null || status.getSucceeded() < 1) {
            throw new IllegalStateException("Job " + step.name() + " in " + step.namespace() + " failed"
                    + status.getConditions().stream()
                            .filter(c -> "Failed".equals(c.getType()))
                            .map(c -> ": " + c.getReason() + (c.getMessage() == null ? "" : " " + c.getMessage()))
                            .findFirst()
                            .orElse(""));
        }
    }

    static boolean ended(JobStatus status) {
        if (status == null) {
            return false;
        }
        return status.getSucceeded() != null && status.getSucceeded() > 0
                || status.getFailed() != null && status.getFailed() > 0
                || status.getConditions().stream()
                        .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                                && "True".equals(c.getStatus()));
    }
}
