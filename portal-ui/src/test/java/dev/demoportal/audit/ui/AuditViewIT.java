package dev.demoportal.audit.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.ProvisioningEvents;
import dev.demoportal.sandbox.SandboxFilter;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import dev.demoportal.testing.UsageRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail as a manager reads it: what happened in words, what it was about by name, the
 * details as lines with times in the viewer's zone, and a search that finds what the page shows.
 */
class AuditViewIT extends ViewTestSupport {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private static final String UUID_TEXT = ".*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.*";

    @Autowired
    SandboxService sandboxes;

    @Autowired
    EnvironmentService environments;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    @Autowired
    DataSource dataSource;

    @Test
    void searchingForWhatThePageShowsFindsItInWordsAndNames() {
        openUiAs(Person.CAROL);
        SandboxSummary sandbox = readySandbox();
        sandboxes.revealSecrets(sandbox.id());
        openUiAs(Person.ADAM);
        EnvironmentSummary na1 = environments.environment("na-demo-1");
        Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        environments.scheduleMaintenance(na1.id(), start, start.plus(Duration.ofHours(2)), "Firmware update");

        openUiAs(Person.MARIA);
        UI.getCurrent().navigate("audit");
        MockVaadin.runUIQueue();
        AuditView view = _get(AuditView.class);
        ZoneId zone = viewerZone();

        view.text.setValue("revealed");
        List<List<String>> revealed = rows(view.grid);
        assertThat(revealed)
                .as("a search for the word the page shows")
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row).contains("Sandbox secrets revealed"));
        assertThat(revealed)
                .anySatisfy(row -> assertThat(row)
                        .containsSubsequence(
                                "Carol Customer", "Sandbox secrets revealed", "Sandbox " + sandbox.name()));

        view.text.setValue("NA Demo 1");
        List<String> maintenance = rows(view.grid).stream()
                .filter(r -> r.contains("Maintenance scheduled"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the maintenance of NA Demo 1, found by its name"));
        assertThat(maintenance).containsSubsequence("Adam Admin", "Maintenance scheduled", "NA Demo 1");
        String details = maintenance.getLast();
        assertThat(details)
                .contains("Start: " + SHOWN.format(start.atZone(zone)))
                .contains("End: " + SHOWN.format(start.plus(Duration.ofHours(2)).atZone(zone)))
                .contains("Reason: Firmware update")
                .doesNotMatch(UUID_TEXT)
                .doesNotContain("{");
    }

    @Test
    void aCustomerReadsHerOrganisationsActivityTheSameWay() {
        openUiAs(Person.CAROL);
        SandboxSummary sandbox = readySandbox();
        sandboxes.revealSecrets(sandbox.id());

        UI.getCurrent().navigate("activity");
        MockVaadin.runUIQueue();
        OrganisationActivityView view = _get(OrganisationActivityView.class);

        List<List<String>> rows = rows(view.grid);
        assertThat(rows)
                .anySatisfy(row -> assertThat(row)
                        .containsSubsequence(
                                "Carol Customer", "Sandbox secrets revealed", "Sandbox " + sandbox.name()));
        assertThat(rows)
                .allSatisfy(row -> assertThat(row.getLast()).doesNotContain("{").doesNotContain("\"\""));
        assertThat(view.count.getText()).isEqualTo(rows.size() + (rows.size() == 1 ? " entry" : " entries"));
    }

    @Test
    void theTrailSearchesByWhoAndPagesLazily() {
        openUiAs(Person.MARIA);
        UsageRows rows = new UsageRows(dataSource);
        Instant now = Instant.now();
        for (int i = 0; i < 120; i++) {
            rows.audit(
                    now.minusSeconds(60L * i), "Robot " + (i % 3), "booking.created", "booking", "b-" + i, null, null);
        }
        UI.getCurrent().navigate("audit");
        AuditView view = _get(AuditView.class);

        _setValue(view.actor, "Robot 1");

        assertThat(view.count.getText()).isEqualTo("40 entries");
        assertThat(_size(view.grid)).isEqualTo(40);
        assertThat(_getFormattedRow(view.grid, 0)).containsSubsequence("Robot 1", "Booking created");
        assertThat(view.csv.getHref()).contains("actor=Robot+1");
    }

    private static List<List<String>> rows(Grid<?> grid) {
        return IntStream.range(0, _size(grid))
                .mapToObj(i -> _getFormattedRow(grid, i))
                .toList();
    }

    /** The zone Karibu's browser reports; never UTC, so UTC text cannot pass for it. */
    private ZoneId viewerZone() {
        ZoneId zone = ViewerTime.zone();
        assertThat(zone.getRules().getOffset(clock.instant()))
                .as("the test browser's zone %s", zone)
                .isNotEqualTo(ZoneOffset.UTC);
        return zone;
    }

    /** One of the signed-in customer's sandboxes, ready: a seeded one the (absent) worker has not provisioned yet. */
    private SandboxSummary readySandbox() {
        List<SandboxSummary> mine = sandboxes.sandboxes(SandboxFilter.ALL, 0, 100);
        return mine.stream()
                .filter(s -> s.status() == SandboxStatus.READY)
                .findFirst()
                .orElseGet(() -> {
                    SandboxSummary approved = mine.stream()
                            .filter(s -> s.status() == SandboxStatus.APPROVED)
                            .findFirst()
                            .orElseThrow();
                    provisioned(approved.id());
                    return sandboxes.sandbox(approved.id());
                });
    }

    /** The worker's side, as the embedded worker does it: runs the queued provision job to success. */
    private void provisioned(UUID sandboxId) {
        UUID job = jdbc.queryForObject(
                "select id from provisioning_job where sandbox_id = ? and status = 'QUEUED'", UUID.class, sandboxId);
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update("update provisioning_job set status = 'RUNNING', started_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobStarted(job, sandboxId, JobKind.PROVISION));
        });
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update("update provisioning_job set status = 'SUCCEEDED', finished_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobSucceeded(
                    job,
                    sandboxId,
                    JobKind.PROVISION,
                    Map.of("accessUrl", "https://" + sandboxId + ".sandbox.example"),
                    Map.of()));
        });
    }
}
