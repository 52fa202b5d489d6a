package dev.demoportal.sandbox;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Keysets generated for tests, and the rotation steps an operator would take with Tinkey. */
final class TestKeysets {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestKeysets() {}

    /** A fresh keyset with one AES256_GCM key (TINK prefix), as {@code tinkey create-keyset} makes. */
    static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code tinkey add-key}: a new key, not primary, so every replica can read it before any writes with it. */
    static KeysetHandle addKey(KeysetHandle keyset) {
        try {
            return KeysetHandle.newBuilder(keyset)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code tinkey promote-key}: the key with {@code id} becomes primary. */
    static KeysetHandle promote(KeysetHandle keyset, long id) {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
            for (int i = 0; i < builder.size(); i++) {
                if (Integer.toUnsignedLong(keyset.getAt(i).getId()) == id) {
                    builder.getAt(i).makePrimary();
                }
            }
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code tinkey delete-key}: the key with {@code id} leaves the keyset. */
    static KeysetHandle remove(KeysetHandle keyset, long id) {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (Integer.toUnsignedLong(keyset.getAt(i).getId()) == id) {
                    builder.deleteAt(i);
                }
            }
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static long primaryId(KeysetHandle keyset) {
        return Integer.toUnsignedLong(keyset.getPrimary().getId());
    }

    static String cleartextJson(KeysetHandle keyset) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String wrappedJson(KeysetHandle keyset, Aead keyEncryptionKey) {
        try {
            return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, keyEncryptionKey, new byte[0]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Aead aead(KeysetHandle keyset) {
        try {
            return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A keyring over {@code keyset} as a replica would hold it, with an optional legacy key. */
    static SandboxKeyring keyring(KeysetHandle keyset, @Nullable String legacyKey, Clock clock) {
        return new SandboxKeyring(
                () -> SandboxKeysets.keys(
                        keyset,
                        "test keyset",
                        legacyKey == null ? null : SandboxKeysets.legacyAead(legacyKey, "test legacy key")),
                clock);
    }

    static SandboxKeyProperties properties(
            @Nullable String keyset, @Nullable String kmsKeyUri, java.nio.file.Path dir, @Nullable String legacyKey) {
        return new SandboxKeyProperties(
                keyset,
                kmsKeyUri,
                null,
                dir.resolve(".local/sandbox-keyset.json"),
                legacyKey,
                dir.resolve(".local/sandbox-secret.key"),
                java.time.Duration.ofMinutes(10),
                100);
    }

    /**
     * A KMS in this process, for tests that do not exercise the AWS adapter: it "holds" one key
     * under {@code uri} (a Tink AEAD), as a KMS would, and nothing leaves it.
     */
    static KmsClient inProcessKms(String uri, Aead key) {
        return new KmsClient() {
            @Override
            public boolean doesSupport(@Nullable String keyUri) {
                return keyUri != null && keyUri.startsWith("test-kms://");
            }

            @Override
            public KmsClient withCredentials(@Nullable String credentialPath) {
                return this;
            }

            @Override
            public KmsClient withDefaultCredentials() {
                return this;
            }

            @Override
            public Aead getAead(@Nullable String keyUri) throws GeneralSecurityException {
                if (!uri.equals(keyUri)) {
                    throw new GeneralSecurityException("no such key: " + keyUri);
                }
                return key;
            }
        };
    }

    static List<KmsClient> none() {
        return List.of();
    }
}
