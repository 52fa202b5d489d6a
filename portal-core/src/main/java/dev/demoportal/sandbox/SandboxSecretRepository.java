package dev.demoportal.sandbox;

import dev.demoportal.sandbox.SandboxKeyring.Sealed;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and writes {@code sandbox_secret}: ciphertext only, bound to its sandbox and name, with the
 * id of the key that sealed it (null: the single key of versions before the keyset).
 */
@Component
class SandboxSecretRepository {

    private final JdbcClient jdbc;
    private final SandboxKeyring keyring;

    SandboxSecretRepository(JdbcClient jdbc, SandboxKeyring keyring) {
        this.jdbc = jdbc;
        this.keyring = keyring;
    }

    /** Stores the secrets (replacing any of the same names), all in one statement. */
    void store(UUID sandboxId, Map<String, String> secrets, Instant now) {
        if (secrets.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        secrets.forEach((name, value) -> {
            Sealed sealed = keyring.encrypt(associated(sandboxId, name), value);
            // the key id may be null (the legacy single key): no List.of
            params.add(sandboxId);
            params.add(name);
            params.add(sealed.ciphertext());
            params.add(sealed.keyId());
            params.add(Timestamp.from(now));
        });
        String rows = String.join(", ", Collections.nCopies(secrets.size(), "(?, ?, ?, ?, ?)"));
        jdbc.sql("""
                        insert into sandbox_secret (sandbox_id, name, ciphertext, key_id, created_at)
                        values %s
                        on conflict (sandbox_id, name) do update set ciphertext = excluded.ciphertext,
                            key_id = excluded.key_id, created_at = excluded.created_at""".formatted(rows)).params(params).update();
    }

    List<String> names(UUID sandboxId) {
        return jdbc.sql("select name from sandbox_secret where sandbox_id = ? order by name")
                .param(sandboxId)
                .query(String.class)
                .list();
    }

    Map<UUID, List<String>> names(List<UUID> sandboxIds) {
        if (sandboxIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<String>> byId = new HashMap<>();
        jdbc.sql("select sandbox_id, name from sandbox_secret where sandbox_id in (:ids) order by name")
                .param("ids", sandboxIds)
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list()
                .forEach(e ->
                        byId.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return byId;
    }

    List<RevealedSecret> reveal(UUID sandboxId) {
        return jdbc.sql("select name, ciphertext, key_id from sandbox_secret where sandbox_id = ? order by name")
                .param(sandboxId)
                .query((rs, i) -> new RevealedSecret(
                        rs.getString(1),
                        keyring.decrypt(
                                associated(sandboxId, rs.getString(1)), rs.getBytes(2), rs.getObject(3, Long.class))))
                .list();
    }

    java.util.Optional<RevealedSecret> reveal(UUID sandboxId, String name) {
        return jdbc.sql("select ciphertext, key_id from sandbox_secret where sandbox_id = ? and name = ?")
                .params(sandboxId, name)
                .query((rs, i) -> new RevealedSecret(
                        name,
                        keyring.decrypt(associated(sandboxId, name), rs.getBytes(1), rs.getObject(2, Long.class))))
                .optional();
    }

    /** Gone with the sandbox: a torn-down sandbox keeps no credentials. */
    void forget(UUID sandboxId) {
        jdbc.sql("delete from sandbox_secret where sandbox_id = ?")
                .param(sandboxId)
                .update();
    }

    // ---- re-encryption -------------------------------------------------------------------------

    /** A stored secret as it is, for re-encryption. */
    record Stored(
            UUID sandboxId,
            String name,
            byte[] ciphertext,
            @Nullable Long keyId) {}

    /**
     * Up to {@code limit} secrets not under key {@code primaryKeyId}, after {@code (afterSandbox,
     * afterName)} in key order, locked for this transaction; rows another transaction holds are
     * skipped (they are being written, so they will be under the primary key).
     */
    List<Stored> notUnder(long primaryKeyId, @Nullable UUID afterSandbox, String afterName, int limit) {
        return jdbc.sql("""
                        select sandbox_id, name, ciphertext, key_id from sandbox_secret
                        where key_id is distinct from :primary
                          and (cast(:afterSandbox as uuid) is null or (sandbox_id, name) > (cast(:afterSandbox as uuid), :afterName))
                        order by sandbox_id, name
                        limit :limit
                        for update skip locked""")
                .param("primary", primaryKeyId)
                .param("afterSandbox", afterSandbox)
                .param("afterName", afterName)
                .param("limit", limit)
                .query((rs, i) -> new Stored(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3), rs.getObject(4, Long.class)))
                .list();
    }

    /** Seals {@code secret}'s plain text again under the primary key, in place. */
    void reseal(Stored secret, String plain) {
        Sealed sealed = keyring.encrypt(associated(secret.sandboxId(), secret.name()), plain);
        jdbc.sql("update sandbox_secret set ciphertext = ?, key_id = ? where sandbox_id = ? and name = ?")
                .params(sealed.ciphertext(), sealed.keyId(), secret.sandboxId(), secret.name())
                .update();
    }

    String open(Stored secret) {
        return keyring.decrypt(associated(secret.sandboxId(), secret.name()), secret.ciphertext(), secret.keyId());
    }

    /** How many secrets are under each key (null: the legacy key), for the re-encryption report. */
    Map<@Nullable Long, Integer> countByKey() {
        Map<@Nullable Long, Integer> counts = new HashMap<>();
        jdbc.sql("select key_id, count(*) from sandbox_secret group by key_id").query(rs -> {
            counts.put(rs.getObject(1, Long.class), rs.getInt(2));
        });
        return counts;
    }

    /** What binds a ciphertext to its row. Unchanged since the first version: legacy rows still decrypt. */
    private static String associated(UUID sandboxId, String name) {
        return sandboxId + ":" + name;
    }
}
