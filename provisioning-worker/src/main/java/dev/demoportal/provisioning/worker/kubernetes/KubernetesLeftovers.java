package dev.demoportal.provisioning.worker.kubernetes;

import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.LABEL_SANDBOX;

import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.SandboxSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * The cluster's part of the final "nothing left" check: what carries the sandbox id label wherever
 * it is, not only under the names the driver chose. A namespace made by hand, a PersistentVolume a
 * claim left behind (cluster-scoped: deleting the namespace does not take it), a Service of type
 * LoadBalancer in another namespace (its cloud load balancer costs money until it goes), a
 * ServiceAccount anywhere (the hand-off kit's tokens stay valid while it exists).
 */
final class KubernetesLeftovers {

    private KubernetesLeftovers() {}

    static List<LeftoverScan> scan(KubernetesClient k8s, SandboxSpec spec) {
        String id = spec.sandboxId().toString();
        String selector = LABEL_SANDBOX + "=" + id;
        List<String> namespaces = k8s.namespaces().withLabel(LABEL_SANDBOX, id).list().getItems().stream()
                .map(ns -> "namespace/" + name(ns))
                .toList();
        List<String> volumes = k8s.persistentVolumes().withLabel(LABEL_SANDBOX, id).list().getItems().stream()
                .map(pv -> "persistentvolume/" + name(pv))
                .toList();
        List<String> loadBalancers =
                k8s.services().inAnyNamespace().withLabel(LABEL_SANDBOX, id).list().getItems().stream()
                        .filter(KubernetesLeftovers::loadBalancer)
                        .map(svc -> "service/" + svc.getMetadata().getNamespace() + "/" + name(svc))
                        .toList();
        // the hand-off kit's account: while it exists, the tokens handed to the customer still work
        List<String> accounts =
                k8s.serviceAccounts().inAnyNamespace().withLabel(LABEL_SANDBOX, id).list().getItems().stream()
                        .map(sa -> "serviceaccount/" + sa.getMetadata().getNamespace() + "/" + name(sa))
                        .toList();
        return List.of(
                new LeftoverScan("namespaces labelled " + selector, namespaces),
                new LeftoverScan("ServiceAccounts labelled " + selector, accounts),
                new LeftoverScan("PersistentVolumes labelled " + selector, volumes),
                new LeftoverScan("Services of type LoadBalancer labelled " + selector, loadBalancers));
    }

    private static boolean loadBalancer(Service service) {
        return service.getSpec() != null
                && "LoadBalancer".equals(service.getSpec().getType());
    }

    private static String name(HasMetadata resource) {
        return resource.getMetadata().getName();
    }
}
