package dev.demoportal.sandbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes {@code sandbox_extension_request}. */
@Component
class ExtensionRequestRepository {

    /** One row, as stored. */
    record Row(
            UUID id,
            UUID sandboxId,
            int hours,
            String reason,
            UUID requestedBy,
            Instant requestedAt,
            ExtensionRequestStatus status,
            @Nullable UUID decidedBy,
            @Nullable Instant decidedAt,
            @Nullable String decisionNote) {

        /** The state a decision moves it to; refused unless {@link ExtensionRequestStatus#next()} allows it. */
        ExtensionRequestStatus decided(boolean approved) {
            ExtensionRequestStatus to = approved ? ExtensionRequestStatus.APPROVED : ExtensionRequestStatus.REJECTED;
            if (!status.canMoveTo(to)) {
                throw new ExtensionRequestNotWaiting(status, to);
            }
            return to;
        }
    }

    private static final String SELECT = """
            select id, sandbox_id, hours, reason, requested_by, requested_at, status, decided_by, decided_at,
                   decision_note from sandbox_extension_request""";

    private final JdbcClient jdbc;

    ExtensionRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID sandboxId, int hours, String reason, UUID requestedBy, Instant now) {
        jdbc.sql("""
                        insert into sandbox_extension_request (id, sandbox_id, hours, reason, requested_by, requested_at,
                            status) values (?, ?, ?, ?, ?, ?, 'REQUESTED')""")
                .params(id, sandboxId, hours, reason, requestedBy, Timestamp.from(now))
                .update();
    }

    /** Locks the row: two people deciding at once are served one after the other. */
    Optional<Row> lock(UUID id) {
        return jdbc.sql(SELECT + " where id = ? for update")
                .param(id)
                .query(ExtensionRequestRepository::row)
                .optional();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?")
                .param(id)
                .query(ExtensionRequestRepository::row)
                .optional();
    }

    Optional<Row> open(UUID sandboxId) {
        return jdbc.sql(SELECT + " where sandbox_id = ? and status = 'REQUESTED'")
                .param(sandboxId)
                .query(ExtensionRequestRepository::row)
                .optional();
    }

    List<Row> waiting() {
        return jdbc.sql(SELECT + " where status = 'REQUESTED' order by requested_at")
                .query(ExtensionRequestRepository::row)
                .list();
    }

    /** Records a decision on a row read with {@link #lock}; the row refuses it unless it is waiting. */
    void decide(Row request, boolean approved, UUID by, @Nullable String note, Instant now) {
        ExtensionRequestStatus to = request.decided(approved);
        jdbc.sql("""
                        update sandbox_extension_request set status = ?, decided_by = ?, decided_at = ?, decision_note = ?
                        where id = ? and status = 'REQUESTED'""")
                .params(to.name(), by, Timestamp.from(now), note, request.id())
                .update();
    }

    /** A sandbox that is no longer ready has nothing to extend: its open request is closed with it. */
    void closeOpen(UUID sandboxId, Instant now) {
        jdbc.sql("""
                        update sandbox_extension_request set status = 'REJECTED', decided_at = ?,
                            decision_note = 'The sandbox is no longer running'
                        where sandbox_id = ? and status = 'REQUESTED'""").params(Timestamp.from(now), sandboxId).update();
    }

    private static Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("sandbox_id", UUID.class),
                rs.getInt("hours"),
                rs.getString("reason"),
                rs.getObject("requested_by", UUID.class),
                rs.getTimestamp("requested_at").toInstant(),
                ExtensionRequestStatus.valueOf(rs.getString("status")),
                rs.getObject("decided_by", UUID.class),
                decided == null ? null : decided.toInstant(),
                rs.getString("decision_note"));
    }
}
