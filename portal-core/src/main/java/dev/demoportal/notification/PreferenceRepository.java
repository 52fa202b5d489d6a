package dev.demoportal.notification;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code notification_preference}: the choices people made, per kind and channel. */
@Component
class PreferenceRepository {

    /** One stored choice. */
    record Choice(UUID userId, String kind, NotificationChannel channel, boolean enabled) {}

    private final JdbcClient jdbc;

    PreferenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Choice> of(UUID userId) {
        return of(List.of(userId)).getOrDefault(userId, List.of());
    }

    /** The choices of {@code users} about {@code kind}, by user. */
    Map<UUID, List<Choice>> of(Collection<UUID> users, String kind) {
        Map<UUID, List<Choice>> byUser = new HashMap<>();
        if (users.isEmpty()) {
            return byUser;
        }
        jdbc.sql("select * from notification_preference where user_id in (:users) and kind = :kind")
                .param("users", users)
                .param("kind", kind)
                .query((rs, i) -> choice(rs))
                .list()
                .forEach(c -> byUser.computeIfAbsent(c.userId(), u -> new java.util.ArrayList<>())
                        .add(c));
        return byUser;
    }

    private Map<UUID, List<Choice>> of(Collection<UUID> users) {
        Map<UUID, List<Choice>> byUser = new HashMap<>();
        jdbc.sql("select * from notification_preference where user_id in (:users)")
                .param("users", users)
                .query((rs, i) -> choice(rs))
                .list()
                .forEach(c -> byUser.computeIfAbsent(c.userId(), u -> new java.util.ArrayList<>())
                        .add(c));
        return byUser;
    }

    void set(UUID userId, String kind, NotificationChannel channel, boolean enabled) {
        jdbc.sql("""
                        insert into notification_preference (user_id, kind, channel, enabled) values (?, ?, ?, ?)
                        on conflict (user_id, kind, channel) do update set enabled = excluded.enabled""").params(userId, kind, channel.name(), enabled).update();
    }

    private static Choice choice(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Choice(
                rs.getObject("user_id", UUID.class),
                rs.getString("kind"),
                NotificationChannel.valueOf(rs.getString("channel")),
                rs.getBoolean("enabled"));
    }
}
