package dev.demoportal.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.testing.TestDatabase;
import dev.demoportal.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The {@code migrate} mode the Helm chart's hook job runs: schema up to date, then exit. */
class MigrationIT {

    @Test
    void migratesAnEmptyDatabaseWithNothingButTheDatabaseSettings() throws Exception {
        TestDatabase db = TestDatabases.fresh();

        // no OIDC settings, no web server: the hook job has only the database
        Migration.run(args(db));

        assertThat(appliedMigrations(db)).isGreaterThan(0);
        int applied = appliedMigrations(db);
        Migration.run(args(db));
        assertThat(appliedMigrations(db)).as("a second run finds nothing to do").isEqualTo(applied);
    }

    @Test
    void failsWhenTheDatabaseIsUnreachable() {
        assertThatThrownBy(() -> Migration.run(
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                        "--spring.datasource.username=nobody",
                        "--spring.datasource.hikari.connection-timeout=2000",
                        "--spring.datasource.hikari.initialization-fail-timeout=1"))
                .isInstanceOf(RuntimeException.class);
    }

    private static String[] args(TestDatabase db) {
        return new String[] {
            "--spring.datasource.url=" + db.url(),
            "--spring.datasource.username=" + db.username(),
            "--spring.datasource.password=" + db.password()
        };
    }

    private static int appliedMigrations(TestDatabase db) throws Exception {
        try (Connection c = db.connect();
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
