package dev.demoportal.notification;

import dev.demoportal.notification.WebhookSummary.Format;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code webhook_endpoint}: the secret only as ciphertext. */
@Component
class WebhookRepository {

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(WebhookSummary webhook, byte[] secretCiphertext, @Nullable UUID createdBy) {
        jdbc.sql("""
                        insert into webhook_endpoint (id, name, url, kinds, format, secret_ciphertext, active,
                            created_by, created_at)
                        values (?, ?, ?, ?::text[], ?, ?, ?, ?, ?)""")
                .params(
                        webhook.id(),
                        webhook.name(),
                        webhook.url(),
                        arrayLiteral(webhook.kinds()),
                        webhook.format().name(),
                        secretCiphertext,
                        webhook.active(),
                        createdBy,
                        Timestamp.from(webhook.createdAt()))
                .update();
    }

    List<WebhookSummary> all() {
        return jdbc.sql("select * from webhook_endpoint order by name, created_at")
                .query((rs, i) -> view(rs))
                .list();
    }

    /** Active endpoints that subscribed to {@code kind}. */
    List<WebhookSummary> subscribedTo(NotificationKind kind) {
        return jdbc.sql("select * from webhook_endpoint where active and ? = any(kinds) order by created_at")
                .param(kind.key())
                .query((rs, i) -> view(rs))
                .list();
    }

    Optional<WebhookSummary> find(UUID id) {
        return jdbc.sql("select * from webhook_endpoint where id = ?")
                .param(id)
                .query((rs, i) -> view(rs))
                .optional();
    }

    Optional<byte[]> secret(UUID id) {
        return jdbc.sql("select secret_ciphertext from webhook_endpoint where id = ?")
                .param(id)
                .query(byte[].class)
                .optional();
    }

    boolean setActive(UUID id, boolean active) {
        return jdbc.sql("update webhook_endpoint set active = ? where id = ?")
                        .params(active, id)
                        .update()
                == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from webhook_endpoint where id = ?").param(id).update() == 1;
    }

    private static WebhookSummary view(ResultSet rs) throws SQLException {
        Array kinds = rs.getArray("kinds");
        Set<NotificationKind> parsed = Arrays.stream((String[]) kinds.getArray())
                .map(NotificationKind::byKey)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        return new WebhookSummary(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("url"),
                parsed,
                Format.valueOf(rs.getString("format")),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static String arrayLiteral(Set<NotificationKind> kinds) {
        // keys are [a-z._] only: no quoting needed inside the array literal
        return kinds.stream().map(NotificationKind::key).sorted().collect(Collectors.joining(",", "{", "}"));
    }
}
