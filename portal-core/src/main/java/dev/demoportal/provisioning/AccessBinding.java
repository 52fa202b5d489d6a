package dev.demoportal.provisioning;

import java.util.Map;

/**
 * A RoleBinding an access lease makes on a region's cluster: {@code name} in {@code namespace},
 * granting ClusterRole {@code clusterRole} to a user or group.
 *
 * @param group whether {@code subject} names a group (else a user)
 * @param labels what the binding is for (booking, environment, slot), for people looking at the cluster
 */
public record AccessBinding(
        String regionCode,
        String awsRegion,
        String namespace,
        String name,
        boolean group,
        String subject,
        String clusterRole,
        Map<String, String> labels) {

    public AccessBinding {
        labels = Map.copyOf(labels);
    }
}
