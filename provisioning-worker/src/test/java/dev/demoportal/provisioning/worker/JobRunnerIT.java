package dev.demoportal.provisioning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.base.SystemTask;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.ProvisioningEvents.JobFailed;
import dev.demoportal.provisioning.ProvisioningEvents.JobStarted;
import dev.demoportal.provisioning.ProvisioningEvents.JobSucceeded;
import dev.demoportal.provisioning.ProvisioningService;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.worker.simulated.SimulatedCloud;
import dev.demoportal.provisioning.worker.simulated.SimulatedDriver;
import dev.demoportal.testing.PortalDatabaseTest;
import dev.demoportal.testing.SandboxRows;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker runs jobs end to end through db-scheduler on a real database, with the simulated
 * driver: scheduling wakes it (the polling interval is long on purpose), steps are recorded as
 * they happen, the sandbox lifecycle hears of start, success and failure, and failures are retried
 * with backoff or fail the job at once.
 */
@SpringBootTest(
        classes = ProvisioningWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "db-scheduler.polling-interval=30s",
            "portal.provisioning.simulated.latency=0s",
            "portal.provisioning.retry.max-attempts=3",
            "portal.provisioning.retry.initial-backoff=40ms",
            "portal.provisioning.retry.max-backoff=200ms"
        })
@PortalDatabaseTest
@Import(RecordedEvents.class)
class JobRunnerIT {

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    SimulatedCloud cloud;

    @Autowired
    RecordedEvents events;

    @Autowired
    MeterRegistry registry;

    SandboxRows sandboxes;

    @BeforeEach
    void setUp() {
        sandboxes = new SandboxRows(dataSource);
    }

    private SandboxSpec newSandbox(Map<String, String> parameters) {
        String name = "sb-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = sandboxes.approvedSandbox(name, "emea");
        return new SandboxSpec(id, name, "acme", "web-shop", "emea", "eu-west-1", "acme-users", null, parameters);
    }

    private UUID schedule(SandboxSpec spec, JobKind kind) {
        return tx.execute(status -> provisioning.schedule(spec, kind));
    }

    private JobSummary awaitFinished(UUID jobId) {
        Eventually.await(Duration.ofSeconds(20), () -> provisioning.job(jobId).finishedAt() != null);
        return provisioning.job(jobId);
    }

