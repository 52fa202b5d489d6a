package dev.demoportal.provisioning.worker.aws;

import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepFailure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The region-core facts every later step needs: the worker assumes the region's provisioning role
 * (STS, refreshed before expiry) and describes the region's EKS cluster with it.
 */
public class RegionClusters {

    /** An ACTIVE cluster and how to reach it. {@code certificateAuthority} is base64 PEM, as EKS returns it. */
    public record ClusterInfo(
            String name,
            String arn,
            String endpoint,
            String certificateAuthority,
            String oidcIssuer,
            String awsRegion,
            String accountId,
            AwsCredentialsProvider credentials) {}

    private final AwsClients clients;
    private final Map<String, RegionSettings> regions;
    private final Map<String, StsAssumeRoleCredentialsProvider> roles = new ConcurrentHashMap<>();
    private final Map<String, EksClient> eks = new ConcurrentHashMap<>();

    public RegionClusters(AwsClients clients, Map<String, RegionSettings> regions) {
        this.clients = clients;
        this.regions = Map.copyOf(regions);
    }

    public RegionSettings settings(SandboxSpec spec) {
        RegionSettings settings = regions.get(spec.regionCode());
        if (settings == null) {
            throw StepFailure.permanent(
                    "region " + spec.regionCode() + " is not configured for provisioning"
                            + " (portal.provisioning.regions." + spec.regionCode() + ".*)",
                    null);
        }
        return settings;
    }

    /** Credentials of the region's provisioning role, assumed through STS and refreshed before they expire. */
    public AwsCredentialsProvider regionCredentials(SandboxSpec spec) {
        RegionSettings settings = settings(spec);
        return roles.computeIfAbsent(
                spec.regionCode(),
                code -> StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(clients.sts(spec.awsRegion()))
                        .refreshRequest(r ->
                                r.roleArn(settings.provisioningRoleArn()).roleSessionName("demoportal-worker-" + code))
                        .asyncCredentialUpdateEnabled(false)
                        .build());
    }

    /**
     * Describes the region's cluster. Not ACTIVE yet (creating, updating) is transient; gone,
     * failed or deleting is permanent.
     */
    public ClusterInfo describe(SandboxSpec spec) {
        RegionSettings settings = settings(spec);
        AwsCredentialsProvider credentials = regionCredentials(spec);
        EksClient client = eks.computeIfAbsent(spec.regionCode(), code -> clients.eks(spec.awsRegion(), credentials));
        Cluster cluster;
        try {
            cluster =
                    client.describeCluster(r -> r.name(settings.clusterName())).cluster();
        } catch (ResourceNotFoundException e) {
            throw StepFailure.permanent(
                    "EKS cluster " + settings.clusterName() + " not found in " + spec.awsRegion(), e);
        } catch (SdkException e) {
            throw AwsErrors.classify("describing EKS cluster " + settings.clusterName(), e);
        }
        ClusterStatus status = cluster.status();
        if (status == ClusterStatus.CREATING || status == ClusterStatus.UPDATING || status == ClusterStatus.PENDING) {
            throw StepFailure.transientFailure(
                    "EKS cluster " + cluster.name() + " is " + cluster.statusAsString(), null);
        }
        if (status != ClusterStatus.ACTIVE) {
            throw StepFailure.permanent("EKS cluster " + cluster.name() + " is " + cluster.statusAsString(), null);
        }
        String issuer = cluster.identity() == null || cluster.identity().oidc() == null
                ? null
                : cluster.identity().oidc().issuer();
        if (issuer == null) {
            throw StepFailure.permanent("EKS cluster " + cluster.name() + " has no OIDC issuer", null);
        }
        return new ClusterInfo(
                cluster.name(),
                cluster.arn(),
                cluster.endpoint(),
                cluster.certificateAuthority() == null
                        ? ""
                        : cluster.certificateAuthority().data(),
                issuer,
                spec.awsRegion(),
                settings.accountId(),
                credentials);
    }
}
