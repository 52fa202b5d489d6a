package dev.demoportal.base.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code api_idempotency_key} table. Each statement commits on its own: the key is claimed
 * before the endpoint runs, so a concurrent duplicate sees the claim, and the answer is stored
 * after the endpoint's own transaction has committed.
 */
@Component
class IdempotencyQueries {

    /** A stored first answer; {@code status} null while the first request still runs. */
    record Stored(
            String requestHash,
            @Nullable Integer status,
            @Nullable String contentType,
            @Nullable String location,
            @Nullable String body) {}

    private final JdbcClient jdbc;

    IdempotencyQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the key for this request; false when someone holds it already. */
    boolean claim(String principal, String key, String requestHash, Instant now, Instant expiresAt) {
        return jdbc.sql("""
                insert into api_idempotency_key (principal, key, request_hash, created_at, expires_at)
                values (:principal, :key, :hash, :now, :expires)
                on conflict (principal, key) do nothing""")
                        .param("principal", principal)
                        .param("key", key)
                        .param("hash", requestHash)
                        .param("now", Timestamp.from(now))
                        .param("expires", Timestamp.from(expiresAt))
                        .update()
                == 1;
    }

    Optional<Stored> find(String principal, String key) {
        return jdbc.sql("""
                select request_hash, status, content_type, location, body from api_idempotency_key
                where principal = :principal and key = :key""")
                .param("principal", principal)
                .param("key", key)
                .query((rs, n) -> new Stored(
                        rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
    }

    void complete(
            String principal,
            String key,
            int status,
            @Nullable String contentType,
            @Nullable String location,
            String body) {
        jdbc.sql("""
                update api_idempotency_key set status = :status, content_type = :type, location = :location,
                       body = :body
                where principal = :principal and key = :key""")
                .param("status", status)
                .param("type", contentType)
                .param("location", location)
                .param("body", body)
                .param("principal", principal)
                .param("key", key)
                .update();
    }

    /** Gives the key back: the first request failed on our side, so a retry may run it again. */
    void release(String principal, String key) {
        jdbc.sql("delete from api_idempotency_key where principal = :principal and key = :key and status is null")
                .param("principal", principal)
                .param("key", key)
                .update();
    }

    /** Forgets this key if it expired, or if its first request was abandoned (its replica died). */
    void forgetStale(String principal, String key, Instant now, Instant abandonedBefore) {
        jdbc.sql("""
                delete from api_idempotency_key
                where principal = :principal and key = :key
                  and (expires_at <= :now or (status is null and created_at < :abandoned))""")
                .param("principal", principal)
                .param("key", key)
                .param("now", Timestamp.from(now))
                .param("abandoned", Timestamp.from(abandonedBefore))
                .update();
    }

    int sweep(Instant now) {
        return jdbc.sql("delete from api_idempotency_key where expires_at <= :now")
                .param("now", Timestamp.from(now))
                .update();
    }
}
