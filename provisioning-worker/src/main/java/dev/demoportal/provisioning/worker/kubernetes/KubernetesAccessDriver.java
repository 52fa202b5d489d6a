package dev.demoportal.provisioning.worker.kubernetes;

import dev.demoportal.provisioning.AccessBinding;
import dev.demoportal.provisioning.AccessBindingDriver;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Function;

/**
 * Access-lease bindings as Kubernetes RoleBindings in the slot's namespace, through the region's
 * cluster connection. A grant replaces a binding of the same name that differs (a subject or role
 * changed); a revoke of a binding that is gone succeeds.
 */
public class KubernetesAccessDriver implements AccessBindingDriver {

    private static final String RBAC = "rbac.authorization.k8s.io";

    private final Function<AccessBinding, KubernetesClient> clients;

    /** {@code clients} answers the client of the binding's region's cluster. */
    public KubernetesAccessDriver(Function<AccessBinding, KubernetesClient> clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public void grant(AccessBinding binding) {
        RoleBinding wanted = new RoleBindingBuilder()
                .withNewMetadata()
                .withName(binding.name())
                .withNamespace(binding.namespace())
                .addToLabels("app.kubernetes.io/managed-by", "demoportal")
                .addToLabels(binding.labels())
                .endMetadata()
                .withNewRoleRef(RBAC, "ClusterRole", binding.clusterRole())
                .addNewSubject()
                .withKind(binding.group() ? "Group" : "User")
                .withApiGroup(RBAC)
                .withName(binding.subject())
                .endSubject()
                .build();
        KubernetesClient k8s = clients.apply(binding);
        RoleBinding existing = k8s.rbac()
                .roleBindings()
                .inNamespace(binding.namespace())
                .withName(binding.name())
                .get();
        if (existing != null
                && existing.getSubjects().equals(wanted.getSubjects())
                && existing.getRoleRef().equals(wanted.getRoleRef())) {
            return;
        }
        if (existing != null) {
            // the role reference of a binding cannot change in place: replace it
            k8s.rbac()
                    .roleBindings()
                    .inNamespace(binding.namespace())
                    .withName(binding.name())
                    .delete();
        }
        try {
            k8s.rbac()
                    .roleBindings()
                    .inNamespace(binding.namespace())
                    .resource(wanted)
                    .create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    @Override
    public void revoke(AccessBinding binding) {
        clients.apply(binding)
                .rbac()
                .roleBindings()
                .inNamespace(binding.namespace())
                .withName(binding.name())
                .delete();
    }

    @Override
    public boolean exists(AccessBinding binding) {
        return clients.apply(binding)
                        .rbac()
                        .roleBindings()
                        .inNamespace(binding.namespace())
                        .withName(binding.name())
                        .get()
                != null;
    }
}
