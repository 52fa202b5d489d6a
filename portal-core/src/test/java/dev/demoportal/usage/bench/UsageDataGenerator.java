package dev.demoportal.usage.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Fills a NEW database with realistic history for the dashboards (default: 1,000,000 bookings,
 * 100,000 sandboxes with their jobs and steps, 2,000,000 audit events over two years), then rolls
 * up the closed days. The database server is the one of {@code DEMO_PORTAL_TEST_DATABASE_URL}
 * (only used to create the new database); an existing database is never touched unless it was made
 * by this generator and {@code replace=true} is given.
 *
 * <pre>benchmarks/usage-data.sh [database=demoportal_usage_bench] [bookings=1000000] [sandboxes=100000]
 *   [audit=2000000] [days=730] [environments_per_region=40] [replace=false]</pre>
 */
public final class UsageDataGenerator {

    static final String MARKER = "demo-portal usage benchmark data";

    private UsageDataGenerator() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "database",
                "demoportal_usage_bench",
                "bookings",
                "1000000",
                "sandboxes",
                "100000",
                "audit",
                "2000000",
                "days",
                "730",
                "environments_per_region",
                "40",
                "replace",
                "false",
                "sql",
                "benchmarks/usage-data.sql"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String admin = env("DEMO_PORTAL_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("DEMO_PORTAL_TEST_DATABASE_USERNAME", "postgres");
        String password = env("DEMO_PORTAL_TEST_DATABASE_PASSWORD", "");
        String name = options.get("database");
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name: lower-case letters, digits and _ only");
        }
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + name;

        try (Connection c = DriverManager.getConnection(admin, user, password);
                Statement st = c.createStatement()) {
            String comment = null;
            try (ResultSet rs = st.executeQuery("select shobj_description(oid, 'pg_database') from pg_database"
                    + " where datname = '" + name + "'")) {
                if (rs.next()) {
                    comment = rs.getString(1);
                    if (!MARKER.equals(comment) || !Boolean.parseBoolean(options.get("replace"))) {
                        throw new IllegalStateException("Database " + name + " exists"
                                + (MARKER.equals(comment)
                                        ? "; pass replace=true to generate it again"
                                        : " and was not made by this generator"));
                    }
                }
            }
            if (comment != null) {
                st.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
            st.execute("CREATE DATABASE " + name);
            st.execute("COMMENT ON DATABASE " + name + " IS '" + MARKER + "'");
        }
        System.out.printf("usage data: database %s%n", url);
        long t0 = System.nanoTime();
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        System.out.printf("  schema migrated in %.1f s%n", seconds(t0));

        String sql = Files.readString(Path.of(options.get("sql")));
        for (String key : new String[] {"bookings", "sandboxes", "audit", "days", "environments_per_region"}) {
            sql = sql.replace("{{" + key + "}}", String.valueOf(Long.parseLong(options.get(key))));
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            for (String statement : sql.split(";\\s*\\n")) {
                String body = statement.replaceAll("(?m)^\\s*--.*$", "").strip();
                if (body.isEmpty()) {
                    continue;
                }
                long t = System.nanoTime();
                int rows = st.executeUpdate(body);
                System.out.printf("  %-70s %,10d rows %7.1f s%n", firstLine(body), Math.max(rows, 0), seconds(t));
            }
            long t = System.nanoTime();
            st.execute("VACUUM ANALYZE");
            System.out.printf("  %-70s %18.1f s%n", "VACUUM ANALYZE", seconds(t));
            t = System.nanoTime();
            try (ResultSet rs = st.executeQuery("select usage_refresh(now(), 100000)")) {
                rs.next();
                System.out.printf(
                        "  %-70s %,10d rows %7.1f s%n",
                        "usage_refresh (closed days rolled up)", rs.getInt(1), seconds(t));
            }
            t = System.nanoTime();
            try (ResultSet rs = st.executeQuery("select usage_refresh_sandboxes(now(), 100000)")) {
                rs.next();
                System.out.printf(
                        "  %-70s %,10d rows %7.1f s%n",
                        "usage_refresh_sandboxes (closed region-days rolled up)", rs.getInt(1), seconds(t));
            }
            st.execute("ANALYZE usage_environment_day");
            st.execute("ANALYZE usage_sandbox_day");
            st.execute("ANALYZE usage_step_day");
            for (String table : new String[] {
                "booking",
                "waitlist_entry",
                "sandbox",
                "provisioning_job",
                "provisioning_step",
                "audit_event",
                "usage_environment_day"
            }) {
                try (ResultSet rs = st.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    System.out.printf("  %-22s %,12d%n", table, rs.getLong(1));
                }
            }
        }
        System.out.printf(
                "usage data: done in %.1f s; run the portal on it with SPRING_DATASOURCE_URL=%s%n", seconds(t0), url);
    }

    private static String firstLine(String statement) {
        String line = statement.lines().findFirst().orElse("");
        return line.length() > 70 ? line.substring(0, 67) + "..." : line;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The environment variable, unless a system property of that name overrides it (the smoke test's server). */
    private static String env(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
