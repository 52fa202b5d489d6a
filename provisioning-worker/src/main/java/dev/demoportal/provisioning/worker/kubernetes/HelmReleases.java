package dev.demoportal.provisioning.worker.kubernetes;

import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.labels;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.namespace;

import dev.demoportal.provisioning.SandboxPlaceholders;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.TemplateContents;
import dev.demoportal.provisioning.TemplateContents.HelmRelease;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template's Helm releases in the sandbox namespace: each rendered by Helm ({@link
 * ChartRenderer}), its objects labelled with the sandbox and the release and applied (created, or
 * merge-patched: so a re-run or a changed template upgrades them in place), then waited for
 * until its Deployments and StatefulSets are ready. Teardown deletes every object labelled with a
 * release, whatever the template says by then. Helm's own release record (a Secret per revision)
 * is not written: {@code helm list} does not show these releases (see ADR 0015).
 */
final class HelmReleases {

    static final String LABEL_RELEASE = "demoportal.dev/helm-release";

    /** The namespaced kinds a release may contain: what the provisioner's role may write, nothing cluster-wide. */
    static final Set<String> KINDS = Set.of(
            "Deployment",
            "StatefulSet",
            "Service",
            "ConfigMap",
            "Secret",
            "ServiceAccount",
            "PersistentVolumeClaim",
            "Job",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
            "NetworkPolicy");

    private final ChartRenderer renderer;

    HelmReleases(ChartRenderer renderer) {
        this.renderer = renderer;
    }

    StepResult install(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        TemplateContents contents = TemplateContents.of(spec.parameters());
        if (contents.releases().isEmpty()) {
            context.log().accept("the template declares no Helm release");
            return StepResult.of(Map.of("helmReleases", ""));
        }
        String ns = namespace(spec);
        List<String> waitingFor = new ArrayList<>();
        List<String> installed = new ArrayList<>();
        for (HelmRelease release : contents.releases()) {
            List<HasMetadata> objects = objects(k8s, release, context);
            for (HasMetadata object : objects) {
                apply(k8s, ns, object);
            }
            context.log()
                    .accept("Helm release " + release.name() + " (" + release.describe() + "): " + objects.size()
                            + " objects applied");
            for (HasMetadata object : objects) {
                String notReady = notReady(k8s, ns, object);
                if (notReady != null) {
                    waitingFor.add(notReady);
                }
            }
            installed.add(release.name());
        }
        if (!waitingFor.isEmpty()) {
            // the runner retries with backoff: waiting holds no thread, and a worker restart resumes it
            throw StepFailure.transientFailure("waiting for " + String.join(", ", waitingFor), null);
        }
        context.log().accept("every workload of " + String.join(", ", installed) + " is ready");
        return StepResult.of(Map.of("helmReleases", String.join(",", installed)));
    }

    /**
     * Creates the object, or merge-patches the one there with the manifest: a re-run or a changed
     * template upgrades in place, and what the manifest does not set (a controller's status) is left
     * alone. Not server-side apply: the CRUD mock server the tests run against answers it with 404
     * and 415 (ADR 0015); a field dropped from a chart therefore stays until the release is removed.
     */
    static void apply(KubernetesClient k8s, String ns, HasMetadata object) {
        // no read first: the provisioner may not read Secrets or ConfigMaps (its reads are
        // cluster-wide, beyond what admission confines); a 409 says it is there
        var resource = k8s.resource(object).inNamespace(ns);
        try {
            resource.create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            resource.patch(PatchContext.of(PatchType.JSON_MERGE));
        }
    }

    private List<HasMetadata> objects(KubernetesClient k8s, HelmRelease release, StepContext context) {
        SandboxSpec spec = context.spec();
        String ns = namespace(spec);
        Map<String, String> values = new LinkedHashMap<>();
        release.values().forEach((k, v) -> values.put(k, SandboxPlaceholders.fill(v, spec, context.outputs())));
        String yaml = renderer.render(release, ns, values);
        List<HasMetadata> objects = k8s.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .items();
        for (HasMetadata object : objects) {
            if (!KINDS.contains(object.getKind())) {
                throw StepFailure.permanent(
                        "Helm release " + release.name() + " contains a " + object.getKind() + " ("
                                + object.getMetadata().getName() + "); a sandbox release may contain only "
                                + new java.util.TreeSet<>(KINDS),
                        null);
            }
            object.getMetadata().setNamespace(ns);
            Map<String, String> labels = object.getMetadata().getLabels() == null
                    ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(object.getMetadata().getLabels());
            labels.putAll(labels(spec));
            labels.put(LABEL_RELEASE, release.name());
            object.getMetadata().setLabels(labels);
        }
        return objects;
    }

    private static String notReady(KubernetesClient k8s, String ns, HasMetadata object) {
        String name = object.getMetadata().getName();
        if (object instanceof Deployment) {
            Deployment d =
                    k8s.apps().deployments().inNamespace(ns).withName(name).get();
            int want = d == null || d.getSpec().getReplicas() == null
                    ? 1
                    : d.getSpec().getReplicas();
            int ready = d == null || d.getStatus() == null || d.getStatus().getReadyReplicas() == null
                    ? 0
                    : d.getStatus().getReadyReplicas();
            return ready >= want ? null : "deployment " + name + " (" + ready + "/" + want + " ready)";
        }
        if (object instanceof StatefulSet) {
            StatefulSet s =
                    k8s.apps().statefulSets().inNamespace(ns).withName(name).get();
            int want = s == null || s.getSpec().getReplicas() == null
                    ? 1
                    : s.getSpec().getReplicas();
            int ready = s == null || s.getStatus() == null || s.getStatus().getReadyReplicas() == null
                    ? 0
                    : s.getStatus().getReadyReplicas();
            return ready >= want ? null : "statefulset " + name + " (" + ready + "/" + want + " ready)";
        }
        return null;
    }

    StepResult uninstall(KubernetesClient k8s, StepContext context) {
        String ns = namespace(context.spec());
        if (k8s.namespaces().withName(ns).get() == null) {
            context.log().accept("namespace " + ns + " already gone: no Helm release left");
            return StepResult.of(Map.of("helmReleases", "absent"));
        }
        // workloads first, so nothing restarts what is being removed
        k8s.apps().deployments().inNamespace(ns).withLabel(LABEL_RELEASE).delete();
        k8s.apps().statefulSets().inNamespace(ns).withLabel(LABEL_RELEASE).delete();
        k8s.batch().v1().jobs().inNamespace(ns).withLabel(LABEL_RELEASE).delete();
        k8s.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(ns)
                .withLabel(LABEL_RELEASE)
                .delete();
        k8s.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(ns)
                .withLabel(LABEL_RELEASE)
                .delete();
        k8s.services().inNamespace(ns).withLabel(LABEL_RELEASE).delete();
        k8s.configMaps().inNamespace(ns).withLabel(LABEL_RELEASE).delete();
        k8s.secrets().inNamespace(ns).withLabel(LABEL_RELEASE).delete();
        k8s.serviceAccounts().inNamespace(ns).withLabel(LABEL_RELEASE).delete();
        k8s.persistentVolumeClaims().inNamespace(ns).withLabel(LABEL_RELEASE).delete();
        k8s.network()
                .v1()
                .networkPolicies()
                .inNamespace(ns)
                .withLabel(LABEL_RELEASE)
                .delete();
        context.log().accept("every object of a Helm release in " + ns + " deleted");
        return StepResult.of(Map.of("helmReleases", "deleted"));
    }
}
