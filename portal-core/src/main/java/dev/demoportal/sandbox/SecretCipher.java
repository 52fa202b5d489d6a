package dev.demoportal.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Encrypts sandbox secrets at rest with AES-256-GCM. Each value gets a fresh 96-bit nonce, and the
 * sandbox id and secret name are bound in as associated data, so a ciphertext copied to another
 * row does not decrypt. Stored as nonce followed by ciphertext and tag.
 *
 * <p>The key comes from {@code portal.sandbox.secret-key}. Local mode without a key generates one
 * into {@code portal.sandbox.local-secret-key-file} and reuses it after restarts. Anywhere else a
 * missing key is reported at start-up and every use fails loudly, never silently storing plain text.
 */
@Component
class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final @Nullable SecretKey key;

    SecretCipher(SandboxProperties properties, Environment environment) {
        this.key = resolve(properties, environment.getProperty("portal.local.enabled", Boolean.class, false));
        if (key == null) {
            log.error("portal.sandbox.secret-key is not set: sandbox secrets can neither be stored nor revealed. "
                    + "Set it to the base64 of 32 random bytes (openssl rand -base64 32), the same on every replica.");
        }
    }

    byte[] encrypt(String associated, String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a sandbox secret", e);
        }
    }

    String decrypt(String associated, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sandbox secret could not be decrypted: was "
                    + "portal.sandbox.secret-key changed?", e);
        }
    }

    private SecretKey key() {
        if (key == null) {
            throw new IllegalStateException("portal.sandbox.secret-key is not configured");
        }
        return key;
    }

    private static @Nullable SecretKey resolve(SandboxProperties properties, boolean localMode) {
        if (properties.secretKey() != null && !properties.secretKey().isBlank()) {
            return of(properties.secretKey().strip());
        }
        if (!localMode) {
            return null;
        }
        Path file = properties.localSecretKeyFile();
        try {
            if (Files.exists(file)) {
                return of(Files.readString(file).strip());
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            try {
                Files.setPosixFilePermissions(file, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            log.info("Local mode: generated the sandbox secret key in {}", file.toAbsolutePath());
            return new SecretKeySpec(fresh, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
    }

    private static SecretKey of(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        if (bytes.length != 32) {
            throw new IllegalStateException("portal.sandbox.secret-key must be the base64 of exactly 32 bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
