package dev.demoportal.sandbox;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes {@code sandbox_secret}: ciphertext only, bound to its sandbox and name. */
@Component
class SandboxSecrets {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    SandboxSecrets(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    void store(UUID sandboxId, Map<String, String> secrets, java.time.Instant now) {
        secrets.forEach((name, value) -> jdbc.sql("""
                        insert into sandbox_secret (sandbox_id, name, ciphertext, created_at) values (?, ?, ?, ?)
                        on conflict (sandbox_id, name) do update set ciphertext = excluded.ciphertext,
                            created_at = excluded.created_at""")
                .params(sandboxId, name, cipher.encrypt(sandboxId + ":" + name, value),
                        java.sql.Timestamp.from(now))
                .update());
    }

    List<String> names(UUID sandboxId) {
        return jdbc.sql("select name from sandbox_secret where sandbox_id = ? order by name").param(sandboxId)
                .query(String.class).list();
    }

    Map<UUID, List<String>> names(List<UUID> sandboxIds) {
        if (sandboxIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<String>> byId = new java.util.HashMap<>();
        jdbc.sql("select sandbox_id, name from sandbox_secret where sandbox_id in (:ids) order by name")
                .param("ids", sandboxIds)
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list()
                .forEach(e -> byId.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        return byId;
    }

    List<RevealedSecret> reveal(UUID sandboxId) {
        return jdbc.sql("select name, ciphertext from sandbox_secret where sandbox_id = ? order by name")
                .param(sandboxId)
                .query((rs, i) -> new RevealedSecret(rs.getString(1),
                        cipher.decrypt(sandboxId + ":" + rs.getString(1), rs.getBytes(2))))
                .list();
    }

    /** Gone with the sandbox: a torn-down sandbox keeps no credentials. */
    void forget(UUID sandboxId) {
        jdbc.sql("delete from sandbox_secret where sandbox_id = ?").param(sandboxId).update();
    }
}
