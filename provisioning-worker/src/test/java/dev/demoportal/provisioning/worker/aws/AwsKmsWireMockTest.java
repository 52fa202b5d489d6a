package dev.demoportal.provisioning.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The KMS adapter with the real AWS SDK client against {@link FakeAwsKms}, a WireMock fake of the
 * KMS JSON protocol: the keyset is wrapped and unwrapped as Tinkey's {@code --master-key-uri} does,
 * and KMS's refusals become failures, never a keyset opened with the wrong key.
 */
class AwsKmsWireMockTest {

    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String OTHER_KEY =
            "arn:aws:kms:eu-west-1:123456789012:key/0000abcd-12ab-34cd-56ef-1234567890ab";

    private final FakeAwsKms kms = new FakeAwsKms().withKey(KEY).withKey(OTHER_KEY);
    // static credentials exist only in tests; the apps use the default provider chain
    private final AwsKeyManagement client = new AwsKeyManagement(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTONLY", "test-secret")),
            URI.create(kms.endpoint()));

    @BeforeAll
    static void tink() throws GeneralSecurityException {
        AeadConfig.register();
    }

    @AfterEach
    void stop() {
        client.close();
        kms.stop();
    }

    @Test
    void aKeysetWrappedWithTheKmsKeyOpensWithItThroughTheSdk() throws Exception {
        KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        Aead kek = client.getAead("aws-kms://" + KEY);

        String wrapped = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek, new byte[0]);
        KeysetHandle opened = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(wrapped, kek, new byte[0]);

        assertThat(opened.getPrimary().getId()).isEqualTo(keyset.getPrimary().getId());
        byte[] sealed =
                keyset.getPrimitive(RegistryConfiguration.get(), Aead.class).encrypt(new byte[] {1}, new byte[0]);
        assertThat(opened.getPrimitive(RegistryConfiguration.get(), Aead.class).decrypt(sealed, new byte[0]))
                .containsExactly(1);
        assertThat(kms.calls()).containsExactly("Encrypt " + KEY, "Decrypt " + KEY);
    }

    @Test
    void associatedDataTravelsAsEncryptionContextAndMustMatch() throws Exception {
        Aead kek = client.getAead("aws-kms://" + KEY);
        byte[] sealed =
                kek.encrypt("keyset".getBytes(StandardCharsets.UTF_8), "demo-portal".getBytes(StandardCharsets.UTF_8));

        assertThat(kek.decrypt(sealed, "demo-portal".getBytes(StandardCharsets.UTF_8)))
                .asString()
                .isEqualTo("keyset");
        assertThatThrownBy(() -> kek.decrypt(sealed, "other".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("InvalidCiphertextException");
    }

    @Test
    void aCiphertextOfAnotherKeyOrADeniedCallIsRefused() throws Exception {
        byte[] underOther = client.getAead("aws-kms://" + OTHER_KEY).encrypt(new byte[] {7}, new byte[0]);

        assertThatThrownBy(() -> client.getAead("aws-kms://" + KEY).decrypt(underOther, new byte[0]))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("IncorrectKeyException");

        kms.denying(true);
        assertThatThrownBy(() -> client.getAead("aws-kms://" + OTHER_KEY).decrypt(underOther, new byte[0]))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("AccessDeniedException");
    }

    @Test
    void onlyKmsKeyArnsAreAccepted() {
        assertThat(client.doesSupport("aws-kms://" + KEY)).isTrue();
        assertThat(client.doesSupport("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k"))
                .isFalse();
        assertThatThrownBy(() -> client.getAead("aws-kms://arn:aws:s3:::bucket/key"))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("aws-kms://arn:aws:kms:");
        assertThat(AwsKeyManagement.isKeyArn(KEY)).isTrue();
        assertThat(AwsKeyManagement.isKeyArn("arn:aws:kms:eu-west-1:123456789012:alias/demo-portal"))
                .isFalse();
    }
}
