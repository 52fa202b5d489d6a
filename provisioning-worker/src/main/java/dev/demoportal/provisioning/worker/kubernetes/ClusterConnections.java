package dev.demoportal.provisioning.worker.kubernetes;

import dev.demoportal.provisioning.SandboxSpec;
import io.fabric8.kubernetes.client.KubernetesClient;

/** A client for the cluster of a sandbox's region. */
public interface ClusterConnections {

    KubernetesClient clientFor(SandboxSpec spec);
}
