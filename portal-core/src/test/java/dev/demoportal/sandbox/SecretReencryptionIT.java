package dev.demoportal.sandbox;

import static dev.demoportal.sandbox.TestKeysets.addKey;
import static dev.demoportal.sandbox.TestKeysets.generate;
import static dev.demoportal.sandbox.TestKeysets.primaryId;
import static dev.demoportal.sandbox.TestKeysets.promote;
import static dev.demoportal.sandbox.TestKeysets.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import dev.demoportal.base.SystemTask;
import dev.demoportal.sandbox.SecretReencryptionService.Reencryption;
import dev.demoportal.testing.PortalDatabaseTest;
import dev.demoportal.testing.SandboxRows;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Key rotation on the real table: a keyset gains a new primary key, old rows keep decrypting, the
 * re-encryption moves them (in batches, idempotently), and the old key can then leave. Each
 * "replica" here is a keyring over the keyset it would have been configured with.
 */
@SpringBootTest
@PortalDatabaseTest
class SecretReencryptionIT {

    private static final String LEGACY_KEY = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    SecretReencryptionService reencryption;

    private final Clock clock = Clock.fixed(NOW, java.time.ZoneOffset.UTC);
    private SandboxRows sandboxes;

    @BeforeEach
    void emptyTable() {
        sandboxes = new SandboxRows(dataSource);
        jdbc.sql("delete from sandbox_secret").update();
    }

    @Test
    void aNewPrimaryKeyTakesOverTheStoredSecretsAndTheOldKeyCanThenGo() {
        UUID shop = sandboxes.approvedSandbox(
                "sb-shop-" + UUID.randomUUID().toString().substring(0, 8), "emea");
        UUID bank = sandboxes.approvedSandbox(
                "sb-bank-" + UUID.randomUUID().toString().substring(0, 8), "emea");
        KeysetHandle a = generate();
        long keyA = primaryId(a);
        SandboxSecretRepository replicaOnA = secrets(a, null);
        replicaOnA.store(shop, Map.of("adminPassword", "s3cret", "kubeconfig", "apiVersion: v1"), NOW);
        replicaOnA.store(bank, Map.of("adminPassword", "bank-s3cret"), NOW);
        assertThat(keyIds()).containsOnly(keyA);

        // B added, then made primary: A's rows still decrypt on a replica with the new keyset
        KeysetHandle withB = addKey(a);
        long keyB = Integer.toUnsignedLong(withB.getAt(1).getId());
        KeysetHandle bPrimary = promote(withB, keyB);
        SandboxSecretRepository replicaOnB = secrets(bPrimary, null);
        assertThat(replicaOnB.reveal(shop))
                .containsExactly(
                        new RevealedSecret("adminPassword", "s3cret"),
                        new RevealedSecret("kubeconfig", "apiVersion: v1"));
        SecretReencryptionService job = service(replicaOnB, bPrimary, null, 2);
        assertThat(job.staleSecrets()).isEqualTo(3);

        // three rows in batches of two; then nothing left to do
        assertThat(job.reencrypt()).isEqualTo(new Reencryption(keyB, 3, 0, 0));
        assertThat(keyIds()).containsOnly(keyB);
        assertThat(job.reencrypt()).isEqualTo(new Reencryption(keyB, 0, 0, 0));
        assertThat(job.staleSecrets()).isZero();

        // A leaves the keyset: everything decrypts with B alone
        SandboxSecretRepository withoutA = secrets(remove(bPrimary, keyA), null);
        assertThat(withoutA.reveal(shop)).extracting(RevealedSecret::value).containsExactly("s3cret", "apiVersion: v1");
        assertThat(withoutA.reveal(bank)).extracting(RevealedSecret::value).containsExactly("bank-s3cret");
    }

