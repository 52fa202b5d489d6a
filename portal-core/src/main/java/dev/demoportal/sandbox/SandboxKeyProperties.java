package dev.demoportal.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that encrypt sandbox secrets at rest: a Tink keyset, in production wrapped by an AWS KMS
 * key (ADR 0017, docs/operations/security.md#keys).
 *
 * @param keyset the Tink keyset as JSON, the same on every portal and worker replica, from a
 *     Kubernetes Secret (env {@code PORTAL_SANDBOX_KEYS_KEYSET}); encrypted with {@code kms-key-uri}
 *     when that is set (Tinkey's {@code --master-key-uri}), otherwise in clear
 * @param kmsKeyUri the AWS KMS key that wraps the keyset, {@code aws-kms://arn:aws:kms:<region>:<account>:key/<id>};
 *     the apps need {@code kms:Decrypt} on it; unset: the keyset is read in clear
 * @param kmsEndpointOverride endpoint of the KMS API instead of AWS's (LocalStack, tests); unset in production
 * @param localKeysetFile local mode only, when no keyset is set: the keyset generated on first start
 *     (mode 600), so secrets survive restarts
 * @param legacyKey upgrades only: the AES-256 key (base64) of versions before the keyset, to read the
 *     rows it encrypted until the re-encryption job has moved them to the keyset; never used to encrypt
 * @param localLegacyKeyFile local mode only, when no legacy key is set: the key earlier versions
 *     generated there, read if the file exists
 * @param reencryptionInterval how often the worker re-encrypts secrets that are not under the primary
 *     key (after a rotation, or from before the keyset)
 * @param reencryptionBatchSize secrets re-encrypted per transaction
 */
@ConfigurationProperties("portal.sandbox.keys")
public record SandboxKeyProperties(
        @Nullable String keyset,
        @Nullable String kmsKeyUri,
        @Nullable URI kmsEndpointOverride,
        @DefaultValue(".local/sandbox-keyset.json") Path localKeysetFile,
        @Nullable String legacyKey,
        @DefaultValue(".local/sandbox-secret.key") Path localLegacyKeyFile,
        @DefaultValue("10m") Duration reencryptionInterval,
        @DefaultValue("100") int reencryptionBatchSize) {

    public SandboxKeyProperties {
        if (reencryptionBatchSize < 1) {
            throw new IllegalArgumentException("portal.sandbox.keys.reencryption-batch-size must be at least 1");
        }
        if (reencryptionInterval.isNegative() || reencryptionInterval.isZero()) {
            throw new IllegalArgumentException("portal.sandbox.keys.reencryption-interval must be positive");
        }
    }

    /** Key material stays out of logs and failure messages, whoever prints this record. */
    @Override
    public String toString() {
        return "SandboxKeyProperties[keyset=" + given(keyset) + ", kmsKeyUri=" + kmsKeyUri
                + ", kmsEndpointOverride=" + kmsEndpointOverride + ", localKeysetFile=" + localKeysetFile
                + ", legacyKey=" + given(legacyKey) + ", localLegacyKeyFile=" + localLegacyKeyFile
                + ", reencryptionInterval=" + reencryptionInterval + ", reencryptionBatchSize="
                + reencryptionBatchSize + "]";
    }

    private static String given(@Nullable String secret) {
        return secret == null || secret.isBlank() ? "(none)" : "(set)";
    }
}
