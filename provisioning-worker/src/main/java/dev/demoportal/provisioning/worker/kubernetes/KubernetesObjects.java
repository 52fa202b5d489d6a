package dev.demoportal.provisioning.worker.kubernetes;

import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.TemplateContents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the Kubernetes platform layer's parts share about the objects they make: a sandbox's
 * namespace and labels, the template parameters with their defaults, create-unless-present, the
 * customer role's bindings, and which API errors are worth retrying.
 */
final class KubernetesObjects {

    static final String LABEL_SANDBOX = "demoportal.dev/sandbox-id";
    static final String LABEL_ORGANISATION = "demoportal.dev/organisation";
    static final String LABEL_TEMPLATE = "demoportal.dev/template";
    static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";

    /** Template parameters the platform layer reads, with their defaults. */
    static final Map<String, String> DEFAULTS = Map.of(
            "namespaceCpu",
            TemplateContents.DEFAULT_CPU,
            "namespaceMemory",
            TemplateContents.DEFAULT_MEMORY,
            "quota.pods",
            "20",
            "limits.default-cpu",
            "500m",
            "limits.default-memory",
            "512Mi",
            "limits.default-request-cpu",
            "100m",
            "limits.default-request-memory",
            "128Mi",
            "customer-cluster-role",
            "edit");

    private KubernetesObjects() {}

    static String namespace(SandboxSpec spec) {
        return spec.name();
    }

    static String param(SandboxSpec spec, String key) {
        return spec.parameters().getOrDefault(key, DEFAULTS.get(key));
    }

    static Map<String, String> labels(SandboxSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_SANDBOX, spec.sandboxId().toString());
        labels.put(LABEL_ORGANISATION, spec.organisationSlug());
        labels.put(LABEL_TEMPLATE, spec.templateSlug());
        labels.put(LABEL_MANAGED_BY, "demo-portal");
        return labels;
    }

    /** Creates the object unless one of that name exists; returns whether it created it. */
    static <T extends HasMetadata> boolean ensure(Resource<T> resource, Supplier<T> desired) {
        if (resource.get() != null) {
            return false;
        }
        try {
            resource.create(desired.get());
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false; // made by a concurrent attempt: already exists is success
            }
            throw e;
        }
    }

    /**
     * A RoleBinding {@code name} in the sandbox namespace, labelled as the sandbox's, granting
     * {@code subject} the customer role there ({@code customer-cluster-role}, a ClusterRole).
     */
    static RoleBinding customerRoleBinding(SandboxSpec spec, String name, Subject subject) {
        return new RoleBindingBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace(spec))
                .withLabels(labels(spec))
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", param(spec, "customer-cluster-role"))
                .withSubjects(subject)
                .build();
    }

    /** 5xx, 429, timeouts and conflicts are worth retrying; forbidden, invalid and quota errors are not. */
    static StepFailure classify(String step, KubernetesClientException e) {
        int code = e.getCode();
        String message = step + ": Kubernetes API " + (code == 0 ? "unreachable" : "answered " + code) + ": "
                + (e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage()
                        : e.getMessage());
        boolean transientFailure = code == 0 || code == 409 || code == 429 || code >= 500;
        return transientFailure ? StepFailure.transientFailure(message, e) : StepFailure.permanent(message, e);
    }
}
