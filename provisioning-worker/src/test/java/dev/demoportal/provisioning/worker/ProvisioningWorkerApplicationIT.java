package dev.demoportal.provisioning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PortalDatabaseTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The standalone worker starts against a real database, migrates it and reports itself healthy. */
@SpringBootTest(
        classes = ProvisioningWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@PortalDatabaseTest
class ProvisioningWorkerApplicationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void startsMigratesAndReportsHealthWithARunningScheduler() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"status\":\"UP\"")
                .contains("\"db\"")
                .contains("\"scheduler\":\"running\"");
        assertThat(jdbc.queryForObject("select count(*) from region", Integer.class))
                .isEqualTo(3);
    }

    @Test
    void registersTheRecurringEnforcementOncePerClusterInTheSchedulerTable() {
        // db-scheduler keeps one row per recurring task; whichever worker claims it runs it
        // (other features register theirs too: assert on ours, and that each task has one row)
        assertThat(jdbc.queryForList("select task_name from scheduled_tasks order by task_name", String.class))
                .contains(
                        "booking-no-shows",
                        "sandbox-expiry",
                        "sandbox-secret-reencryption",
                        "usage-rollup",
                        "waitlist-sweep")
                .doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject(
                        "select count(*) from scheduled_tasks where task_instance <> 'recurring'", Integer.class))
                .isZero();
    }

    @Test
    void exposesReadinessProbeAndPrometheusMetrics() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("hikaricp_connections")
                .contains("portal_provisioning_jobs{application=\"provisioning-worker\",state=\"queued\"}")
                .contains("portal_provisioning_jobs{application=\"provisioning-worker\",state=\"running\"}")
                .contains("portal_provisioning_jobs{application=\"provisioning-worker\",state=\"failed\"}")
                .contains("portal_provisioning_job_oldest_running_age_seconds");
    }

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
