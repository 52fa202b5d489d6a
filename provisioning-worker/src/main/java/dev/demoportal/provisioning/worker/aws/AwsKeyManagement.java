package dev.demoportal.provisioning.worker.aws;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Tink's {@link KmsClient} for {@code aws-kms://} key URIs on the AWS SDK v2: the sandbox keyset
 * is unwrapped with the key the URI names, in the key's own region (from its ARN), with the
 * credentials of the default provider chain (the pod's service account by web identity).
 */
public final class AwsKeyManagement implements KmsClient, AutoCloseable {

    static final String PREFIX = "aws-kms://";

    private final AwsCredentialsProvider credentials;
    private final @Nullable URI endpointOverride;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Map<String, software.amazon.awssdk.services.kms.KmsClient> clients = new ConcurrentHashMap<>();

    public AwsKeyManagement(AwsCredentialsProvider credentials, @Nullable URI endpointOverride) {
        this.credentials = credentials;
        this.endpointOverride = endpointOverride;
    }

    @Override
    public boolean doesSupport(@Nullable String keyUri) {
        return keyUri != null && keyUri.startsWith(PREFIX);
    }

    @Override
    public Aead getAead(@Nullable String keyUri) throws GeneralSecurityException {
        if (!doesSupport(keyUri)) {
            throw new GeneralSecurityException("not an aws-kms:// key URI: " + keyUri);
        }
        String arn = keyUri.substring(PREFIX.length());
        String[] parts = arn.split(":", 6);
        if (parts.length != 6
                || !parts[0].equals("arn")
                || !parts[2].equals("kms")
                || !(parts[5].startsWith("key/") || parts[5].startsWith("alias/"))) {
            throw new GeneralSecurityException(
                    "expected aws-kms://arn:aws:kms:<region>:<account>:key/<id> (or alias/<name>), got " + keyUri);
        }
        return new AwsKmsAead(clients.computeIfAbsent(parts[3], this::client), arn);
    }

    /** Credentials come from the provider chain, never from a file named in configuration. */
    @Override
    public KmsClient withCredentials(@Nullable String credentialPath) throws GeneralSecurityException {
        throw new GeneralSecurityException("AWS credentials come from the default provider chain");
    }

    @Override
    public KmsClient withDefaultCredentials() {
        return this;
    }

    /** A key ARN ({@code arn:...:key/<id>}), which KMS echoes on decrypt; an alias ARN it does not. */
    static boolean isKeyArn(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[5].startsWith("key/");
    }

    private software.amazon.awssdk.services.kms.KmsClient client(String region) {
        var builder = software.amazon.awssdk.services.kms.KmsClient.builder()
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
        clients.values().forEach(software.amazon.awssdk.services.kms.KmsClient::close);
        http.close();
    }
}
