package dev.demoportal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class SecretCipherTest {

    private static final String KEY = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";

    private static SecretCipher cipher(String key, Path file, boolean local) {
        return new SecretCipher(new SandboxProperties(key, file, List.of(), java.time.Duration.ofHours(24)),
                new MockEnvironment().withProperty("portal.local.enabled", String.valueOf(local)));
    }

    @Test
    void encryptsWithAFreshNonceAndBindsTheValueToItsRow(@TempDir Path dir) {
        SecretCipher cipher = cipher(KEY, dir.resolve("unused"), false);

        byte[] once = cipher.encrypt("sandbox-1:adminPassword", "s3cret");
        byte[] twice = cipher.encrypt("sandbox-1:adminPassword", "s3cret");

        assertThat(once).isNotEqualTo(twice);
        assertThat(new String(once, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(cipher.decrypt("sandbox-1:adminPassword", once)).isEqualTo("s3cret");
        // copied to another sandbox's row, it does not decrypt
        assertThatThrownBy(() -> cipher.decrypt("sandbox-2:adminPassword", once))
                .isInstanceOf(IllegalStateException.class);
        // nor with another key
        assertThatThrownBy(() -> cipher("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", dir.resolve("x"), false)
                .decrypt("sandbox-1:adminPassword", once)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void localModeKeepsAGeneratedKeySoSecretsSurviveARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".local/sandbox-secret.key");
        byte[] sealed = cipher(null, file, true).encrypt("s:x", "value");

        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(cipher(null, file, true).decrypt("s:x", sealed)).isEqualTo("value");
    }

    @Test
    void withoutAKeyOutsideLocalModeNothingIsStoredOrRevealed(@TempDir Path dir) {
        SecretCipher cipher = cipher(null, dir.resolve("never-written"), false);

        assertThatThrownBy(() -> cipher.encrypt("s:x", "value")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("portal.sandbox.secret-key");
        assertThat(dir.resolve("never-written")).doesNotExist();
        // a key of the wrong length is refused at start-up, not used
        assertThatThrownBy(() -> cipher("c2hvcnQ=", dir, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
    }
}
