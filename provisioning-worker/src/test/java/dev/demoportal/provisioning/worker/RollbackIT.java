package dev.demoportal.provisioning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.base.SystemTask;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import dev.demoportal.provisioning.ProvisioningService;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.worker.simulated.SimulatedCloud;
import dev.demoportal.provisioning.worker.simulated.SimulatedDriver;
import dev.demoportal.testing.PortalDatabaseTest;
import dev.demoportal.testing.SandboxRows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failure injection: a provision that fails in a layer mid-plan is rolled back through the worker
 * and db-scheduler on a real database (simulated drivers): the steps that ran are undone in
 * reverse, nothing of the sandbox is left, it stays FAILED with a receipt; before the rollback
 * deadline a person can retry the failed step instead, which cancels the rollback.
 */
@SpringBootTest(
        classes = ProvisioningWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "db-scheduler.polling-interval=30s",
            "portal.provisioning.simulated.latency=0s",
            "portal.provisioning.retry.max-attempts=3",
            "portal.provisioning.retry.initial-backoff=40ms",
            "portal.provisioning.retry.max-backoff=200ms",
            "portal.provisioning.rollback.after=1h"
        })
@PortalDatabaseTest
class RollbackIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    SandboxRows sandboxes;

    @BeforeEach
    void setUp() {
        sandboxes = new SandboxRows(dataSource);
    }

    @Test
    void aLayerFailingMidPlanIsRolledBackInReverseAndLeavesNothing() {
        SandboxSpec spec =
                newSandbox(Map.of(SimulatedDriver.PARAM_FAIL_PERMANENTLY, "role-binding", "rollback", "immediate"));
        JobSummary failed = awaitFinished(schedule(spec));
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);

        JobSummary rollback = awaitFinished(rollbackOf(spec));

        assertThat(rollback.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(rollback.steps())
                .extracting(StepSummary::name)
                .containsExactly(
                        "cluster-access",
                        "role-binding",
                        "network-policy",
                        "limit-range",
                        "resource-quota",
                        "namespace",
                        "workload-role",
                        "dns-record",
                        "verify-gone");
        assertThat(cloud.existing("sim/")).noneMatch(id -> id.contains("/" + spec.name() + "/"));
        Map<String, Object> row = jdbc.queryForMap(
                "select status, rollback_started_at, rolled_back_at, rollback_receipt::text as receipt"
                        + " from sandbox where id = ?",
                spec.sandboxId());
        assertThat(row).containsEntry("status", "FAILED");
        assertThat(row.get("rollback_started_at")).isNotNull();
        assertThat(row.get("rolled_back_at")).isNotNull();
        JsonNode receipt = JSON.readTree((String) row.get("receipt"));
        assertThat(receipt.get("kind").asString()).isEqualTo("rollback");
        assertThat(receipt.get("nothingLeft").asBoolean()).isTrue();
        assertThat(receipt.get("layers")
                        .get("region-platform")
                        .get("removed")
                        .valueStream()
                        .map(step -> step.get("step").asString()))
                .containsExactly("role-binding", "network-policy", "limit-range", "resource-quota", "namespace");
        assertThat(receipt.get("layers")
                        .get("global")
                        .get("leftoverScans")
                        .get(0)
                        .get("found"))
                .isEmpty();
        // what it made is gone, so the failed step cannot be retried on its own any more
        assertThat(retryRefusal(failed.id())).contains("rolled back");
    }

    @Test
    void retryingTheFailedStepBeforeTheDeadlineCancelsTheRollback() {
        // three attempts allowed, four fail: the budget is spent, the rollback waits an hour
        SandboxSpec spec = newSandbox(Map.of(SimulatedDriver.PARAM_FAIL_ATTEMPTS + "network-policy", "4"));
        UUID jobId = schedule(spec);
        assertThat(awaitFinished(jobId).status()).isEqualTo(JobStatus.FAILED);
        UUID rollback = rollbackOf(spec);
        assertThat(provisioning.job(rollback).status()).isEqualTo(JobStatus.QUEUED);
        Instant due = jdbc.queryForObject(
                        "select execution_time from scheduled_tasks where task_instance = ?",
                        java.sql.Timestamp.class,
                        rollback.toString())
                .toInstant();
        assertThat(due).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
        awaitExecutionGone(jobId);

        SystemTask.run("test", List.of("FIELD_ENGINEER"), () -> provisioning.retry(jobId));

        assertThat(awaitFinished(jobId).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(provisioning.job(rollback).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(provisioning.job(rollback).errorMessage()).contains("retried the failed provision");
        assertThat(jdbc.queryForMap("select status, rolled_back_at from sandbox where id = ?", spec.sandboxId()))
                .containsEntry("status", "READY")
                .containsEntry("rolled_back_at", null);
        // one per step that makes something, and the hand-off kit's service account
        assertThat(cloud.existing("sim/"))
                .filteredOn(id -> id.contains("/" + spec.name() + "/"))
                .hasSize(9);
    }

    @Test
    void theFinalCheckFindsALeftoverByTheSandboxIdBeyondThePortalsNames() {
        SandboxSpec spec =
                newSandbox(Map.of(SimulatedDriver.PARAM_FAIL_PERMANENTLY, "namespace", "rollback", "immediate"));
        // a volume a claim left behind, under a name the portal never chose
        String orphan = "sim/region-platform/volumes/pv-" + spec.sandboxId();
        cloud.ensure(orphan, Map.of());

        awaitFinished(schedule(spec));
        JobSummary rollback = awaitFinished(rollbackOf(spec));

        assertThat(rollback.status()).isEqualTo(JobStatus.FAILED);
        assertThat(rollback.errorMessage()).contains("verify-gone").contains(orphan);
        assertThat(jdbc.queryForMap("select status, rolled_back_at from sandbox where id = ?", spec.sandboxId()))
                .containsEntry("status", "FAILED")
                .containsEntry("rolled_back_at", null);
        cloud.remove(orphan);
    }

    private SandboxSpec newSandbox(Map<String, String> parameters) {
        String name = "rb-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = sandboxes.approvedSandbox(name, "emea");
        return new SandboxSpec(id, name, "acme", "web-shop", "emea", "eu-west-1", "acme-users", null, parameters);
    }

    private UUID schedule(SandboxSpec spec) {
        return tx.execute(status -> provisioning.schedule(spec, JobKind.PROVISION));
    }

    private UUID rollbackOf(SandboxSpec spec) {
        Eventually.await(
                Duration.ofSeconds(20),
                () -> jdbc.queryForObject(
                                "select count(*) from provisioning_job where sandbox_id = ? and kind = 'ROLLBACK'",
                                Integer.class,
                                spec.sandboxId())
                        == 1);
        return jdbc.queryForObject(
                "select id from provisioning_job where sandbox_id = ? and kind = 'ROLLBACK'",
                UUID.class,
                spec.sandboxId());
    }

    private JobSummary awaitFinished(UUID jobId) {
        Eventually.await(Duration.ofSeconds(30), () -> provisioning.job(jobId).finishedAt() != null);
        return provisioning.job(jobId);
    }

    private void awaitExecutionGone(UUID jobId) {
        Eventually.await(
                Duration.ofSeconds(5),
                () -> jdbc.queryForObject(
                                "select count(*) from scheduled_tasks where task_instance = ?",
                                Integer.class,
                                jobId.toString())
                        == 0);
    }

    private String retryRefusal(UUID jobId) {
        try {
            SystemTask.run("test", List.of("FIELD_ENGINEER"), () -> provisioning.retry(jobId));
            return "";
        } catch (RuntimeException refused) {
            return refused.getMessage();
        }
    }
}
