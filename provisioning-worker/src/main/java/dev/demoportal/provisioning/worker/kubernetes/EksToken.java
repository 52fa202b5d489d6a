package dev.demoportal.provisioning.worker.kubernetes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A bearer token for an EKS cluster, made the way {@code aws eks get-token} makes it: an STS
 * {@code GetCallerIdentity} request presigned (query-string SigV4, 60 s) with the cluster name in
 * the signed {@code x-k8s-aws-id} header, base64url-encoded after {@code k8s-aws-v1.}. The cluster
 * asks STS who signed it; no kubeconfig or stored secret is involved.
 */
public final class EksToken {

    static final String PREFIX = "k8s-aws-v1.";
    static final String CLUSTER_HEADER = "x-k8s-aws-id";
    /** EKS accepts tokens for 15 minutes from signing; clients refresh well before. */
    public static final Duration LIFETIME = Duration.ofMinutes(14);

    private EksToken() {}

    public static String create(String clusterName, String awsRegion, AwsCredentialsIdentity credentials, Clock clock) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("https://sts." + awsRegion + ".amazonaws.com/"))
                .appendRawQueryParameter("Action", "GetCallerIdentity")
                .appendRawQueryParameter("Version", "2011-06-15")
                .appendHeader(CLUSTER_HEADER, clusterName)
                .build();
        SdkHttpRequest presigned = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, awsRegion)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60))
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock))
                .request();
        String url = presigned.getUri().toString();
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }
}
