package dev.demoportal.provisioning.worker.kubernetes;

import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.ensure;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.labels;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.namespace;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.param;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesPlatformDriver.ALLOW_GATEWAY;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesPlatformDriver.DENY;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesPlatformDriver.LIMITS;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesPlatformDriver.QUOTA;

import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepResult;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The sandbox namespace's limits, for {@link KubernetesPlatformDriver}: the resource quota and the
 * limit range from the template's parameters, and default-deny ingress plus ingress from the
 * region's gateway namespace. Each object is read before it is written.
 */
final class NamespacePolicies {

    private NamespacePolicies() {}

    static StepResult ensureQuota(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        String ns = namespace(spec);
        boolean created = ensure(
                k8s.resourceQuotas().inNamespace(ns).withName(QUOTA),
                () -> new ResourceQuotaBuilder()
                        .withNewMetadata()
                        .withName(QUOTA)
                        .withNamespace(ns)
                        .withLabels(labels(spec))
                        .endMetadata()
                        .withNewSpec()
                        .addToHard("requests.cpu", new Quantity(param(spec, "namespaceCpu")))
                        .addToHard("limits.cpu", new Quantity(param(spec, "namespaceCpu")))
                        .addToHard("requests.memory", new Quantity(param(spec, "namespaceMemory")))
                        .addToHard("limits.memory", new Quantity(param(spec, "namespaceMemory")))
                        .addToHard("pods", new Quantity(param(spec, "quota.pods")))
                        .endSpec()
                        .build());
        context.log()
                .accept("resource quota " + QUOTA + (created ? " created" : " already exists") + ": cpu "
                        + param(spec, "namespaceCpu") + ", memory " + param(spec, "namespaceMemory") + ", pods "
                        + param(spec, "quota.pods"));
        return StepResult.of(Map.of("resourceQuota", ns + "/" + QUOTA));
    }

    static StepResult ensureLimits(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        String ns = namespace(spec);
        boolean created = ensure(
                k8s.limitRanges().inNamespace(ns).withName(LIMITS),
                () -> new LimitRangeBuilder()
                        .withNewMetadata()
                        .withName(LIMITS)
                        .withNamespace(ns)
                        .withLabels(labels(spec))
                        .endMetadata()
                        .withNewSpec()
                        .addNewLimit()
                        .withType("Container")
                        .addToDefault("cpu", new Quantity(param(spec, "limits.default-cpu")))
                        .addToDefault("memory", new Quantity(param(spec, "limits.default-memory")))
                        .addToDefaultRequest("cpu", new Quantity(param(spec, "limits.default-request-cpu")))
                        .addToDefaultRequest("memory", new Quantity(param(spec, "limits.default-request-memory")))
                        .endLimit()
                        .endSpec()
                        .build());
        context.log().accept("limit range " + LIMITS + (created ? " created" : " already exists"));
        return StepResult.of(Map.of("limitRange", ns + "/" + LIMITS));
    }

    static StepResult ensureNetworkPolicies(KubernetesClient k8s, StepContext context, String gateway) {
        SandboxSpec spec = context.spec();
        String ns = namespace(spec);
        boolean deny = ensure(
                k8s.network().v1().networkPolicies().inNamespace(ns).withName(DENY),
                () -> new NetworkPolicyBuilder()
                        .withNewMetadata()
                        .withName(DENY)
                        .withNamespace(ns)
                        .withLabels(labels(spec))
                        .endMetadata()
                        .withNewSpec()
                        .withNewPodSelector()
                        .endPodSelector()
                        .withPolicyTypes("Ingress")
                        .endSpec()
                        .build());
        boolean allow = ensure(
                k8s.network().v1().networkPolicies().inNamespace(ns).withName(ALLOW_GATEWAY),
                () -> new NetworkPolicyBuilder()
                        .withNewMetadata()
                        .withName(ALLOW_GATEWAY)
                        .withNamespace(ns)
                        .withLabels(labels(spec))
                        .endMetadata()
                        .withNewSpec()
                        .withNewPodSelector()
                        .endPodSelector()
                        .withPolicyTypes("Ingress")
                        .addNewIngress()
                        .addNewFrom()
                        .withNewNamespaceSelector()
                        .addToMatchLabels("kubernetes.io/metadata.name", gateway)
                        .endNamespaceSelector()
                        .endFrom()
                        .endIngress()
                        .endSpec()
                        .build());
        context.log()
                .accept("network policies " + DENY + (deny ? " created" : " already exists") + ", " + ALLOW_GATEWAY
                        + " (from namespace " + gateway + ")" + (allow ? " created" : " already exists"));
        return StepResult.of(Map.of("networkPolicies", ns + "/" + DENY + "," + ns + "/" + ALLOW_GATEWAY));
    }
}
