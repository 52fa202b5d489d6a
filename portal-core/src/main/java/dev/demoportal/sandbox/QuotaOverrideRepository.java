package dev.demoportal.sandbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes {@code sandbox_quota_override}: an organisation's own quota for a template. */
@Component
class QuotaOverrideRepository {

    /** One override, with its template's slug. */
    record Row(UUID organisationId, String templateSlug, int maxActive) {}

    private final JdbcClient jdbc;

    QuotaOverrideRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every override, by template slug. */
    List<Row> all() {
        return jdbc.sql("""
                        select q.organisation_id, t.slug, q.max_active from sandbox_quota_override q
                        join sandbox_template t on t.id = q.template_id order by t.slug""")
                .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3)))
                .list();
    }

    /** One organisation's overrides, by template id. */
    Map<UUID, Integer> of(UUID organisationId) {
        Map<UUID, Integer> overrides = new HashMap<>();
        jdbc.sql("select template_id, max_active from sandbox_quota_override where organisation_id = ?")
                .param(organisationId)
                .query((rs, i) -> overrides.put(rs.getObject(1, UUID.class), rs.getInt(2)))
                .list();
        return overrides;
    }

    Optional<Integer> of(UUID organisationId, UUID templateId) {
        return jdbc.sql("select max_active from sandbox_quota_override where organisation_id = ? and template_id = ?")
                .params(organisationId, templateId)
                .query(Integer.class)
                .optional();
    }

    void set(UUID organisationId, UUID templateId, int maxActive, Instant now) {
        jdbc.sql("""
                        insert into sandbox_quota_override (organisation_id, template_id, max_active, updated_at)
                        values (?, ?, ?, ?) on conflict (organisation_id, template_id)
                        do update set max_active = excluded.max_active, updated_at = excluded.updated_at""")
                .params(organisationId, templateId, maxActive, Timestamp.from(now))
                .update();
    }

    void remove(UUID organisationId, UUID templateId) {
        jdbc.sql("delete from sandbox_quota_override where organisation_id = ? and template_id = ?")
                .params(organisationId, templateId)
                .update();
    }
}