    @Test
    void rowsFromBeforeTheKeysetMoveOnceAndAnUnreadableOneDoesNotStopTheRun() throws Exception {
        UUID old = sandboxes.approvedSandbox(
                "sb-old-" + UUID.randomUUID().toString().substring(0, 8), "emea");
        UUID lost = sandboxes.approvedSandbox(
                "sb-lost-" + UUID.randomUUID().toString().substring(0, 8), "emea");
        insertLegacy(old, "adminPassword", LEGACY_KEY, "old-s3cret");
        insertLegacy(old, "kubeconfig", LEGACY_KEY, "old-config");
        // written with a key nobody has any more
        insertLegacy(lost, "adminPassword", "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=", "gone");
        KeysetHandle keyset = generate();
        SandboxSecretRepository withLegacy = secrets(keyset, LEGACY_KEY);
        assertThat(withLegacy.reveal(old))
                .extracting(RevealedSecret::value)
                .containsExactly("old-s3cret", "old-config");

        Reencryption run = service(withLegacy, keyset, LEGACY_KEY, 1).reencrypt();

        assertThat(run).isEqualTo(new Reencryption(primaryId(keyset), 2, 1, 1));
        // the legacy key is no longer needed for what it could read
        assertThat(secrets(keyset, null).reveal(old))
                .extracting(RevealedSecret::value)
                .containsExactly("old-s3cret", "old-config");
        assertThat(jdbc.sql("select count(*) from sandbox_secret where key_id is null")
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void aCiphertextMovedToAnotherRowOrAWrongKeyIdIsRefused() {
        UUID shop = sandboxes.approvedSandbox(
                "sb-swap-a-" + UUID.randomUUID().toString().substring(0, 8), "emea");
        UUID bank = sandboxes.approvedSandbox(
                "sb-swap-b-" + UUID.randomUUID().toString().substring(0, 8), "emea");
        KeysetHandle keyset = generate();
        SandboxSecretRepository secrets = secrets(keyset, null);
        secrets.store(shop, Map.of("adminPassword", "shop-s3cret"), NOW);
        secrets.store(bank, Map.of("adminPassword", "bank-s3cret"), NOW);

        jdbc.sql("""
                update sandbox_secret set ciphertext = (select ciphertext from sandbox_secret where sandbox_id = :bank)
                where sandbox_id = :shop""").param("bank", bank).param("shop", shop).update();
        assertThatThrownBy(() -> secrets.reveal(shop)).isInstanceOf(SecretUnreadable.class);
        assertThat(secrets.reveal(bank)).extracting(RevealedSecret::value).containsExactly("bank-s3cret");

        // the database keeps the key id column and the ciphertext's prefix in step
        assertThatThrownBy(() -> jdbc.sql("update sandbox_secret set key_id = key_id + 1 where sandbox_id = ?")
                        .param(bank)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theJobRunsAsAnAdministratorOnly() {
        UUID shop = sandboxes.approvedSandbox(
                "sb-admin-" + UUID.randomUUID().toString().substring(0, 8), "emea");
        secrets(generate(), null).store(shop, Map.of("adminPassword", "s3cret"), NOW);

        assertThatThrownBy(() -> reencryption.reencrypt())
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        Reencryption run = SystemTask.run("key-rotation", List.of("ADMIN"), reencryption::reencrypt);

        // the application's keyset (test application.properties) does not hold the row's key: reported, kept
        assertThat(run).isEqualTo(new Reencryption(3462241916L, 0, 1, 1));
        assertThat(keyIds()).doesNotContain(3462241916L).hasSize(1);
    }

    private SandboxSecretRepository secrets(KeysetHandle keyset, @Nullable String legacyKey) {
        return new SandboxSecretRepository(jdbc, TestKeysets.keyring(keyset, legacyKey, clock));
    }

    private SecretReencryptionService service(
            SandboxSecretRepository secrets, KeysetHandle keyset, @Nullable String legacyKey, int batchSize) {
        SandboxKeyProperties properties = new SandboxKeyProperties(
                null, null, null, Path.of("unused"), legacyKey, Path.of("unused"), Duration.ofMinutes(10), batchSize);
        return new SecretReencryptionService(
                secrets, TestKeysets.keyring(keyset, legacyKey, clock), properties, transactions);
    }

    private List<Long> keyIds() {
        return jdbc.sql("select key_id from sandbox_secret").query(Long.class).list();
    }

    private void insertLegacy(UUID sandbox, String name, String key, String plain) throws Exception {
        jdbc.sql("insert into sandbox_secret (sandbox_id, name, ciphertext, created_at) values (?, ?, ?, ?)")
                .params(
                        sandbox,
                        name,
                        SandboxKeyringTest.legacyCiphertext(key, sandbox + ":" + name, plain),
                        java.sql.Timestamp.from(NOW))
                .update();
    }
}
