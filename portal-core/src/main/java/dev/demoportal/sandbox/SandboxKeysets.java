package dev.demoportal.sandbox;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the keyset that encrypts sandbox secrets from configuration: unwrapped by the KMS key when
 * one is configured, read in clear otherwise, or (local mode only) generated into a file on first
 * start. Every failure is a {@link SandboxKeysUnavailable} with a message an operator can act on
 * and no key material: Tink's own messages are not passed on, as a parser may quote its input.
 */
final class SandboxKeysets {

    private static final Logger log = LoggerFactory.getLogger(SandboxKeysets.class);

    /** Tink's wrapped-keyset format, as Tinkey writes it with {@code --master-key-uri}: no associated data. */
    private static final byte[] KEYSET_ASSOCIATED_DATA = new byte[0];

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The usable keys: the keyset's AEAD and, for rows from before the keyset, the legacy key's. */
    record Keys(
            Aead aead,
            long primaryKeyId,
            List<Long> keyIds,
            String source,
            @Nullable Aead legacy) {}

    private SandboxKeysets() {}

    static Keys load(SandboxKeyProperties properties, List<KmsClient> kmsClients, boolean localMode) {
        KeysetHandle handle;
        String source;
        if (!blank(properties.keyset())) {
            String keyset = properties.keyset().strip();
            if (!blank(properties.kmsKeyUri())) {
                String uri = properties.kmsKeyUri().strip();
                handle = unwrap(keyset, kmsAead(uri, kmsClients), uri);
                source = "portal.sandbox.keys.keyset, wrapped by " + uri;
            } else {
                handle = cleartext(keyset);
                source = "portal.sandbox.keys.keyset, in clear";
                log.warn("The sandbox keyset is configured in clear: whoever reads its Secret can read sandbox "
                        + "secrets. Wrap it with a KMS key (portal.sandbox.keys.kms-key-uri) in production.");
            }
        } else if (localMode) {
            handle = localKeyset(properties.localKeysetFile());
            source = "local file " + properties.localKeysetFile().toAbsolutePath();
        } else {
            throw new SandboxKeysUnavailable("portal.sandbox.keys.keyset is not set: sandbox secrets can neither "
                    + "be stored nor revealed. Create a keyset (docs/operations/security.md#keys) and pass it "
                    + "as PORTAL_SANDBOX_KEYS_KEYSET, the same on every portal and worker replica.");
        }
        return keys(handle, source, legacy(properties, localMode));
    }

    /** The keys of a keyset in hand (tests, and {@link #load} once it has the handle). */
    static Keys keys(KeysetHandle handle, String source, @Nullable Aead legacy) {
        KeysetHandle.Entry primary = handle.getPrimary();
        if (!primary.getKey().getParameters().hasIdRequirement()) {
            throw new SandboxKeysUnavailable("The primary key " + Integer.toUnsignedString(primary.getId())
                    + " of the sandbox keyset writes no key id into its ciphertexts (a _RAW template): "
                    + "use a TINK-prefixed one such as AES256_GCM, so every stored secret names its key.");
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            ids.add(Integer.toUnsignedLong(handle.getAt(i).getId()));
        }
        try {
            return new Keys(
                    handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    Integer.toUnsignedLong(primary.getId()),
                    List.copyOf(ids),
                    source,
                    legacy);
        } catch (GeneralSecurityException e) {
            throw new SandboxKeysUnavailable("The sandbox keyset holds no usable AEAD key ("
                    + e.getClass().getSimpleName() + "): it must be an AEAD keyset such as AES256_GCM.");
        }
    }

    private static Aead kmsAead(String uri, List<KmsClient> kmsClients) {
        KmsClient client = kmsClients.stream()
                .filter(c -> c.doesSupport(uri))
                .findFirst()
                .orElseThrow(
                        () -> new SandboxKeysUnavailable(
                                "portal.sandbox.keys.kms-key-uri " + uri
                                        + " names no KMS this application supports: expected aws-kms://arn:aws:kms:<region>:<account>:key/<id>."));
        try {
            return client.getAead(uri);
        } catch (GeneralSecurityException e) {
            throw new SandboxKeysUnavailable("The KMS key " + uri + " cannot be used: " + e.getMessage());
        }
    }

    private static KeysetHandle unwrap(String keyset, Aead kms, String uri) {
        if (!keyset.contains("\"encryptedKeyset\"")) {
            throw new SandboxKeysUnavailable("portal.sandbox.keys.kms-key-uri is set but the keyset is not "
                    + "encrypted: wrap it with that key (tinkey convert-keyset --new-master-key-uri " + uri
                    + ") rather than keep it in clear.");
        }
        try {
            return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(keyset, kms, KEYSET_ASSOCIATED_DATA);
        } catch (GeneralSecurityException e) {
            // the KMS adapter's message names the KMS failure (access denied, unreachable, wrong key)
            throw new SandboxKeysUnavailable(
                    "The sandbox keyset could not be decrypted with the KMS key " + uri + ": " + rootMessage(e));
        } catch (RuntimeException e) {
            throw new SandboxKeysUnavailable("portal.sandbox.keys.keyset is not an encrypted Tink keyset in JSON ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    private static KeysetHandle cleartext(String keyset) {
        if (keyset.contains("\"encryptedKeyset\"")) {
            throw new SandboxKeysUnavailable("The sandbox keyset is encrypted but portal.sandbox.keys.kms-key-uri "
                    + "is not set: name the KMS key that wraps it.");
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SandboxKeysUnavailable("portal.sandbox.keys.keyset is not a Tink keyset in JSON ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    /** Local mode: the keyset in {@code file}, generated there (readable by this user only) on first start. */
    static KeysetHandle localKeyset(Path file) {
        try {
            if (!Files.exists(file)) {
                KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                writeOwnerOnly(file, TinkJsonProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get()));
                log.info("Local mode: generated the sandbox keyset in {}", file.toAbsolutePath());
            }
            return cleartext(Files.readString(file));
        } catch (IOException e) {
            throw new SandboxKeysUnavailable("The local sandbox keyset " + file.toAbsolutePath()
                    + " cannot be read or created: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new SandboxKeysUnavailable("A local sandbox keyset could not be generated: " + e.getMessage());
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return; // another process of this checkout generated it first: use theirs
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static @Nullable Aead legacy(SandboxKeyProperties properties, boolean localMode) {
        try {
            if (!blank(properties.legacyKey())) {
                return legacyAead(properties.legacyKey().strip(), "portal.sandbox.keys.legacy-key");
            }
            if (localMode && Files.exists(properties.localLegacyKeyFile())) {
                return legacyAead(
                        Files.readString(properties.localLegacyKeyFile()).strip(),
                        properties.localLegacyKeyFile().toAbsolutePath().toString());
            }
            return null;
        } catch (IOException e) {
            throw new SandboxKeysUnavailable("The legacy sandbox key file " + properties.localLegacyKeyFile()
                    + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * The single key of earlier versions as a Tink key without prefix: AES-256-GCM with a 12-byte
     * nonce and a 16-byte tag, stored as nonce || ciphertext || tag, which is exactly what they wrote.
     */
    static Aead legacyAead(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SandboxKeysUnavailable(where + " is not base64.");
        }
        if (bytes.length != 32) {
            throw new SandboxKeysUnavailable(where + " must be the base64 of exactly 32 bytes.");
        }
        try {
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(32)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            AesGcmKey key = AesGcmKey.builder()
                    .setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(bytes, InsecureSecretKeyAccess.get()))
                    .build();
            return KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                    .build()
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new SandboxKeysUnavailable(where + " cannot be used as an AES-256-GCM key.");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
