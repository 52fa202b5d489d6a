package dev.demoportal.audit;

import dev.demoportal.base.JsonMaps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Searches the trail with plain SQL: filters become index-friendly conditions (time range on
 * {@code occurred_at}, organisation, action prefix), newest first; exports read through a cursor.
 * Text is searched in what the trail shows: target, details, actor, and the action in words.
 */
@Component
class AuditQueries {

    private static final String COLUMNS =
            "id, occurred_at, actor_id, actor_name, action, target_type, target_id, organisation_id, details::text";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final JsonMaps json = new JsonMaps();

    AuditQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1000);
    }

    /**
     * Appends one row to the trail in the caller's transaction: the trail's only write ({@link
     * AuditTrail}). Plain SQL rather than an entity: every change writes one, so it is on every
     * write path, and the entity's insert cost more than the change it records.
     */
    void append(
            Instant occurredAt,
            @Nullable UUID actorId,
            String actorName,
            String action,
            String targetType,
            String targetId,
            @Nullable UUID organisationId,
            Map<String, Object> details) {
        jdbc.update(
                """
                insert into audit_event (occurred_at, actor_id, actor_name, action, target_type, target_id,
                                         organisation_id, details)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""",
                occurredAt.atOffset(ZoneOffset.UTC),
                actorId,
                actorName,
                action,
                targetType,
                targetId,
                organisationId,
                json.convertToDatabaseColumn(details));
    }

    /**
     * What a text search finds besides the words a row stores: actions by their label ("revealed"),
     * environments by their name (a row about an environment stores its id or slug).
     */
    record Also(List<String> actions, List<String> environmentIds, List<String> environmentSlugs) {
        static final Also NOTHING = new Also(List.of(), List.of(), List.of());
    }

    List<AuditEntry> page(AuditQuery query, Also also, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String sql = "select " + COLUMNS + " from audit_event" + where(query, also, args)
                + " order by occurred_at desc, id desc offset ? limit ?";
        args.add(offset);
        args.add(limit);
        return jdbc.query(sql, (rs, i) -> entry(rs), args.toArray());
    }

    long count(AuditQuery query, Also also) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject(
                "select count(*) from audit_event" + where(query, also, args), Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    void stream(AuditQuery query, Also also, Consumer<AuditEntry> sink) {
        List<Object> args = new ArrayList<>();
        streaming.query(
                "select " + COLUMNS + " from audit_event" + where(query, also, args)
                        + " order by occurred_at desc, id desc",
                rs -> {
                    sink.accept(entry(rs));
                },
                args.toArray());
    }

    private static String where(AuditQuery q, Also also, List<Object> args) {
        StringBuilder sql = new StringBuilder(" where true");
        if (q.from() != null) {
            sql.append(" and occurred_at >= ?");
            args.add(q.from().atOffset(ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" and occurred_at < ?");
            args.add(q.to().atOffset(ZoneOffset.UTC));
        }
        if (q.organisation() != null) {
            sql.append(" and organisation_id = ?");
            args.add(q.organisation());
        }
        if (present(q.action())) {
            // "booking." is a prefix, "booking.released" one action; both use the (action text_pattern_ops) index
            String action = q.action().strip().toLowerCase();
            if (action.endsWith(".")) {
                sql.append(" and action like ? escape '\\'");
                args.add(likeEscaped(action) + "%");
            } else {
                sql.append(" and action = ?");
                args.add(action);
            }
        }
        if (present(q.actor())) {
            sql.append(" and actor_name ilike ? escape '\\'");
            args.add("%" + likeEscaped(q.actor().strip()) + "%");
        }
        if (present(q.targetType())) {
            sql.append(" and target_type = ?");
            args.add(q.targetType().strip());
        }
        if (present(q.targetId())) {
            sql.append(" and target_id = ?");
            args.add(q.targetId().strip());
        }
        if (present(q.text())) {
            // what the trail shows: the target, the details, who, and the action in words
            sql.append(" and (target_id ilike ? escape '\\' or details::text ilike ? escape '\\'"
                    + " or actor_name ilike ? escape '\\'"
                    + " or replace(replace(action, '.', ' '), '_', ' ') ilike ? escape '\\'"
                    + " or action = any(?::text[])"
                    + " or (target_type = 'environment' and target_id = any(?::text[]))"
                    + " or details ->> 'environment' = any(?::text[]))");
            String pattern = "%" + likeEscaped(q.text().strip()) + "%";
            args.add(pattern);
            args.add(pattern);
            args.add(pattern);
            args.add(pattern);
            args.add(also.actions().toArray(String[]::new));
            args.add(also.environmentIds().toArray(String[]::new));
            args.add(also.environmentSlugs().toArray(String[]::new));
        }
        return sql.toString();
    }

    private static boolean present(@Nullable String s) {
        return s != null && !s.isBlank();
    }

    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong(1),
                rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, UUID.class),
                json.convertToEntityAttribute(rs.getString(9)));
    }
}
