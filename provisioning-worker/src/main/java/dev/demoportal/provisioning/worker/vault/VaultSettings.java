package dev.demoportal.provisioning.worker.vault;

import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vault, for the Vault part of template contents (read when the region-platform driver is
 * {@code kubernetes}). The worker logs in to each region's Vault with its own Kubernetes service
 * account token (Vault's Kubernetes auth method); there is deliberately no token setting.
 *
 * @param namePrefix prefix of the policy, Kubernetes auth role and database role of each sandbox
 *     (the sandbox name follows)
 * @param serviceAccountTokenFile the worker's service account token, presented to Vault at login
 * @param regions per portal region code (na, emea, apj): its Vault; a region without one refuses
 *     templates with Vault contents
 */
public record VaultSettings(
        @DefaultValue("demoportal-sandbox-") String namePrefix,

        @DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount/token")
        String serviceAccountTokenFile,

        Map<String, VaultRegion> regions) {

    public VaultSettings {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    /**
     * One region's Vault.
     *
     * @param address the Vault server, e.g. {@code https://vault.emea.example.com:8200}
     * @param kvMount the KV version 2 mount sandbox paths live in
     * @param databaseMount the database secrets engine mount of the region's workshop databases
     * @param kubernetesAuthMount the Kubernetes auth mount of the region's cluster, where sandboxes
     *     log in and their roles are made
     * @param workerAuthMount the auth mount the worker logs in through (Kubernetes auth of the
     *     cluster the worker runs in)
     * @param workerRole the Vault role the worker logs in as (holding the provisioner policy)
     */
    public record VaultRegion(
            String address,
            @DefaultValue("secret") String kvMount,
            @DefaultValue("database") String databaseMount,
            @DefaultValue("kubernetes") String kubernetesAuthMount,
            @DefaultValue("kubernetes") String workerAuthMount,
            @DefaultValue("demo-portal-provisioner") String workerRole) {}
}
