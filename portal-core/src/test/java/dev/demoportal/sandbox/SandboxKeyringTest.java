package dev.demoportal.sandbox;

import static dev.demoportal.sandbox.TestKeysets.addKey;
import static dev.demoportal.sandbox.TestKeysets.generate;
import static dev.demoportal.sandbox.TestKeysets.keyring;
import static dev.demoportal.sandbox.TestKeysets.primaryId;
import static dev.demoportal.sandbox.TestKeysets.promote;
import static dev.demoportal.sandbox.TestKeysets.properties;
import static dev.demoportal.sandbox.TestKeysets.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AesGcmParameters;
import dev.demoportal.MutableClock;
import dev.demoportal.sandbox.SandboxKeyring.Sealed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class SandboxKeyringTest {

    private static final String ROW = "6f1c2d3e-0000-4000-8000-000000000001:adminPassword";
    private static final String OTHER_ROW = "6f1c2d3e-0000-4000-8000-000000000002:adminPassword";
    /** 32 bytes of 0x42: the fixed test key earlier versions' tests used. */
    private static final String LEGACY_KEY = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));

    @Test
    void everyCiphertextCarriesThePrimaryKeyIdAndDecryptsOnlyForItsRow() {
        KeysetHandle keyset = generate();
        SandboxKeyring keyring = keyring(keyset, null, clock);

        Sealed once = keyring.encrypt(ROW, "s3cret");
        Sealed twice = keyring.encrypt(ROW, "s3cret");

        assertThat(once.keyId()).isEqualTo(primaryId(keyset)).isEqualTo(keyring.primaryKeyId());
        // Tink's prefix: version byte 0x01, then the key id big-endian
        assertThat(once.ciphertext()[0]).isEqualTo((byte) 1);
        assertThat(Integer.toUnsignedLong(
                        ByteBuffer.wrap(once.ciphertext(), 1, 4).getInt()))
                .isEqualTo(once.keyId());
        assertThat(once.ciphertext()).isNotEqualTo(twice.ciphertext());
        assertThat(new String(once.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(keyring.decrypt(ROW, once.ciphertext(), once.keyId())).isEqualTo("s3cret");

        // copied to another sandbox's row, it does not decrypt
        assertThatThrownBy(() -> keyring.decrypt(OTHER_ROW, once.ciphertext(), once.keyId()))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("belongs to another sandbox or name");
        // nor with another keyset
        assertThatThrownBy(() -> keyring(generate(), null, clock).decrypt(ROW, once.ciphertext(), once.keyId()))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("no longer holds");
    }

    @Test
    void aTamperedCiphertextOrKeyIdIsRefused() {
        SandboxKeyring keyring = keyring(generate(), null, clock);
        Sealed sealed = keyring.encrypt(ROW, "s3cret");

        byte[] flipped = sealed.ciphertext().clone();
        flipped[flipped.length - 1] ^= 1;
        assertThatThrownBy(() -> keyring.decrypt(ROW, flipped, sealed.keyId())).isInstanceOf(SecretUnreadable.class);
        byte[] cut = Arrays.copyOf(sealed.ciphertext(), sealed.ciphertext().length - 1);
        assertThatThrownBy(() -> keyring.decrypt(ROW, cut, sealed.keyId())).isInstanceOf(SecretUnreadable.class);
        // the row's key id must be the one in the ciphertext
        assertThatThrownBy(() -> keyring.decrypt(ROW, sealed.ciphertext(), sealed.keyId() + 1))
                .isInstanceOf(SecretUnreadable.class);
        // a Tink ciphertext stored as a legacy row is not read with the legacy key either
        assertThatThrownBy(() -> keyring.decrypt(ROW, sealed.ciphertext(), null))
                .isInstanceOf(SecretUnreadable.class);
    }

    @Test
    void aNewPrimaryKeyReadsWhatTheOldOneWroteAndTheOldKeyCanGoOnceNothingUsesIt() {
        KeysetHandle a = generate();
        long keyA = primaryId(a);
        Sealed underA = keyring(a, null, clock).encrypt(ROW, "s3cret");

        // step 1: add B everywhere, A still primary: nothing changes for writers
        KeysetHandle withB = addKey(a);
        long keyB = withB.getAt(1).getId() & 0xffffffffL;
        assertThat(keyring(withB, null, clock).encrypt(ROW, "x").keyId()).isEqualTo(keyA);
        // step 2: B becomes primary; A's rows still decrypt, new ones are under B
        KeysetHandle bPrimary = promote(withB, keyB);
        SandboxKeyring rotated = keyring(bPrimary, null, clock);
        assertThat(rotated.primaryKeyId()).isEqualTo(keyB);
        assertThat(rotated.decrypt(ROW, underA.ciphertext(), keyA)).isEqualTo("s3cret");
        Sealed underB = rotated.encrypt(ROW, "s3cret");
        assertThat(underB.keyId()).isEqualTo(keyB);
        // an old replica (A primary, B known) reads what the new ones write during the rollout
        assertThat(keyring(withB, null, clock).decrypt(ROW, underB.ciphertext(), keyB))
                .isEqualTo("s3cret");

        // step 3 (after re-encryption): A leaves; B's rows decrypt, a row left under A is reported, not misread
        SandboxKeyring withoutA = keyring(remove(bPrimary, keyA), null, clock);
        assertThat(withoutA.decrypt(ROW, underB.ciphertext(), keyB)).isEqualTo("s3cret");
        assertThatThrownBy(() -> withoutA.decrypt(ROW, underA.ciphertext(), keyA))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("key " + keyA);
    }

    @Test
    void rowsFromBeforeTheKeysetAreReadWithTheLegacyKeyOnly() throws Exception {
        byte[] legacy = legacyCiphertext(LEGACY_KEY, ROW, "old-s3cret");

        SandboxKeyring withLegacy = keyring(generate(), LEGACY_KEY, clock);
        assertThat(withLegacy.decrypt(ROW, legacy, null)).isEqualTo("old-s3cret");
        assertThatThrownBy(() -> withLegacy.decrypt(OTHER_ROW, legacy, null)).isInstanceOf(SecretUnreadable.class);
        // the legacy key never encrypts
        assertThat(withLegacy.encrypt(ROW, "new").ciphertext()[0]).isEqualTo((byte) 1);

        assertThatThrownBy(() -> keyring(generate(), null, clock).decrypt(ROW, legacy, null))
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("portal.sandbox.keys.legacy-key");
        assertThatThrownBy(() -> SandboxKeysets.legacyAead("c2hvcnQ=", "portal.sandbox.keys.legacy-key"))
                .isInstanceOf(SandboxKeysUnavailable.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void withoutAKeysetOutsideLocalModeTheKeysAreUnavailableAndNothingIsWritten(@TempDir Path dir) {
        SandboxKeyProperties properties = properties(null, null, dir, null);
        SandboxKeyring keyring =
                new SandboxKeyring(() -> SandboxKeysets.load(properties, TestKeysets.none(), false), clock);

        assertThatThrownBy(() -> keyring.encrypt(ROW, "s3cret"))
                .isInstanceOf(SandboxKeysUnavailable.class)
                .hasMessageContaining("portal.sandbox.keys.keyset is not set");
        Health health = new SandboxKeysHealthIndicator(keyring).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("PORTAL_SANDBOX_KEYS_KEYSET");
        assertThat(dir.resolve(".local")).doesNotExist();
    }

    @Test
    void aFailedLoadIsRetriedAfterAPauseSoATransientKmsOutageHealsWithoutARestart() {
        KeysetHandle keyset = generate();
        AtomicInteger attempts = new AtomicInteger();
        SandboxKeyring keyring = new SandboxKeyring(
                () -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new SandboxKeysUnavailable("The KMS key is unreachable");
                    }
                    return SandboxKeysets.keys(keyset, "test keyset", null);
                },
                clock);
        SandboxKeysHealthIndicator health = new SandboxKeysHealthIndicator(keyring);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        clock.advance(SandboxKeyring.RETRY_AFTER.minusSeconds(1));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(attempts).as("no KMS call on every probe").hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        Health up = health.health();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails())
                .containsEntry("primaryKeyId", primaryId(keyset))
                .containsEntry("keyIds", List.of(primaryId(keyset)));
        assertThat(up.getDetails().toString()).doesNotContain(keyMaterial(keyset));
        assertThat(attempts).hasValue(2);
    }

    @Test
    void localModeGeneratesAKeysetReadableByItsOwnerOnlyAndKeepsIt(@TempDir Path dir) throws Exception {
        SandboxKeyProperties properties = properties(null, null, dir, null);
        Path file = properties.localKeysetFile();

        long first = SandboxKeysets.load(properties, TestKeysets.none(), true).primaryKeyId();
        long again = SandboxKeysets.load(properties, TestKeysets.none(), true).primaryKeyId();

        assertThat(again).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(file)).contains("\"primaryKeyId\":" + first);

        // a checkout that ran an earlier version keeps reading what that version's local key wrote
        Files.writeString(properties.localLegacyKeyFile(), LEGACY_KEY);
        SandboxKeyring keyring =
                new SandboxKeyring(() -> SandboxKeysets.load(properties, TestKeysets.none(), true), clock);
        assertThat(keyring.decrypt(ROW, legacyCiphertext(LEGACY_KEY, ROW, "old"), null))
                .isEqualTo("old");
    }

    @Test
    void aKeysetWrappedByTheKmsKeyIsUnwrappedOnlyWithThatKey(@TempDir Path dir) {
        KeysetHandle keyset = generate();
        var kek = TestKeysets.aead(generate());
        String uri = "test-kms://keys/sandbox";
        String wrapped = TestKeysets.wrappedJson(keyset, kek);
        assertThat(wrapped).contains("encryptedKeyset").doesNotContain(keyMaterial(keyset));

        var loaded = SandboxKeysets.load(
                properties(wrapped, uri, dir, null), List.of(TestKeysets.inProcessKms(uri, kek)), false);
        assertThat(loaded.primaryKeyId()).isEqualTo(primaryId(keyset));
        assertThat(loaded.source()).contains(uri);

        var otherKek = TestKeysets.inProcessKms(uri, TestKeysets.aead(generate()));
        assertThatThrownBy(() -> SandboxKeysets.load(properties(wrapped, uri, dir, null), List.of(otherKek), false))
                .isInstanceOf(SandboxKeysUnavailable.class)
                .hasMessageContaining("could not be decrypted with the KMS key");
        assertThatThrownBy(() -> SandboxKeysets.load(
                        properties(wrapped, "aws-kms://arn:aws:kms:eu-west-1:1:key/x", dir, null),
                        TestKeysets.none(),
                        false))
                .isInstanceOf(SandboxKeysUnavailable.class)
                .hasMessageContaining("names no KMS");
    }

    @Test
    void configurationMistakesAreRefusedWithoutQuotingTheKeyset(@TempDir Path dir) throws Exception {
        KeysetHandle keyset = generate();
        String clear = TestKeysets.cleartextJson(keyset);
        var kek = TestKeysets.aead(generate());
        String uri = "test-kms://keys/sandbox";

        // a KMS key is named but the keyset is in clear: refused rather than silently trusted
        assertThatThrownBy(() -> SandboxKeysets.load(
                        properties(clear, uri, dir, null), List.of(TestKeysets.inProcessKms(uri, kek)), false))
                .isInstanceOf(SandboxKeysUnavailable.class)
                .hasMessageContaining("not encrypted")
                .message()
                .doesNotContain(keyMaterial(keyset));
        // a wrapped keyset without its KMS key
        assertThatThrownBy(() -> SandboxKeysets.load(
                        properties(TestKeysets.wrappedJson(keyset, kek), null, dir, null), TestKeysets.none(), false))
                .isInstanceOf(SandboxKeysUnavailable.class)
                .hasMessageContaining("kms-key-uri is not set");
        // not JSON at all (a base64 AES key where the keyset belongs)
        assertThatThrownBy(
                        () -> SandboxKeysets.load(properties(LEGACY_KEY, null, dir, null), TestKeysets.none(), false))
                .isInstanceOf(SandboxKeysUnavailable.class)
                .hasMessageContaining("not a Tink keyset")
                .message()
                .doesNotContain(LEGACY_KEY);
        // a primary key whose ciphertexts would not name it
        KeysetHandle raw = KeysetHandle.generateNew(AesGcmParameters.builder()
                .setKeySizeBytes(32)
                .setIvSizeBytes(12)
                .setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                .build());
        assertThatThrownBy(() -> SandboxKeysets.load(
                        properties(TestKeysets.cleartextJson(raw), null, dir, null), TestKeysets.none(), false))
                .isInstanceOf(SandboxKeysUnavailable.class)
                .hasMessageContaining("TINK-prefixed");
    }

    @Test
    void thePropertiesNeverPrintKeyMaterial(@TempDir Path dir) {
        String clear = TestKeysets.cleartextJson(generate());
        String printed = properties(clear, null, dir, LEGACY_KEY).toString();

        assertThat(printed)
                .doesNotContain(clear)
                .doesNotContain(LEGACY_KEY)
                .contains("keyset=(set)", "legacyKey=(set)");
    }

    /** What the hand-written cipher of earlier versions stored: AES-256-GCM, nonce || ciphertext || tag. */
    static byte[] legacyCiphertext(String base64Key, String associated, String plain) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
                new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce)
                .put(sealed)
                .array();
    }

    /** The base64 key value inside a cleartext keyset's JSON. */
    private static String keyMaterial(KeysetHandle keyset) {
        String json = TestKeysets.cleartextJson(keyset);
        int start = json.indexOf("\"value\":\"") + 9;
        return json.substring(start, json.indexOf('"', start));
    }
}
