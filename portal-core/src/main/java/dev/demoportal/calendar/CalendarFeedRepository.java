package dev.demoportal.calendar;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code calendar_feed}: one feed per person and scope, found by its token's hash. */
@Component
class CalendarFeedRepository {

    /** A stored feed. */
    record Feed(
            UUID id,
            UUID userId,
            @Nullable UUID environmentId,
            Instant createdAt,
            @Nullable Instant lastReadAt) {}

    private final JdbcClient jdbc;

    CalendarFeedRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the person's feed of that scope: the old URL stops working. */
    void replace(UUID id, UUID userId, @Nullable UUID environmentId, byte[] tokenHash, Instant now) {
        jdbc.sql("""
                        delete from calendar_feed where user_id = ?
                          and environment_id is not distinct from ?""").params(userId, environmentId).update();
        jdbc.sql("""
                        insert into calendar_feed (id, user_id, environment_id, token_hash, created_at)
                        values (?, ?, ?, ?, ?)""")
                .params(id, userId, environmentId, tokenHash, Timestamp.from(now))
                .update();
    }

    List<Feed> of(UUID userId) {
        return jdbc.sql("select * from calendar_feed where user_id = ? order by environment_id nulls first, created_at")
                .param(userId)
                .query((rs, i) -> feed(rs))
                .list();
    }

    Optional<Feed> byTokenHash(byte[] hash) {
        return jdbc.sql("select * from calendar_feed where token_hash = ?")
                .param(hash)
                .query((rs, i) -> feed(rs))
                .optional();
    }

    void read(UUID id, Instant now) {
        jdbc.sql("update calendar_feed set last_read_at = ? where id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    boolean delete(UUID id, UUID userId) {
        return jdbc.sql("delete from calendar_feed where id = ? and user_id = ?")
                        .params(id, userId)
                        .update()
                == 1;
    }

    private static Feed feed(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp read = rs.getTimestamp("last_read_at");
        return new Feed(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("environment_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                read == null ? null : read.toInstant());
    }
}
