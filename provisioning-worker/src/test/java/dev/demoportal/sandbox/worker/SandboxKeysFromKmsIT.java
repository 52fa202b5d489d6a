package dev.demoportal.sandbox.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.demoportal.provisioning.worker.ProvisioningWorkerApplication;
import dev.demoportal.provisioning.worker.aws.AwsKeyManagement;
import dev.demoportal.provisioning.worker.aws.FakeAwsKms;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The production set-up: the keyset arrives wrapped by a KMS key and the worker unwraps it with
 * the real AWS SDK client, here against {@link FakeAwsKms} (a WireMock fake of the KMS JSON
 * protocol), then reports itself ready with the keyset's key ids.
 */
@SpringBootTest(
        classes = {ProvisioningWorkerApplication.class, SandboxKeysFromKmsIT.Credentials.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@PortalDatabaseTest
class SandboxKeysFromKmsIT {

    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final AwsCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTONLY", "test-secret"));
    private static final FakeAwsKms KMS = new FakeAwsKms().withKey(KEY);
    private static final KeysetHandle KEYSET;
    private static final String WRAPPED;

    static {
        try {
            AeadConfig.register();
            KEYSET = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            // what an operator does once with Tinkey: tinkey create-keyset --master-key-uri aws-kms://...
            try (AwsKeyManagement operator = new AwsKeyManagement(TEST_CREDENTIALS, URI.create(KMS.endpoint()))) {
                WRAPPED = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
                        KEYSET, operator.getAead("aws-kms://" + KEY), new byte[0]);
            }
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Static credentials exist only in tests; the apps use the default provider chain. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Credentials {
        @Bean
        AwsCredentialsProvider testCredentials() {
            return TEST_CREDENTIALS;
        }
    }

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("portal.sandbox.keys.keyset", () -> WRAPPED);
        registry.add("portal.sandbox.keys.kms-key-uri", () -> "aws-kms://" + KEY);
        registry.add("portal.sandbox.keys.kms-endpoint-override", KMS::endpoint);
    }

    @AfterAll
    static void stop() {
        KMS.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void theKeysetWrappedByKmsIsUnwrappedOnceAndThePodIsReady() throws Exception {
        HttpResponse<String> readiness = get("/readyz");

        assertThat(readiness.statusCode()).isEqualTo(200);
        long primary = Integer.toUnsignedLong(KEYSET.getPrimary().getId());
        assertThat(readiness.body())
                .contains("\"sandboxKeys\":{")
                .contains("\"primaryKeyId\":" + primary)
                .contains("wrapped by aws-kms://" + KEY)
                .doesNotContain(WRAPPED.substring(
                        WRAPPED.indexOf("encryptedKeyset") + 18, WRAPPED.indexOf("encryptedKeyset") + 40));
        // one Encrypt by the operator, one Decrypt by this worker at start-up; none per probe
        get("/readyz");
        assertThat(KMS.calls()).containsExactly("Encrypt " + KEY, "Decrypt " + KEY);
    }

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
