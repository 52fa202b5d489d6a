package dev.demoportal.notification;

import dev.demoportal.notification.OutboxEntry.Channel;
import dev.demoportal.notification.OutboxEntry.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code outbox_message}: written inside the causing transaction, claimed and updated by the worker. */
@Component
class OutboxRepository {

    /** A claimed message with what its delivery needs. */
    record Claimed(
            UUID id,
            Channel channel,
            String kind,
            String recipient,
            @Nullable UUID webhookId,
            String subject,
            String bodyText,
            @Nullable String bodyHtml,
            @Nullable String bodyBlocks,
            int attempts) {}

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            UUID id,
            Channel channel,
            String kind,
            String recipient,
            @Nullable UUID webhookId,
            String subject,
            String bodyText,
            @Nullable String bodyHtml,
            @Nullable String bodyBlocks,
            boolean sensitive,
            Status status,
            @Nullable String note,
            Instant now) {
        jdbc.sql("""
                        insert into outbox_message (id, channel, kind, recipient, webhook_id, subject, body_text,
                            body_html, body_blocks, sensitive, status, last_error, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        channel.name(),
                        kind,
                        recipient,
                        webhookId,
                        subject,
                        bodyText,
                        bodyHtml,
                        bodyBlocks,
                        sensitive,
                        status.name(),
                        note,
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    /**
     * Claims up to {@code limit} due messages for {@code lease}: another worker skips them until the
     * lease runs out, so a crashed worker's messages are tried again.
     */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        update outbox_message m set locked_until = :lease
                        where m.id in (select id from outbox_message
                                       where status in ('PENDING', 'RETRYING') and next_attempt_at <= :now
                                         and (locked_until is null or locked_until < :now)
                                       order by next_attempt_at limit :limit
                                       for update skip locked)
                        returning m.id, m.channel, m.kind, m.recipient, m.webhook_id, m.subject, m.body_text,
                            m.body_html, m.body_blocks::text as body_blocks, m.attempts""")
                .param("lease", Timestamp.from(leaseUntil))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, i) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        Channel.valueOf(rs.getString("channel")),
                        rs.getString("kind"),
                        rs.getString("recipient"),
                        rs.getObject("webhook_id", UUID.class),
                        rs.getString("subject"),
                        rs.getString("body_text"),
                        rs.getString("body_html"),
                        rs.getString("body_blocks"),
                        rs.getInt("attempts")))
                .list();
    }

    /** Sent: a message that carried a bearer link forgets its body. */
    void sent(UUID id, Instant now) {
        jdbc.sql("""
                        update outbox_message set status = 'SENT', attempts = attempts + 1, sent_at = ?,
                            locked_until = null, last_error = null,
                            body_text = case when sensitive then '' else body_text end,
                            body_html = case when sensitive then null else body_html end,
                            body_blocks = case when sensitive then null else body_blocks end
                        where id = ?""").params(Timestamp.from(now), id).update();
    }

    void failed(UUID id, String error, @Nullable Instant retryAt) {
        jdbc.sql("""
                        update outbox_message set attempts = attempts + 1, locked_until = null, last_error = ?,
                            status = ?, next_attempt_at = coalesce(?, next_attempt_at)
                        where id = ?""")
                .params(
                        error,
                        retryAt == null ? Status.FAILED.name() : Status.RETRYING.name(),
                        retryAt == null ? null : Timestamp.from(retryAt),
                        id)
                .update();
    }

    /** A failed message gets one more round of attempts, now. */
    boolean retry(UUID id, Instant now) {
        return jdbc.sql("""
                        update outbox_message set status = 'RETRYING', attempts = 0, next_attempt_at = ?
                        where id = ? and status = 'FAILED'""").params(Timestamp.from(now), id).update() == 1;
    }

    int forgetSentBefore(Instant before) {
        return jdbc.sql("delete from outbox_message where status in ('SENT', 'HELD') and created_at < ?")
                .param(Timestamp.from(before))
                .update();
    }

    List<OutboxEntry> recent(@Nullable Status status, @Nullable Channel channel, int offset, int limit) {
        return jdbc.sql("""
                        select * from outbox_message
                        where (cast(:status as text) is null or status = :status)
                          and (cast(:channel as text) is null or channel = :channel)
                        order by created_at desc, id offset :offset limit :limit""")
                .param("status", status == null ? null : status.name())
                .param("channel", channel == null ? null : channel.name())
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, i) -> entry(rs))
                .list();
    }

    long count(@Nullable Status status, @Nullable Channel channel) {
        return jdbc.sql("""
                        select count(*) from outbox_message
                        where (cast(:status as text) is null or status = :status)
                          and (cast(:channel as text) is null or channel = :channel)""")
                .param("status", status == null ? null : status.name())
                .param("channel", channel == null ? null : channel.name())
                .query(Long.class)
                .single();
    }

    Optional<OutboxEntry> find(UUID id) {
        return jdbc.sql("select * from outbox_message where id = ?")
                .param(id)
                .query((rs, i) -> entry(rs))
                .optional();
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        boolean sensitive = rs.getBoolean("sensitive");
        return new OutboxEntry(
                rs.getObject("id", UUID.class),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("kind"),
                rs.getString("recipient"),
                rs.getString("subject"),
                Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("next_attempt_at").toInstant(),
                instant(rs.getTimestamp("sent_at")),
                rs.getString("last_error"),
                sensitive ? null : rs.getString("body_text"),
                sensitive ? null : rs.getString("body_html"),
                sensitive ? null : rs.getString("body_blocks"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
