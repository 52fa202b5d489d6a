package dev.demoportal.sandbox;

import com.google.crypto.tink.KmsClient;
import dev.demoportal.sandbox.SandboxKeysets.Keys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Encrypts sandbox secrets with the keyset's primary key and decrypts them with whichever key of
 * the keyset sealed them (Tink's 5-byte prefix names it), or with the legacy key for rows from
 * before the keyset. The sandbox id and secret name are the associated data, so a ciphertext moved
 * to another row does not decrypt.
 *
 * <p>The keys are loaded at start-up. If that fails (no keyset, the KMS refusing or unreachable),
 * the application still starts, reports itself not ready ({@link SandboxKeysHealthIndicator}) and
 * tries again at most every {@link #RETRY_AFTER}, so a KMS outage during a rollout heals without a
 * restart. Meanwhile storing or revealing a secret fails; nothing is ever stored in clear.
 */
@Component
class SandboxKeyring {

    private static final Logger log = LoggerFactory.getLogger(SandboxKeyring.class);

    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    /** Tink's prefix: a version byte ({@code 0x01}, "TINK") and the key id, big-endian. */
    private static final int PREFIX_BYTES = 5;

    private static final byte TINK_PREFIX = 1;
    private static final byte[] PROBE = "sandbox-keys-probe".getBytes(StandardCharsets.UTF_8);

    /** A sealed secret and the key that sealed it. */
    record Sealed(byte[] ciphertext, long keyId) {}

    private final Supplier<Keys> loader;
    private final Clock clock;
    private volatile @Nullable Keys keys;
    private @Nullable SandboxKeysUnavailable failure;
    private @Nullable Instant failedAt;

    @Autowired
    SandboxKeyring(
            SandboxKeyProperties properties,
            ObjectProvider<KmsClient> kmsClients,
            Environment environment,
            Clock clock) {
        this(
                () -> SandboxKeysets.load(
                        properties,
                        kmsClients.orderedStream().toList(),
                        environment.getProperty("portal.local.enabled", Boolean.class, false)),
                clock);
    }

    SandboxKeyring(Supplier<Keys> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
        try {
            keys();
        } catch (SandboxKeysUnavailable e) {
            // logged by keys(); the application starts and reports itself not ready
        }
    }

    Sealed encrypt(String associated, String plain) {
        Keys current = keys();
        byte[] ciphertext;
        try {
            ciphertext = current.aead().encrypt(plain.getBytes(StandardCharsets.UTF_8), bytes(associated));
        } catch (GeneralSecurityException e) {
            throw new SandboxKeysUnavailable("The primary key " + current.primaryKeyId() + " failed to encrypt ("
                    + e.getClass().getSimpleName() + ").");
        }
        long keyId = keyId(ciphertext);
        if (keyId != current.primaryKeyId()) {
            throw new SandboxKeysUnavailable("The keyset encrypted with key " + keyId + " rather than its primary "
                    + current.primaryKeyId() + ".");
        }
        return new Sealed(ciphertext, keyId);
    }

    /**
     * The plain text of {@code ciphertext}, sealed by key {@code keyId}, or by the legacy key of
     * earlier versions when {@code keyId} is null.
     */
    String decrypt(String associated, byte[] ciphertext, @Nullable Long keyId) {
        Keys current = keys();
        if (keyId == null) {
            if (current.legacy() == null) {
                throw new SecretUnreadable("The secret was encrypted before the keyset, by the earlier single key, "
                        + "and portal.sandbox.keys.legacy-key is not set.");
            }
            return open(() -> current.legacy().decrypt(ciphertext, bytes(associated)), "the legacy key");
        }
        if (!current.keyIds().contains(keyId)) {
            throw new SecretUnreadable("The secret was encrypted with key " + keyId + ", which the keyset no longer "
                    + "holds (keys " + current.keyIds() + ").");
        }
        if (ciphertext.length <= PREFIX_BYTES || keyId(ciphertext) != keyId) {
            throw new SecretUnreadable("The secret's ciphertext does not carry its key id " + keyId + ".");
        }
        return open(() -> current.aead().decrypt(ciphertext, bytes(associated)), "key " + keyId);
    }

    /** The key new secrets are encrypted with. */
    long primaryKeyId() {
        return keys().primaryKeyId();
    }

    /**
     * Loads the keys if they are not yet (retrying a failed load when due) and proves them with an
     * encrypt/decrypt round trip; throws {@link SandboxKeysUnavailable} if they are not usable.
     */
    Keys check() {
        Keys current = keys();
        try {
            byte[] sealed = current.aead().encrypt(PROBE, PROBE);
            if (keyId(sealed) != current.primaryKeyId()
                    || !Arrays.equals(current.aead().decrypt(sealed, PROBE), PROBE)) {
                throw new SandboxKeysUnavailable(
                        "The primary key " + current.primaryKeyId() + " failed its round trip.");
            }
        } catch (GeneralSecurityException e) {
            throw new SandboxKeysUnavailable("The primary key " + current.primaryKeyId() + " failed its round trip ("
                    + e.getClass().getSimpleName() + ").");
        }
        return current;
    }

    private Keys keys() {
        Keys current = keys;
        return current != null ? current : load();
    }

    private synchronized Keys load() {
        if (keys != null) {
            return keys;
        }
        Instant now = clock.instant();
        if (failure != null && failedAt != null && now.isBefore(failedAt.plus(RETRY_AFTER))) {
            throw failure;
        }
        try {
            Keys loaded = loader.get();
            log.info(
                    "Sandbox secret keys ready: keyset from {}, {} key(s) {}, primary key {}{}",
                    loaded.source(),
                    loaded.keyIds().size(),
                    loaded.keyIds(),
                    loaded.primaryKeyId(),
                    loaded.legacy() != null ? "; the legacy key reads rows from before the keyset" : "");
            keys = loaded;
            failure = null;
            return loaded;
        } catch (SandboxKeysUnavailable e) {
            log.error(
                    "Sandbox secret keys unavailable (the application reports itself not ready and retries every "
                            + "{} s): {}",
                    RETRY_AFTER.toSeconds(),
                    e.getMessage());
            failure = e;
            failedAt = now;
            throw e;
        }
    }

    /** The key id in a ciphertext's Tink prefix, unsigned. */
    static long keyId(byte[] ciphertext) {
        if (ciphertext.length <= PREFIX_BYTES || ciphertext[0] != TINK_PREFIX) {
            throw new SecretUnreadable("The ciphertext carries no Tink key id prefix.");
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
    }

    private interface Decryption {
        byte[] run() throws GeneralSecurityException;
    }

    private static String open(Decryption decryption, String key) {
        try {
            return new String(decryption.run(), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadable("The secret does not decrypt with " + key + ": it was altered, or belongs to "
                    + "another sandbox or name.");
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
