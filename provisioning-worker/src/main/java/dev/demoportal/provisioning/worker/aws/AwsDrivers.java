package dev.demoportal.provisioning.worker.aws;

import java.util.Map;

/**
 * The aws driver's parts, built once per worker when a layer is configured to use them: clients
 * on the default credentials chain, the region clusters, and the secret store.
 */
public class AwsDrivers {

    private final AwsClients clients;
    private final AwsSettings settings;
    private final RegionClusters clusters;
    private final AwsSecretStore secrets;

    public AwsDrivers(AwsClients clients, AwsSettings settings, Map<String, RegionSettings> regions) {
        this.clients = clients;
        this.settings = settings;
        this.clusters = new RegionClusters(clients, regions);
        this.secrets = new AwsSecretStore(clients, settings);
    }

    public static AwsDrivers fromDefaultChain(AwsSettings settings, Map<String, RegionSettings> regions) {
        return new AwsDrivers(AwsClients.fromDefaultChain(settings.endpointOverride()), settings, regions);
    }

    public AwsGlobalDriver global() {
        return new AwsGlobalDriver(clients, settings, clusters);
    }

    public AwsRegionCoreDriver regionCore() {
        return new AwsRegionCoreDriver(clusters);
    }

    public RegionClusters clusters() {
        return clusters;
    }

    public SecretStore secretStore() {
        return secrets;
    }

    public AwsSettings settings() {
        return settings;
    }
}
