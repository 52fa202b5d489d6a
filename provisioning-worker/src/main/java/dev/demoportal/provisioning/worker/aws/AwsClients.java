package dev.demoportal.provisioning.worker.aws;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the AWS clients. In production the credentials come from the default provider chain
 * (web identity on Kubernetes, via the worker's service account); nothing static in configuration.
 * Tests pass their own provider and an endpoint override.
 */
public class AwsClients implements AutoCloseable {

    private final AwsCredentialsProvider credentials;
    private final @Nullable URI endpointOverride;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    public AwsClients(AwsCredentialsProvider credentials, @Nullable URI endpointOverride) {
        this.credentials = credentials;
        this.endpointOverride = endpointOverride;
    }

    public static AwsClients fromDefaultChain(@Nullable URI endpointOverride) {
        return new AwsClients(DefaultCredentialsProvider.builder().build(), endpointOverride);
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** Clients are thread-safe and meant to be shared: one per service and region. */
    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C cached(String key, java.util.function.Supplier<C> build) {
        return (C) clients.computeIfAbsent(key, k -> build.get());
    }

    Route53Client route53() {
        return cached("route53", this::buildRoute53);
    }

    IamClient iam() {
        return cached("iam", this::buildIam);
    }

    StsClient sts(String region) {
        return cached("sts/" + region, () -> buildSts(region));
    }

    SecretsManagerClient secrets(String region) {
        return cached("secretsmanager/" + region, () -> buildSecrets(region));
    }

    private Route53Client buildRoute53() {
        var builder = Route53Client.builder()
                .httpClient(http)
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    private IamClient buildIam() {
        var builder =
                IamClient.builder().httpClient(http).region(Region.AWS_GLOBAL).credentialsProvider(credentials);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    private StsClient buildSts(String region) {
        var builder =
                StsClient.builder().httpClient(http).region(Region.of(region)).credentialsProvider(credentials);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    EksClient eks(String region, AwsCredentialsProvider as) {
        var builder =
                EksClient.builder().httpClient(http).region(Region.of(region)).credentialsProvider(as);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    private SecretsManagerClient buildSecrets(String region) {
        var builder = SecretsManagerClient.builder()
                .httpClient(http)
                .region(Region.of(region))
                .credentialsProvider(credentials);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        http.close();
    }
}