    @Test
    void provisionsASandboxStepByStepAndHandsOverOutputsAndSecrets() throws Exception {
        SandboxSpec spec = newSandbox(Map.of());
        List<String> notifications;
        UUID jobId;
        try (Connection listener = dataSource.getConnection()) {
            listen(listener, "sandbox_changed");
            jobId = schedule(spec, JobKind.PROVISION);
            // picked up on NOTIFY: the scheduler's own polling interval is 30 s here, so a job
            // polled for would not have started within this wait
            Eventually.await(
                    Duration.ofSeconds(5), () -> provisioning.job(jobId).startedAt() != null);
            awaitFinished(jobId);
            notifications = drain(listener, 300);
        }

        JobSummary job = provisioning.job(jobId);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.drivers())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("global", "simulated", "region-core", "simulated", "region-platform", "simulated"));
        assertThat(job.steps()).allSatisfy(step -> {
            assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(step.attempts()).isEqualTo(1);
            assertThat(step.startedAt()).isNotNull();
            assertThat(step.finishedAt()).isNotNull();
            assertThat(step.log()).contains("(simulated)");
        });
        assertThat(job.steps().getFirst().output()).containsEntry("hostName", spec.name() + ".sandbox.demoportal.test");
        assertThat(events.of(JobStarted.class, jobId)).hasSize(1);
        assertThat(events.of(JobSucceeded.class, jobId)).singleElement().satisfies(done -> {
            assertThat(done.outputs())
                    .containsEntry("accessUrl", "https://" + spec.name() + ".sandbox.demoportal.test/");
            assertThat(done.secrets()).containsOnlyKeys("adminPassword", "kubeconfig");
            assertThat(done.secrets().get("kubeconfig"))
                    .startsWith("# SIMULATED")
                    .contains("namespace: " + spec.name())
                    .contains("server: https://sim-");
            assertThat(done.secrets().get("adminPassword")).hasSizeGreaterThanOrEqualTo(20);
        });
        // claim, 2 changes per step, and the end: the page hears of every one
        assertThat(notifications)
                .filteredOn(spec.sandboxId().toString()::equals)
                .isNotEmpty();
        Eventually.await(
                Duration.ofSeconds(5),
                () -> jdbc.queryForObject(
                                "select count(*) from scheduled_tasks where task_instance = ?",
                                Integer.class,
                                jobId.toString())
                        == 0);
        // one per step that makes something, and the hand-off kit's service account
        assertThat(cloud.existing("sim/"))
                .filteredOn(id -> id.contains("/" + spec.name() + "/"))
                .hasSize(9)
                .contains("sim/region-platform/" + spec.name() + "/sandbox-kit");
        // the sandbox lifecycle (running in the worker) moved the sandbox in the same transactions
        assertThat(jdbc.queryForMap("select status, access_url from sandbox where id = ?", spec.sandboxId()))
                .containsEntry("status", "READY")
                .containsEntry("access_url", "https://" + spec.name() + ".sandbox.demoportal.test/");
        assertThat(registry.get("portal.provisioning.step.duration")
                        .tag("layer", "region-platform")
                        .tag("outcome", "succeeded")
                        .timer()
                        .count())
                .isGreaterThanOrEqualTo(6);
        assertThat(registry.get("portal.provisioning.jobs.completed")
                        .tag("kind", "provision")
                        .tag("outcome", "succeeded")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theSimulatedDriverRecordsTheTemplatesContentsAndRemovesThemAtTeardown() {
        SandboxSpec spec = newSandbox(Map.ofEntries(
                Map.entry("helm.podinfo.chart", "podinfo"),
                Map.entry("helm.podinfo.repository", "https://stefanprodan.github.io/podinfo"),
                Map.entry("helm.podinfo.version", "6.7.1"),
                Map.entry("helm.podinfo.values.ui.message", "Hello ${sandbox.organisation}"),
                Map.entry("route.kind", "httproute"),
                Map.entry("route.service", "podinfo"),
                Map.entry("route.port", "9898"),
                Map.entry("probe.path", "/readyz"),
                Map.entry("vault.kv-path", "workshops/${sandbox.name}"),
                Map.entry("vault.database.connection", "workshop-postgres"),
                Map.entry("vault.database.creation-statements", "CREATE ROLE \"{{name}}\" PASSWORD '{{password}}';")));
        UUID provision = schedule(spec, JobKind.PROVISION);
        JobSummary job = awaitFinished(provision);

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        Map<String, String> logs = new java.util.HashMap<>();
        job.steps().forEach(step -> logs.put(step.name(), step.log()));
        assertThat(logs.get("helm-releases"))
                .contains("Helm release podinfo: podinfo 6.7.1 from https://stefanprodan.github.io/podinfo")
                .contains("ui.message=Hello acme");
        assertThat(logs.get("ingress-route")).contains("httproute to podinfo:9898");
        assertThat(logs.get("readiness-probe"))
                .contains("https://" + spec.name() + ".sandbox.demoportal.test/readyz answered 200 (simulated)");
        String platform = "sim/region-platform/" + spec.name() + "/";
        assertThat(cloud.existing(platform))
                .contains(platform + "helm-releases/podinfo", platform + "ingress-route", platform + "vault");
        // what Vault would hold, on the step's log, and the kit's Vault part handed over with the last step
        assertThat(logs.get("vault"))
                .contains("kvPath secret/workshops/" + spec.name())
                .contains("databaseRole demoportal-sandbox-" + spec.name() + " on connection workshop-postgres");
        assertThat(events.of(JobSucceeded.class, provision))
                .singleElement()
                .satisfies(done -> assertThat(done.secrets())
                        .containsEntry("vault-path", "secret/workshops/" + spec.name())
                        .containsKey("vault-login"));

        assertThat(awaitFinished(schedule(spec, JobKind.TEARDOWN)).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(cloud.existing(platform)).isEmpty();
    }

    @Test
    void tearsDownInReverseAndRecordsAReceiptOnceEverythingIsGone() throws Exception {
        SandboxSpec spec = newSandbox(Map.of());
        awaitFinished(schedule(spec, JobKind.PROVISION));

        UUID teardown = schedule(spec, JobKind.TEARDOWN);
        JobSummary job = awaitFinished(teardown);

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.steps())
                .extracting(StepSummary::name)
                .containsExactly(
                        "cluster-access",
                        "ingress-route",
                        "helm-releases",
                        "vault",
                        "secrets",
                        "namespace",
                        "workload-role",
                        "dns-record",
                        "verify-gone");
        assertThat(cloud.existing("sim/")).noneMatch(id -> id.contains("/" + spec.name() + "/"));
        JobSucceeded done = events.of(JobSucceeded.class, teardown).getFirst();
        JsonNode receipt = JsonMapper.builder().build().readTree(done.outputs().get("teardownReceipt"));
        assertThat(receipt.get("sandbox").asString()).isEqualTo(spec.name());
        assertThat(receipt.get("layers").propertyNames())
                .containsExactlyInAnyOrder("global", "region-core", "region-platform");
        assertThat(done.secrets()).isEmpty();
        assertThat(jdbc.queryForObject("select status from sandbox where id = ?", String.class, spec.sandboxId()))
                .isEqualTo("TORN_DOWN");
        assertThat(jdbc.queryForObject(
                        "select teardown_receipt ->> 'sandbox' from sandbox where id = ?",
                        String.class,
                        spec.sandboxId()))
                .isEqualTo(spec.name());

        // tearing down again finds nothing and changes nothing
        JobSummary again = awaitFinished(schedule(spec, JobKind.TEARDOWN));
        assertThat(again.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(cloud.deletions("sim/global/" + spec.name() + "/dns-record")).isEqualTo(1);
    }

    @Test
    void retriesATransientFailureWithBackoffAndKeepsWhatHappened() {
        SandboxSpec spec = newSandbox(Map.of(SimulatedDriver.PARAM_FAIL_ATTEMPTS + "namespace", "2"));

        JobSummary job = awaitFinished(schedule(spec, JobKind.PROVISION));

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        StepSummary namespace = job.steps().get(3);
        assertThat(namespace.name()).isEqualTo("namespace");
        assertThat(namespace.attempts()).isEqualTo(3);
        assertThat(namespace.error()).isNull();
        assertThat(namespace.log()).contains("retrying at").contains("namespace sim/region-platform/");
        assertThat(job.steps()).filteredOn(s -> !s.name().equals("namespace")).allMatch(s -> s.attempts() == 1);
        assertThat(cloud.creations("sim/region-platform/" + spec.name() + "/namespace"))
                .isEqualTo(1);
    }

    @Test
    void aPermanentFailureFailsTheJobAtOnceWithAClearMessage() {
        SandboxSpec spec = newSandbox(Map.of(SimulatedDriver.PARAM_FAIL_PERMANENTLY, "role-binding"));

        UUID jobId = schedule(spec, JobKind.PROVISION);
        JobSummary job = awaitFinished(jobId);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorMessage()).isEqualTo("role-binding: simulated permanent failure of role-binding");
        assertThat(job.steps())
                .extracting(StepSummary::status)
                .containsExactly(
                        StepStatus.SUCCEEDED,
                        StepStatus.SUCCEEDED,
                        StepStatus.SUCCEEDED,
                        StepStatus.SUCCEEDED,
                        StepStatus.SUCCEEDED,
                        StepStatus.SUCCEEDED,
                        StepStatus.SUCCEEDED,
                        StepStatus.FAILED,
                        StepStatus.PENDING,
                        StepStatus.PENDING,
                        StepStatus.PENDING,
                        StepStatus.PENDING,
                        StepStatus.PENDING);
        assertThat(job.steps().get(7).attempts()).isEqualTo(1);
        assertThat(events.of(JobFailed.class, jobId))
                .singleElement()
                .isEqualTo(new JobFailed(
                        jobId,
                        spec.sandboxId(),
                        JobKind.PROVISION,
                        Layer.REGION_PLATFORM,
                        "role-binding",
                        "simulated permanent failure of role-binding"));
        assertThat(events.of(JobSucceeded.class, jobId)).isEmpty();
        // the worker removes the execution right after it commits the failure
        Eventually.await(
                Duration.ofSeconds(5),
                () -> jdbc.queryForObject(
                                "select count(*) from scheduled_tasks where task_instance = ?",
                                Integer.class,
                                jobId.toString())
                        == 0);
        assertThat(jdbc.queryForObject("select status from sandbox where id = ?", String.class, spec.sandboxId()))
                .isEqualTo("FAILED");
    }

    @Test
    void aJobThatRanOutOfRetriesIsRetriedFromItsFailedStepWithoutRepeatingTheOthers() {
        // three attempts allowed, the first four fail: the job fails, a retry then gets through
        SandboxSpec spec = newSandbox(Map.of(SimulatedDriver.PARAM_FAIL_ATTEMPTS + "network-policy", "4"));
        UUID jobId = schedule(spec, JobKind.PROVISION);
        JobSummary failed = awaitFinished(jobId);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.errorMessage()).contains("network-policy").contains("gave up after 3 attempts");

        // the worker records the failure, then removes the execution
        Eventually.await(
                Duration.ofSeconds(5),
                () -> jdbc.queryForObject(
                                "select count(*) from scheduled_tasks where task_instance = ?",
                                Integer.class,
                                jobId.toString())
                        == 0);
        SystemTask.run("test", List.of("FIELD_ENGINEER"), () -> provisioning.retry(jobId));
        JobSummary retried = awaitFinished(jobId);

        assertThat(retried.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(retried.steps().get(6).name()).isEqualTo("network-policy");
        assertThat(retried.steps().get(6).attempts()).isEqualTo(2);
        assertThat(retried.steps())
                .filteredOn(s -> !s.name().equals("network-policy"))
                .allMatch(s -> s.attempts() == 1);
        assertThat(events.of(JobStarted.class, jobId)).hasSize(2);
        assertThat(events.of(JobFailed.class, jobId)).hasSize(1);
        assertThat(events.of(JobSucceeded.class, jobId)).hasSize(1);
        assertThat(cloud.creations("sim/global/" + spec.name() + "/dns-record")).isEqualTo(1);
    }

    private static void listen(Connection c, String channel) throws Exception {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + channel);
        }
    }

    private static List<String> drain(Connection listener, int waitMillis) throws Exception {
        List<String> received = new ArrayList<>();
        long until = System.nanoTime() + waitMillis * 1_000_000L;
        while (System.nanoTime() < until) {
            PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(50);
            if (batch != null) {
                for (PGNotification n : batch) {
                    received.add(n.getParameter());
                }
            }
        }
        return received;
    }
}
