package dev.demoportal.booking.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements prepared on the application's connections (Hibernate's and
 * JdbcClient's alike), by their first words, for the profile pass: {@link Wrapper} hands out the
 * pool's connections behind a proxy that notes each statement prepared while counting is on.
 */
final class CountingStatements {

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    /** Off while throughput is measured, so the measured path pays one flag read per statement. */
    private static volatile boolean counting;

    private CountingStatements() {}

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

    private static void prepared(String sql) {
        if (counting) {
            COUNTS.computeIfAbsent(shape(sql), k -> new LongAdder()).increment();
        }
    }

    /** "select ... from booking ...", "insert into audit_event ...": enough to tell statements apart. */
    private static String shape(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (s.startsWith("with ")) {
            return "with ... " + (s.contains(" insert into ") ? "insert into " + after(s, " insert into ") : "");
        }
        int from = outerFrom(s);
        if (s.startsWith("select") && from > 0) {
            String rest = s.substring(from + 6);
            return "select from " + rest.split(" ")[0] + (s.contains(" join ") ? " (join)" : "");
        }
        String[] words = s.split(" ");
        return String.join(" ", Arrays.copyOf(words, Math.min(3, words.length)));
    }

    /** Where the outer query's " from " starts (not a subquery's); -1 if it has none. */
    private static int outerFrom(String s) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && s.startsWith(" from ", i)) {
                return i;
            }
        }
        return -1;
    }

    private static String after(String s, String marker) {
        return s.substring(s.indexOf(marker) + marker.length()).split("[ (]")[0];
    }

    /** Wraps the application's {@link DataSource} so its connections count what they prepare. */
    static final class Wrapper implements BeanPostProcessor {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            return bean instanceof DataSource target ? proxy(DataSource.class, target) : bean;
        }
    }

    private static <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (p, method, args) -> {
            if (type == Connection.class
                    && method.getName().startsWith("prepare")
                    && args != null
                    && args[0] instanceof String sql) {
                prepared(sql);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return type == DataSource.class
                            && result instanceof Connection c
                            && method.getName().equals("getConnection")
                    ? proxy(Connection.class, c)
                    : result;
        };
        return type.cast(
                Proxy.newProxyInstance(CountingStatements.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
