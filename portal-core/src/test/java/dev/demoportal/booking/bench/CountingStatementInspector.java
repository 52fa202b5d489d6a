package dev.demoportal.booking.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts the SQL statements Hibernate prepares, by their first words, for the profile pass. */
public class CountingStatementInspector implements StatementInspector {

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    /** Off while throughput is measured, so the measured path does not pay for the counting. */
    private static volatile boolean counting;

    @Override
    public String inspect(String sql) {
        if (counting) {
            COUNTS.computeIfAbsent(shape(sql), k -> new LongAdder()).increment();
        }
        return sql;
    }

    /** Clears the counts and starts counting. */
    static void start() {
        COUNTS.clear();
        counting = true;
    }

    static void stop() {
        counting = false;
    }

    static Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        COUNTS.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** "select ... from booking ...", "insert into audit_event ...": enough to tell statements apart. */
    private static String shape(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        int from = s.indexOf(" from ");
        if (s.startsWith("select") && from > 0) {
            String rest = s.substring(from + 6);
            return "select from " + rest.split(" ")[0] + (s.contains(" join ") ? " (join)" : "");
        }
        String[] words = s.split(" ");
        return String.join(" ", Arrays.copyOf(words, Math.min(3, words.length)));
    }
}
