package dev.demoportal.slack;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code slack_channel_link}: Slack channels whose topic follows one environment or one region. */
@Component
class SlackChannelRepository {

    private final JdbcClient jdbc;

    SlackChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            UUID id,
            String channelId,
            @Nullable UUID environmentId,
            @Nullable String regionCode,
            @Nullable UUID by,
            Instant now) {
        jdbc.sql("""
                        insert into slack_channel_link (id, channel_id, environment_id, region_code, created_at,
                                                        created_by)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(id, channelId, environmentId, regionCode, Timestamp.from(now), by)
                .update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from slack_channel_link where id = ?").param(id).update() == 1;
    }

    boolean channelTaken(String channelId) {
        return jdbc.sql("select count(*) from slack_channel_link where channel_id = ?")
                        .param(channelId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Every link, with what it follows named. */
    List<SlackChannelLink> all() {
        return jdbc.sql("""
                        select l.*, e.name as environment_name, coalesce(r.name, er.name) as region_name
                          from slack_channel_link l
                          left join shared_environment e on e.id = l.environment_id
                          left join region er on er.code = e.region_code
                          left join region r on r.code = l.region_code
                         order by l.created_at""").query((rs, i) -> link(rs)).list();
    }

    void synced(UUID id, String topic, Instant at) {
        jdbc.sql("update slack_channel_link set last_topic = ?, last_error = null, synced_at = ? where id = ?")
                .params(topic, Timestamp.from(at), id)
                .update();
    }

    void failed(UUID id, String error) {
        jdbc.sql("update slack_channel_link set last_error = ? where id = ?")
                .params(error, id)
                .update();
    }

    private static SlackChannelLink link(ResultSet rs) throws SQLException {
        Timestamp synced = rs.getTimestamp("synced_at");
        String target = rs.getString("environment_name") != null
                ? rs.getString("environment_name")
                : rs.getString("region_name");
        return new SlackChannelLink(
                rs.getObject("id", UUID.class),
                rs.getString("channel_id"),
                rs.getObject("environment_id", UUID.class),
                rs.getString("region_code"),
                target == null ? "?" : target,
                rs.getString("last_topic"),
                rs.getString("last_error"),
                synced == null ? null : synced.toInstant());
    }
}
