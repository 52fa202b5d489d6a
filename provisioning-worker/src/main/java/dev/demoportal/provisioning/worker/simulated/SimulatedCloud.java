package dev.demoportal.provisioning.worker.simulated;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resources the simulated drivers "made": what exists now, and how many times each resource
 * was created or deleted (the side effects a real cloud would have seen). It lives in the
 * database ({@code simulated_resource}), like a real cloud outside any one process: every worker
 * sees the same resources, a job resumed elsewhere finds what the dead worker made, and tests can
 * prove every step took effect exactly once across processes. Each call is one atomic statement.
 * Attempt counts (for failure injection) are per process.
 */
public class SimulatedCloud {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public SimulatedCloud(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the resource unless it exists; returns its attributes either way (check before create). */
    public Map<String, String> ensure(String id, Map<String, String> attributes) {
        // a concurrent creator either wins the insert or finds the row present: one creation counted
        List<String> created = jdbc.sql("""
                insert into simulated_resource (id, attributes, present, creations) values (?, ?::jsonb, true, 1)
                on conflict (id) do update set attributes = excluded.attributes, present = true,
                       creations = simulated_resource.creations + 1
                 where not simulated_resource.present
                returning attributes::text""")
                .params(id, JSON.writeValueAsString(attributes))
                .query(String.class).list();
        String stored = created.isEmpty()
                ? jdbc.sql("select attributes::text from simulated_resource where id = ?").param(id).query(String.class).single()
                : created.getFirst();
        return Map.copyOf(JSON.readValue(stored, STRING_MAP));
    }

    /** Deletes the resource if it exists; "not found" is success. Returns whether it existed. */
    public boolean remove(String id) {
        return jdbc.sql("""
                update simulated_resource set present = false, deletions = deletions + 1
                 where id = ? and present""").param(id).update() == 1;
    }

    public boolean exists(String id) {
        return jdbc.sql("select exists (select 1 from simulated_resource where id = ? and present)")
                .param(id).query(Boolean.class).single();
    }

    /** Resources that still exist whose id starts with {@code prefix}. */
    public List<String> existing(String prefix) {
        return jdbc.sql("select id from simulated_resource where present and starts_with(id, ?) order by id")
                .param(prefix).query(String.class).list();
    }

    public Set<String> all() {
        return Set.copyOf(jdbc.sql("select id from simulated_resource where present").query(String.class).list());
    }

    /** How many times the resource was actually created. */
    public int creations(String id) {
        return jdbc.sql("select coalesce(max(creations), 0) from simulated_resource where id = ?")
                .param(id).query(Integer.class).single();
    }

    public int deletions(String id) {
        return jdbc.sql("select coalesce(max(deletions), 0) from simulated_resource where id = ?")
                .param(id).query(Integer.class).single();
    }

    /** Total creations over all resources. */
    public int totalCreations() {
        return jdbc.sql("select coalesce(sum(creations), 0)::int from simulated_resource").query(Integer.class).single();
    }

    /** Counts an attempt at {@code key} and returns how many there were, including this one. */
    int attempt(String key) {
        return attempts.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet();
    }
}
