package dev.demoportal.local;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Embedded PostgreSQL for local mode when no {@code SPRING_DATASOURCE_URL} is given. Its data
 * lives in {@code portal.local.data-directory} (git-ignored) and survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${portal.local.enabled:false} and '${spring.datasource.url:}'.isEmpty()")
class LocalDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(LocalModeProperties properties) throws IOException {
        Path dir = properties.dataDirectory().toAbsolutePath();
        Files.createDirectories(dir);
        clearStaleLock(dir);
        log.info("Starting embedded PostgreSQL with data in {}", dir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("select 1 from pg_database where datname = 'demoportal'");
            if (!rs.next()) {
                st.execute("create database demoportal");
            }
        }
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(postgres.getJdbcUrl("postgres", "demoportal"));
        ds.setUsername("postgres");
        ds.setPoolName("local-embedded");
        ds.setMaximumPoolSize(10);
        return ds;
    }

    /**
     * A portal that was killed leaves {@code postmaster.pid} behind and PostgreSQL then refuses to
     * start. Remove it only when the process it names is gone; a live one means another portal
     * is using this data directory, which must fail loudly.
     */
    private static void clearStaleLock(Path dir) throws IOException {
        Path pid = dir.resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return;
        }
        String first = Files.readAllLines(pid).stream().findFirst().orElse("").strip();
        boolean alive = !first.isEmpty()
                && ProcessHandle.of(Long.parseLong(first))
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
        if (alive) {
            throw new IllegalStateException("Embedded PostgreSQL in " + dir + " is already in use by process " + first
                    + ". Is another Demo Portal running? Stop it first.");
        }
        log.warn("Removing stale {} left by a portal that did not stop cleanly", pid);
        Files.delete(pid);
    }
}
