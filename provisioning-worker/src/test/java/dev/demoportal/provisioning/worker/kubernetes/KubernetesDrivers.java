package dev.demoportal.provisioning.worker.kubernetes;

import dev.demoportal.provisioning.worker.aws.SecretStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;

/** The Kubernetes platform driver as the worker builds it, on one test client. */
public final class KubernetesDrivers {

    private KubernetesDrivers() {}

    /** With the shipped Helm renderer, gateway name and probe timeout, on the system clock. */
    public static KubernetesPlatformDriver on(KubernetesClient client, SecretStore secrets, String gatewayNamespace) {
        return on(client, secrets, gatewayNamespace, new HelmChartRenderer());
    }

    /** As {@link #on(KubernetesClient, SecretStore, String)}, rendering charts with {@code charts}. */
    public static KubernetesPlatformDriver on(
            KubernetesClient client, SecretStore secrets, String gatewayNamespace, ChartRenderer charts) {
        return new KubernetesPlatformDriver(
                s -> client,
                secrets,
                s -> gatewayNamespace,
                "sandbox-workload",
                charts,
                "sandbox-gateway",
                Duration.ofSeconds(5),
                Clock.systemUTC());
    }
}
