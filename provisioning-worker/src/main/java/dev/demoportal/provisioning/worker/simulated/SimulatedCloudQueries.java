package dev.demoportal.provisioning.worker.simulated;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulated cloud's storage, {@code simulated_resource}: the only SQL in the worker, because it
 * stands in for a cloud provider's API, not for portal data. Each method is one atomic statement.
 */
class SimulatedCloudQueries {

    private final JdbcClient jdbc;

    SimulatedCloudQueries(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Inserts the resource, or marks it present again with the new attributes; the stored attributes
     * (JSON) if this call created it, empty if it already existed.
     */
    Optional<String> create(String id, String attributesJson) {
        // a concurrent creator either wins the insert or finds the row present: one creation counted
        return jdbc.sql("""
                insert into simulated_resource (id, attributes, present, creations) values (?, ?::jsonb, true, 1)
                on conflict (id) do update set attributes = excluded.attributes, present = true,
                       creations = simulated_resource.creations + 1
                 where not simulated_resource.present
                returning attributes::text""").params(id, attributesJson).query(String.class).optional();
    }

    String attributes(String id) {
        return jdbc.sql("select attributes::text from simulated_resource where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    boolean markDeleted(String id) {
        return jdbc.sql("""
                update simulated_resource set present = false, deletions = deletions + 1
                 where id = ? and present""").param(id).update() == 1;
    }

    boolean present(String id) {
        return jdbc.sql("select exists (select 1 from simulated_resource where id = ? and present)")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    List<String> presentWithPrefix(String prefix) {
        return jdbc.sql("select id from simulated_resource where present and starts_with(id, ?) order by id")
                .param(prefix)
                .query(String.class)
                .list();
    }

    List<String> allPresent() {
        return jdbc.sql("select id from simulated_resource where present")
                .query(String.class)
                .list();
    }

    int creations(String id) {
        return jdbc.sql("select coalesce(max(creations), 0) from simulated_resource where id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    int deletions(String id) {
        return jdbc.sql("select coalesce(max(deletions), 0) from simulated_resource where id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    int totalCreations() {
        return jdbc.sql("select coalesce(sum(creations), 0)::int from simulated_resource")
                .query(Integer.class)
                .single();
    }
}
