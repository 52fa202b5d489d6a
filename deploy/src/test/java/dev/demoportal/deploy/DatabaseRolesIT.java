package dev.demoportal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.testing.TestDatabase;
import dev.demoportal.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two database roles of docs/operations/database-roles.md on a real PostgreSQL: the owner runs
 * the migrations, the apps' role gets {@code deploy/database/grants.sql} (the very file the docs
 * tell operators to run) and can then do its reads and writes but cannot change the schema or
 * switch off the audit trail's append-only triggers.
 *
 * <p>Roles are cluster-wide, so the test user needs CREATEROLE (.ci/run grants it); without it
 * the test is skipped with that message.
 */
class DatabaseRolesIT {

    private static final String SUFFIX =
            UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String OWNER = "dp_it_owner_" + SUFFIX;
    private static final String APP = "dp_it_app_" + SUFFIX;
    private static final String OWNER_PASSWORD = UUID.randomUUID().toString();
    private static final String APP_PASSWORD = UUID.randomUUID().toString();

    private static TestDatabase database;

    @BeforeAll
    static void createRolesAndMigrateAsTheOwner() throws Exception {
        database = TestDatabases.fresh();
        try (Connection admin = database.connect();
                Statement sql = admin.createStatement()) {
            ResultSet rights =
                    sql.executeQuery("select rolcreaterole or rolsuper from pg_roles where rolname = current_user");
            rights.next();
            Assumptions.assumeTrue(
                    rights.getBoolean(1),
                    "the test database user needs CREATEROLE: " + "ALTER ROLE " + database.username()
                            + " CREATEROLE (as a superuser)");
            // as in the docs: two login roles, the database owned by the schema owner
            sql.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
            sql.execute("CREATE ROLE " + APP + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
            sql.execute("GRANT " + OWNER + " TO current_user");
            sql.execute("ALTER DATABASE " + database.name() + " OWNER TO " + OWNER);
        }
        try (Connection owner = connect(OWNER, OWNER_PASSWORD);
                Statement sql = owner.createStatement()) {
            sql.execute(Files.readString(Path.of("database/grants.sql")).replace("demoportal_app", APP));
        }
        Flyway.configure()
                .dataSource(database.url(), OWNER, OWNER_PASSWORD)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterAll
    static void dropDatabaseAndRoles() throws Exception {
        if (database == null) {
            return;
        }
        String maintenance = database.url().replace("/" + database.name(), "/postgres");
        try (Connection admin = DriverManager.getConnection(maintenance, database.username(), database.password());
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
            sql.execute("DROP ROLE IF EXISTS " + APP);
            sql.execute("DROP ROLE IF EXISTS " + OWNER);
        }
    }

    @Test
    void theAppsRoleReadsAndWritesRows() throws Exception {
        try (Connection app = connect(APP, APP_PASSWORD);
                Statement sql = app.createStatement()) {
            // an identity column: needs the sequence grant
            assertThat(sql.executeUpdate(
                            "insert into audit_event (occurred_at, actor_name, action, target_type, target_id)"
                                    + " values (now(), 'it', 'test.roles_checked', 'test', '1')"))
                    .isEqualTo(1);
            assertThat(
                            sql.executeUpdate(
                                    "insert into organisation (slug, name, created_at, updated_at) values ('roles-it', 'Roles IT', now(), now())"))
                    .isEqualTo(1);
            assertThat(sql.executeUpdate("update organisation set name = 'Roles IT 2' where name = 'Roles IT'"))
                    .isEqualTo(1);
            ResultSet count = sql.executeQuery("select count(*) from organisation where name = 'Roles IT 2'");
            count.next();
            assertThat(count.getInt(1)).isEqualTo(1);
            assertThat(sql.executeUpdate("delete from organisation where name = 'Roles IT 2'"))
                    .isEqualTo(1);
            // the scheduler's table, which the worker writes
            sql.executeQuery("select count(*) from scheduled_tasks").close();
        }
    }

    @Test
    void theAppsRoleCannotChangeTheSchemaOrTheAuditTrail() throws Exception {
        try (Connection app = connect(APP, APP_PASSWORD);
                Statement sql = app.createStatement()) {
            sql.executeUpdate("insert into audit_event (occurred_at, actor_name, action, target_type, target_id)"
                    + " values (now(), 'it', 'test.history_kept', 'test', '2')");
            for (String statement : new String[] {
                "DROP TRIGGER audit_event_no_update_or_delete ON audit_event",
                "ALTER TABLE audit_event DISABLE TRIGGER ALL",
                "ALTER TABLE audit_event ADD COLUMN forged text",
                "DROP TABLE audit_event",
                "TRUNCATE audit_event",
                "CREATE TABLE shadow (id int)",
                "CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"
            }) {
                assertThatThrownBy(() -> sql.execute(statement))
                        .as(statement)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .as(statement)
                                .isEqualTo("42501")); // insufficient_privilege
            }
            // and the trigger is still there to refuse rewriting history
            assertThatThrownBy(() -> sql.executeUpdate("delete from audit_event where action = 'test.history_kept'"))
                    .hasMessageContaining("append-only");
        }
        try (Connection owner = connect(OWNER, OWNER_PASSWORD);
                Statement sql = owner.createStatement()) {
            // the same statement as the owner succeeds: the refusal above is about the role
            sql.execute("CREATE TABLE shadow (id int)");
            sql.execute("DROP TABLE shadow");
        }
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(database.url(), user, password);
    }
}
