package dev.demoportal.provisioning.worker.aws;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Tink's {@link Aead} over one AWS KMS key, through the project's AWS SDK v2 (Tink's own AWS KMS
 * extension is released only on SDK v1; see ADR 0017). Wire-compatible with it and with Tinkey:
 * associated data travels as the encryption context {@code associatedData} (hex), none when empty,
 * so keysets wrapped by {@code tinkey --master-key-uri aws-kms://...} open here.
 */
final class AwsKmsAead implements Aead {

    private final KmsClient kms;
    private final String keyArn;

    AwsKmsAead(KmsClient kms, String keyArn) {
        this.kms = kms;
        this.keyArn = keyArn;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte @Nullable [] associatedData) throws GeneralSecurityException {
        try {
            EncryptRequest.Builder request =
                    EncryptRequest.builder().keyId(keyArn).plaintext(SdkBytes.fromByteArray(plaintext));
            if (associatedData != null && associatedData.length > 0) {
                request.encryptionContext(context(associatedData));
            }
            return kms.encrypt(request.build()).ciphertextBlob().asByteArray();
        } catch (SdkException e) {
            throw new GeneralSecurityException("AWS KMS refused to encrypt with " + keyArn + ": " + reason(e), e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte @Nullable [] associatedData) throws GeneralSecurityException {
        DecryptResponse response;
        try {
            DecryptRequest.Builder request =
                    DecryptRequest.builder().keyId(keyArn).ciphertextBlob(SdkBytes.fromByteArray(ciphertext));
            if (associatedData != null && associatedData.length > 0) {
                request.encryptionContext(context(associatedData));
            }
            response = kms.decrypt(request.build());
        } catch (SdkException e) {
            throw new GeneralSecurityException("AWS KMS refused to decrypt with " + keyArn + ": " + reason(e), e);
        }
        // a ciphertext of another key we may also decrypt with must not pass for one of ours
        if (AwsKeyManagement.isKeyArn(keyArn) && !keyArn.equals(response.keyId())) {
            throw new GeneralSecurityException("AWS KMS decrypted with " + response.keyId() + ", not " + keyArn);
        }
        return response.plaintext().asByteArray();
    }

    private static Map<String, String> context(byte[] associatedData) {
        return Map.of("associatedData", HexFormat.of().formatHex(associatedData));
    }

    /** The AWS error code (AccessDeniedException, InvalidCiphertextException, ...) or the client-side cause. */
    private static String reason(SdkException e) {
        if (e instanceof KmsException kms && kms.awsErrorDetails() != null) {
            return kms.awsErrorDetails().errorCode() + " (HTTP " + kms.statusCode() + ")";
        }
        return e.getMessage();
    }
}
