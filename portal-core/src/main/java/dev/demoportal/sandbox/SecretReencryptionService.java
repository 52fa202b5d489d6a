package dev.demoportal.sandbox;

import dev.demoportal.base.Transactions;
import dev.demoportal.sandbox.SandboxSecretRepository.Stored;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves stored sandbox secrets to the keyset's primary key: after a new primary key is rolled out,
 * and once for rows written by the single key of earlier versions (read with the legacy key). Run
 * by the worker on a fixed delay; batches of {@code portal.sandbox.keys.reencryption-batch-size},
 * one transaction each. Idempotent: a secret already under the primary key is never touched, and a
 * run that stops half-way leaves every row readable (each row is replaced whole). A secret that
 * does not decrypt is counted and left as it is; it never stops the others.
 */
@Service
public class SecretReencryptionService {

    private static final Logger log = LoggerFactory.getLogger(SecretReencryptionService.class);

    /**
     * What one run did.
     *
     * @param primaryKeyId the key secrets were moved to
     * @param reencrypted secrets moved to it in this run
     * @param unreadable secrets that did not decrypt (their key is gone, or the legacy key is not set)
     * @param remaining secrets still under another key or the legacy key after the run
     */
    public record Reencryption(long primaryKeyId, int reencrypted, int unreadable, int remaining) {}

    private final SandboxSecretRepository secrets;
    private final SandboxKeyring keyring;
    private final SandboxKeyProperties properties;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    SecretReencryptionService(
            SandboxSecretRepository secrets,
            SandboxKeyring keyring,
            SandboxKeyProperties properties,
            PlatformTransactionManager transactions) {
        this.secrets = secrets;
        this.keyring = keyring;
        this.properties = properties;
        this.tx = Transactions.own(transactions);
        this.readOnly = Transactions.readOnly(transactions);
    }

    /** Re-encrypts every readable secret that is not under the primary key. */
    @PreAuthorize("hasRole('ADMIN')")
    public Reencryption reencrypt() {
        long primary = keyring.primaryKeyId();
        int batchSize = properties.reencryptionBatchSize();
        int moved = 0;
        int unreadable = 0;
        @Nullable UUID afterSandbox = null;
        String afterName = "";
        while (true) {
            UUID from = afterSandbox;
            String fromName = afterName;
            Batch batch = tx.execute(s -> batch(primary, from, fromName, batchSize));
            moved += batch.moved();
            unreadable += batch.unreadable();
            if (batch.rows() < batchSize) {
                break;
            }
            afterSandbox = batch.lastSandbox();
            afterName = batch.lastName();
        }
        int remaining = staleSecrets(primary);
        if (moved > 0 || unreadable > 0) {
            log.info(
                    "Sandbox secrets re-encrypted to key {}: {} moved, {} unreadable, {} not under it now",
                    primary,
                    moved,
                    unreadable,
                    remaining);
        }
        return new Reencryption(primary, moved, unreadable, remaining);
    }

    private record Batch(
            int rows, int moved, int unreadable, @Nullable UUID lastSandbox, String lastName) {}

    private Batch batch(long primary, @Nullable UUID afterSandbox, String afterName, int limit) {
        List<Stored> rows = secrets.notUnder(primary, afterSandbox, afterName, limit);
        int moved = 0;
        int unreadable = 0;
        for (Stored row : rows) {
            String plain;
            try {
                plain = secrets.open(row);
            } catch (SecretUnreadable e) {
                unreadable++;
                log.warn(
                        "Sandbox {} secret {} (key {}) is not re-encrypted: {}",
                        row.sandboxId(),
                        row.name(),
                        row.keyId() == null ? "legacy" : row.keyId(),
                        e.getMessage());
                continue;
            }
            secrets.reseal(row, plain);
            moved++;
        }
        Stored last = rows.isEmpty() ? null : rows.getLast();
        return new Batch(
                rows.size(),
                moved,
                unreadable,
                last == null ? null : last.sandboxId(),
                last == null ? "" : last.name());
    }

    /**
     * Secrets not under this replica's primary key, legacy ones included; NaN while the keys are
     * unavailable. For the {@code portal.sandbox.secrets.stale} gauge: zero means an old key can go.
     */
    double staleSecrets() {
        try {
            return staleSecrets(keyring.primaryKeyId());
        } catch (SandboxKeysUnavailable e) {
            return Double.NaN;
        }
    }

    private int staleSecrets(long primary) {
        Map<@Nullable Long, Integer> byKey = readOnly.execute(s -> secrets.countByKey());
        return byKey.entrySet().stream()
                .filter(e -> e.getKey() == null || e.getKey() != primary)
                .mapToInt(Map.Entry::getValue)
                .sum();
    }
}
