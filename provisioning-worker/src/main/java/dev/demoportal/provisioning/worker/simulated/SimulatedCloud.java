package dev.demoportal.provisioning.worker.simulated;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The resources the simulated drivers "made", shared by the three layers of one worker process:
 * what exists now, and how many times each resource was created or deleted (the side effects a
 * real cloud would have seen), so tests can prove every step took effect exactly once.
 */
public class SimulatedCloud {

    private final Map<String, Map<String, String>> resources = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> creations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> deletions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    /** Creates the resource unless it exists; returns its attributes either way (check before create). */
    public Map<String, String> ensure(String id, Map<String, String> attributes) {
        return resources.computeIfAbsent(id, k -> {
            creations.computeIfAbsent(id, x -> new AtomicInteger()).incrementAndGet();
            return Map.copyOf(attributes);
        });
    }

    /** Deletes the resource if it exists; "not found" is success. Returns whether it existed. */
    public boolean remove(String id) {
        boolean existed = resources.remove(id) != null;
        if (existed) {
            deletions.computeIfAbsent(id, x -> new AtomicInteger()).incrementAndGet();
        }
        return existed;
    }

    public boolean exists(String id) {
        return resources.containsKey(id);
    }

    /** Resources that still exist whose id starts with {@code prefix}. */
    public List<String> existing(String prefix) {
        return resources.keySet().stream().filter(id -> id.startsWith(prefix)).sorted().toList();
    }

    public Set<String> all() {
        return Set.copyOf(resources.keySet());
    }

    /** How many times the resource was actually created. */
    public int creations(String id) {
        AtomicInteger n = creations.get(id);
        return n == null ? 0 : n.get();
    }

    public int deletions(String id) {
        AtomicInteger n = deletions.get(id);
        return n == null ? 0 : n.get();
    }

    /** Total creations over all resources. */
    public int totalCreations() {
        return creations.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Counts an attempt at {@code key} and returns how many there were, including this one. */
    int attempt(String key) {
        return attempts.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet();
    }
}
