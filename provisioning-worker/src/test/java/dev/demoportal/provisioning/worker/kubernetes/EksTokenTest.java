package dev.demoportal.provisioning.worker.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** The EKS token has the shape {@code aws eks get-token} gives and the cluster's authenticator expects. */
class EksTokenTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    // test-only credentials, never valid anywhere
    private static final AwsBasicCredentials TEST_CREDENTIALS =
            AwsBasicCredentials.create("AKIDTESTONLY", "test-secret");

    @Test
    void isAPresignedGetCallerIdentityUrlWithTheClusterNameSigned() {
        String token = EksToken.create("demo-emea", "eu-west-1", TEST_CREDENTIALS, CLOCK);

        assertThat(token)
                .startsWith("k8s-aws-v1.")
                .doesNotContain("=")
                .doesNotContain("+")
                .doesNotContain("/");
        URI url = URI.create(new String(
                Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8));
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        Map<String, String> query = Arrays.stream(url.getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(query)
                .containsEntry("Action", "GetCallerIdentity")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Credential", "AKIDTESTONLY/20260302/eu-west-1/sts/aws4_request")
                .containsEntry("X-Amz-Date", "20260302T090000Z")
                .containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-SignedHeaders", "host;x-k8s-aws-id")
                .containsKey("X-Amz-Signature");
        assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    }

    @Test
    void theSignatureCoversTheClusterName() {
        String a = EksToken.create("demo-emea", "eu-west-1", TEST_CREDENTIALS, CLOCK);
        String b = EksToken.create("demo-apj", "eu-west-1", TEST_CREDENTIALS, CLOCK);

        assertThat(a).isNotEqualTo(b);
        assertThat(EksToken.create("demo-emea", "eu-west-1", TEST_CREDENTIALS, CLOCK))
                .isEqualTo(a);
    }
}
