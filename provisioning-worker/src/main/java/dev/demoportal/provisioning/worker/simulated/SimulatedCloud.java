package dev.demoportal.provisioning.worker.simulated;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resources the simulated drivers "made": what exists now, and how many times each resource
 * was created or deleted (the side effects a real cloud would have seen). It lives in the
 * database ({@code simulated_resource}), like a real cloud outside any one process: every worker
 * sees the same resources, a job resumed elsewhere finds what the dead worker made, and tests can
 * prove every step took effect exactly once across processes. Each call is one atomic statement
 * ({@link SimulatedCloudQueries}).
 * Attempt counts (for failure injection) are per process.
 */
public class SimulatedCloud {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final SimulatedCloudQueries storage;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public SimulatedCloud(DataSource dataSource) {
        this.storage = new SimulatedCloudQueries(dataSource);
    }

    /** Creates the resource unless it exists; returns its attributes either way (check before create). */
    public Map<String, String> ensure(String id, Map<String, String> attributes) {
        String stored = storage.create(id, JSON.writeValueAsString(attributes)).orElseGet(() -> storage.attributes(id));
        return Map.copyOf(JSON.readValue(stored, STRING_MAP));
    }

    /** Deletes the resource if it exists; "not found" is success. Returns whether it existed. */
    public boolean remove(String id) {
        return storage.markDeleted(id);
    }

    public boolean exists(String id) {
        return storage.present(id);
    }

    /** Resources that still exist whose id starts with {@code prefix}. */
    public List<String> existing(String prefix) {
        return storage.presentWithPrefix(prefix);
    }

    public Set<String> all() {
        return Set.copyOf(storage.allPresent());
    }

    /** How many times the resource was actually created. */
    public int creations(String id) {
        return storage.creations(id);
    }

    public int deletions(String id) {
        return storage.deletions(id);
    }

    /** Total creations over all resources. */
    public int totalCreations() {
        return storage.totalCreations();
    }

    /** Counts an attempt at {@code key} and returns how many there were, including this one. */
    int attempt(String key) {
        return attempts.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet();
    }
}
