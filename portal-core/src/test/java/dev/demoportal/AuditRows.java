package dev.demoportal;

import dev.demoportal.base.JsonMaps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads {@code audit_event} straight from the database, as an auditor would see it. */
public final class AuditRows {

    public record AuditRow(
            long id,
            Instant occurredAt,
            @Nullable UUID actorId,
            String actorName,
            String action,
            String targetType,
            String targetId,
            @Nullable UUID organisationId,
            Map<String, Object> details) {}

    private static final JsonMaps JSON = new JsonMaps();

    private final JdbcTemplate jdbc;

    public AuditRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Rows about one target, oldest first. */
    public List<AuditRow> about(String targetType, String targetId) {
        return jdbc.query(
                SELECT + " where target_type = ? and target_id = ? order by id",
                (rs, i) -> row(rs),
                targetType,
                targetId);
    }

    /** Rows with one action, oldest first. */
    public List<AuditRow> withAction(String action) {
        return jdbc.query(SELECT + " where action = ? order by id", (rs, i) -> row(rs), action);
    }

    public long count() {
        Long n = jdbc.queryForObject("select count(*) from audit_event", Long.class);
        return n == null ? 0 : n;
    }

    private static final String SELECT = """
            select id, occurred_at, actor_id, actor_name, action, target_type, target_id, organisation_id,
                   details::text as details
            from audit_event""";

    private static AuditRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AuditRow(
                rs.getLong("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_name"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getObject("organisation_id", UUID.class),
                JSON.convertToEntityAttribute(rs.getString("details")));
    }
}
