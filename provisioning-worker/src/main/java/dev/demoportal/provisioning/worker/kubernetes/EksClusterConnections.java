package dev.demoportal.provisioning.worker.kubernetes;

import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.worker.aws.RegionClusters;
import dev.demoportal.provisioning.worker.aws.RegionClusters.ClusterInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients for EKS clusters: endpoint and CA from {@code DescribeCluster}, a bearer token presigned
 * with the region's provisioning role ({@link EksToken}), rebuilt before the token expires.
 */
public class EksClusterConnections implements ClusterConnections, AutoCloseable {

    private record Connection(KubernetesClient client, Instant expires) {}

    private final RegionClusters clusters;
    private final Clock clock;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    public EksClusterConnections(RegionClusters clusters, Clock clock) {
        this.clusters = clusters;
        this.clock = clock;
    }

    @Override
    public KubernetesClient clientFor(SandboxSpec spec) {
        return connections
                .compute(spec.regionCode(), (code, existing) -> {
                    if (existing != null && existing.expires().isAfter(clock.instant())) {
                        return existing;
                    }
                    if (existing != null) {
                        existing.client().close();
                    }
                    ClusterInfo cluster = clusters.describe(spec);
                    String token = EksToken.create(
                            cluster.name(),
                            cluster.awsRegion(),
                            cluster.credentials().resolveCredentials(),
                            clock);
                    Config config = new ConfigBuilder(Config.empty())
                            .withMasterUrl(cluster.endpoint())
                            .withCaCertData(cluster.certificateAuthority())
                            .withOauthToken(token)
                            .build();
                    return new Connection(
                            new KubernetesClientBuilder().withConfig(config).build(),
                            clock.instant().plus(EksToken.LIFETIME));
                })
                .client();
    }

    @Override
    public void close() {
        connections.values().forEach(c -> c.client().close());
    }
}
