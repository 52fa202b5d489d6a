package dev.demoportal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.AuditRows;
import dev.demoportal.AuditRows.AuditRow;
import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import dev.demoportal.base.Transactions;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.Role;
import dev.demoportal.testing.PortalDatabaseTest;
import dev.demoportal.testing.TestDatabase;
import dev.demoportal.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class AuditTrailIT {

    /** A migrated database without Spring: what any client connecting to it may do. */
    private static TestDatabase plain;

    @Autowired
    EnvironmentService environments;

    @Autowired
    AuditService auditService;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutableClock clock;

    AuditRows audit;

    @BeforeAll
    static void migratePlainDatabase() throws SQLException {
        plain = TestDatabases.migrated();
        try (Connection c = plain.connect();
                Statement st = c.createStatement()) {
            st.execute("""
                    insert into audit_event (occurred_at, actor_name, action, target_type, target_id, details)
                    values (now(), 'system', 'region.created', 'region', 'test', '{"name": "Test"}')""");
        }
    }

    @BeforeEach
    void setUp() {
        audit = new AuditRows(jdbc);
        TestUsers.signInAs("Alex Admin", Role.ADMIN);
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    private static void assertRefused(String sql) throws SQLException {
        try (Connection c = plain.connect();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).as("insufficient_privilege").isEqualTo("42501");
                assertThat(e.getMessage()).contains("audit_event is append-only");
            });
            try (var rs = st.executeQuery("select count(*), min(actor_name) from audit_event")) {
                rs.next();
                assertThat(rs.getLong(1)).as("history is untouched").isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("system");
            }
        }
    }

    @Test
    void databaseRefusesUpdate() throws SQLException {
        assertRefused("update audit_event set actor_name = 'someone else'");
    }

    @Test
    void databaseRefusesDelete() throws SQLException {
        assertRefused("delete from audit_event");
    }

    @Test
    void databaseRefusesTruncate() throws SQLException {
        assertRefused("truncate audit_event");
    }

    private static EnvironmentForm form(String slug, String name) {
        return new EnvironmentForm(slug, name, "emea", 4, EnvironmentStatus.AVAILABLE, "", List.of());
    }

    @Test
    void changeAndItsRecordCommitTogether() {
        clock.advance(Duration.ofMinutes(7));

        EnvironmentSummary created = environments.createEnvironment(form("audit-commit", "Audit commit"));

        assertThat(audit.about("environment", created.id().toString()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.action()).isEqualTo("environment.created");
                    assertThat(r.actorName()).isEqualTo("Alex Admin");
                    assertThat(r.occurredAt()).isEqualTo(clock.instant());
                });
    }

    @Test
    void rolledBackChangeLeavesNoRecord() {
        long before = audit.count();
        TransactionTemplate tx = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                    environments.createEnvironment(form("audit-rollback", "Audit rollback"));
                    throw new IllegalStateException("a later step of the same unit of work fails");
                }))
                .hasMessageContaining("later step");

        assertThat(environments.countEnvironments(new EnvironmentFilter(null, "audit-rollback", true)))
                .isZero();
        assertThat(audit.count()).isEqualTo(before);
        assertThat(audit.withAction("environment.created"))
                .extracting(r -> r.details().get("slug"))
                .doesNotContain("audit-rollback");
    }

    @Test
    void failedUpdateLeavesNoRecord() {
        environments.createEnvironment(form("audit-taken", "Audit taken"));
        EnvironmentSummary mine = environments.createEnvironment(form("audit-mine", "Audit mine"));
        long before = audit.count();

        assertThatThrownBy(() ->
                        environments.updateEnvironment(mine.id(), mine.version(), form("audit-mine", "Audit taken")))
                .isInstanceOf(dev.demoportal.base.ValidationFailed.class);

        assertThat(audit.count()).isEqualTo(before);
        assertThat(audit.about("environment", mine.id().toString()))
                .extracting(AuditRow::action)
                .containsExactly("environment.created");
        assertThat(environments.environment("audit-mine").name()).isEqualTo("Audit mine");
    }

    record Probe(String action) implements AuditableEvent {
        @Override
        public Actor actor() {
            return Actor.system("test");
        }

        @Override
        public String targetType() {
            return "probe";
        }

        @Override
        public String targetId() {
            return "1";
        }

        @Override
        public Map<String, Object> details() {
            return Map.of();
        }
    }

    @Test
    void eventOutsideATransactionIsRefusedRatherThanRecordedAlone() {
        long before = audit.count();

        assertThatThrownBy(() -> publisher.publishEvent(new Probe("probe.published")))
                .isInstanceOf(IllegalTransactionStateException.class);

        assertThat(audit.count()).isEqualTo(before);
    }

    @Test
    void aPlainSqlTransactionTakesTheRecordAndRollsItBackWithTheChange() {
        TransactionTemplate plainSql = Transactions.ownPlainSql(dataSource);
        long before = audit.count();

        plainSql.executeWithoutResult(status -> publisher.publishEvent(new Probe("probe.committed")));
        assertThatThrownBy(() -> plainSql.executeWithoutResult(status -> {
                    publisher.publishEvent(new Probe("probe.rolled_back"));
                    throw new IllegalStateException("a later step of the same unit of work fails");
                }))
                .hasMessageContaining("later step");

        assertThat(audit.count()).isEqualTo(before + 1);
        assertThat(audit.withAction("probe.committed")).hasSize(1);
        assertThat(audit.withAction("probe.rolled_back")).isEmpty();
    }

    @Test
    void anEntityChangeInsideAPlainSqlTransactionFailsRatherThanCommitAlone() {
        TransactionTemplate plainSql = Transactions.ownPlainSql(dataSource);
        long before = audit.count();

        assertThatThrownBy(() -> plainSql.executeWithoutResult(
                        status -> environments.createEnvironment(form("audit-plain-sql", "Audit plain SQL"))))
                .isInstanceOf(TransactionException.class);

        assertThat(environments.countEnvironments(new EnvironmentFilter(null, "audit-plain-sql", true)))
                .isZero();
        assertThat(audit.count()).isEqualTo(before);
    }

    @Test
    void recordThatCannotBeWrittenUndoesTheChange() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        long before = audit.count();

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            environments.createEnvironment(form("audit-undone", "Audit undone"));
            publisher.publishEvent(new Probe("Not A Valid Action"));
        }));

        assertThat(environments.countEnvironments(new EnvironmentFilter(null, "audit-undone", true)))
                .isZero();
        assertThat(audit.count()).isEqualTo(before);
    }

    @Test
    void managersReadTheTrailNewestFirst() {
        EnvironmentSummary env = environments.createEnvironment(form("audit-history", "Audit history"));
        environments.updateEnvironment(
                env.id(),
                env.version(),
                new EnvironmentForm(
                        "audit-history", "Audit history", "emea", 5, EnvironmentStatus.AVAILABLE, "", List.of()));
        TestUsers.signInAs("Mia Manager", Role.MANAGER);

        List<AuditEntry> history =
                auditService.historyOf("environment", env.id().toString(), 10);

        assertThat(history)
                .extracting(AuditEntry::action)
                .containsExactly("environment.updated", "environment.created");
        assertThat(history.getFirst().details()).isEqualTo(Map.of("tenantSlots", 5));
        assertThat(auditService.latest(1)).extracting(AuditEntry::action).containsExactly("environment.updated");
    }

    @Test
    void fieldEngineersAndCustomersCannotReadTheTrail() {
        TestUsers.signInAs("Fiona Field", Role.FIELD_ENGINEER);
        assertThatThrownBy(() -> auditService.latest(10)).isInstanceOf(AuthorizationDeniedException.class);

        TestUsers.signInAs("Carla Customer", Role.CUSTOMER);
        assertThatThrownBy(() -> auditService.historyOf("environment", "x", 10))
                .isInstanceOf(AuthorizationDeniedException.class);
    }
}
