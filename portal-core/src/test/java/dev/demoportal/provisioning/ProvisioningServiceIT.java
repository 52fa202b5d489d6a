package dev.demoportal.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.AuditRows;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.SystemTask;
import dev.demoportal.identity.Role;
import dev.demoportal.provisioning.JobExecutionService.Claimed;
import dev.demoportal.provisioning.JobExecutionService.JobLost;
import dev.demoportal.provisioning.JobExecutionService.JobRun;
import dev.demoportal.provisioning.JobExecutionService.NoCapacity;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepStatus;
import dev.demoportal.testing.PortalDatabaseTest;
import dev.demoportal.testing.SandboxRows;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduling and recording jobs on a real database, with no scheduler running (as in the portal):
 * the job, its plan and its db-scheduler execution commit with the caller's transaction or not at
 * all, and the worker's side of the contract moves it step by step.
 */
@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
@RecordApplicationEvents
class ProvisioningServiceIT {

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    JobExecutionService executions;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationEvents events;

    SandboxRows sandboxes;

    @BeforeEach
    void setUp() {
        sandboxes = new SandboxRows(dataSource);
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    private SandboxSpec spec(UUID sandboxId, String name) {
        return new SandboxSpec(
                sandboxId,
                name,
                "acme",
                "web-shop",
                "emea",
                "eu-west-1",
                "acme-sandbox-users",
                null,
                Map.of("cpu", "4"));
    }

    private SandboxSpec newSandbox() {
        String name = "sb-" + UUID.randomUUID().toString().substring(0, 8);
        return spec(sandboxes.approvedSandbox(name, "emea"), name);
    }

    private UUID scheduleCommitted(SandboxSpec spec, JobKind kind) {
        return tx.execute(status -> provisioning.schedule(spec, kind));
    }

    @Test
    void schedulesTheJobItsPlanAndItsExecutionInTheCallersTransaction() {
        SandboxSpec spec = newSandbox();

        UUID jobId = scheduleCommitted(spec, JobKind.PROVISION);

        List<JobSummary> jobs = provisioning.jobs(spec.sandboxId());
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo(jobId);
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.kind()).isEqualTo(JobKind.PROVISION);
            assertThat(job.steps())
                    .extracting(JobSummary.StepSummary::name)
                    .containsExactly(
                            "dns-record",
                            "workload-role",
                            "cluster-access",
                            "namespace",
                            "resource-quota",
                            "limit-range",
                            "network-policy",
                            "role-binding",
                            "vault",
                            "helm-releases",
                            "ingress-route",
                            "readiness-probe",
                            "secrets");
            assertThat(job.steps()).allSatisfy(step -> {
                assertThat(step.status()).isEqualTo(StepStatus.PENDING);
                assertThat(step.attempts()).isZero();
            });
            assertThat(job.progress()).isZero();
        });
        assertThat(jdbc.queryForList(
                        "select task_name || '/' || picked from scheduled_tasks where task_instance = ?",
                        String.class,
                        jobId.toString()))
                .containsExactly("provisioning-job/false");
        assertThat(jdbc.queryForObject(
                        "select spec ->> 'name' from provisioning_job where id = ?", String.class, jobId))
                .isEqualTo(spec.name());
    }

    @Test
    void aRolledBackTransactionLeavesNeitherJobNorExecution() {
        SandboxSpec spec = newSandbox();

        tx.executeWithoutResult(status -> {
            provisioning.schedule(spec, JobKind.PROVISION);
            status.setRollbackOnly();
        });

        assertThat(provisioning.jobs(spec.sandboxId())).isEmpty();
        assertThat(jdbc.queryForObject("""
                select count(*) from scheduled_tasks where task_name = 'provisioning-job'
                and task_instance not in (select id::text from provisioning_job)""", Integer.class)).isZero();
    }

    @Test
    void refusesToScheduleOutsideATransaction() {
        SandboxSpec spec = newSandbox();

        assertThatThrownBy(() -> provisioning.schedule(spec, JobKind.PROVISION))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void oneOpenJobPerSandbox() {
        SandboxSpec spec = newSandbox();
        UUID first = scheduleCommitted(spec, JobKind.PROVISION);

        assertThatThrownBy(() -> scheduleCommitted(spec, JobKind.TEARDOWN)).isInstanceOf(JobAlreadyOpen.class);

        assertThat(provisioning.jobs(spec.sandboxId()))
                .extracting(JobSummary::id)
                .containsExactly(first);
    }

    @Test
    void wakesWorkersAndTheSandboxPageOnlyWhenTheSchedulingCommits() throws Exception {
        SandboxSpec spec = newSandbox();
        try (Connection listener = dataSource.getConnection()) {
            listener.setAutoCommit(true);
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN provisioning_job_scheduled");
                s.execute("LISTEN sandbox_changed");
            }
            tx.executeWithoutResult(status -> {
                provisioning.schedule(spec, JobKind.PROVISION);
                status.setRollbackOnly();
            });
            assertThat(notifications(listener, 300)).isEmpty();

            UUID jobId = scheduleCommitted(spec, JobKind.PROVISION);

            assertThat(notifications(listener, 2000))
                    .contains("provisioning_job_scheduled:" + jobId, "sandbox_changed:" + spec.sandboxId());
        }
    }

    @Test
    void theWorkerSideRecordsEachStepAndPublishesStartAndSuccessWithOutputsAndSecrets() {
        SandboxSpec spec = newSandbox();
        UUID jobId = scheduleCommitted(spec, JobKind.PROVISION);

        JobRun run =
                system(() -> ((Claimed) executions.claim(jobId, "worker-a#1", 5, Map.of("global", "simulated"))).run());
        assertThat(events.stream(ProvisioningEvents.JobStarted.class))
                .containsExactly(new ProvisioningEvents.JobStarted(jobId, spec.sandboxId(), JobKind.PROVISION));
        int steps = run.steps().size();
        Map<String, String> outputs = new java.util.LinkedHashMap<>();
        assertThat(system(() -> executions.stepStarted(run, 1))).isEqualTo(1);
        for (int ordinal = 1; ordinal < steps; ordinal++) {
            int o = ordinal;
            Map<String, String> output =
                    Map.of("step" + o, "resource-" + o, "accessUrl", "https://" + spec.name() + ".example/");
            // a step's success and the next one's start are one write
            assertThat(system(() -> executions.stepSucceededAndNextStarted(run, o, output, "did " + o + "\n", o + 1)))
                    .isEqualTo(1);
            outputs.putAll(output);
            assertThat(provisioning.job(jobId).steps().get(o).status()).isEqualTo(StepStatus.RUNNING);
        }
        system(() -> {
            executions.lastStepSucceeded(
                    run,
                    steps,
                    new StepResult(Map.of("secretRef", "ref"), Map.of("adminPassword", "s3cret")),
                    "",
                    outputs);
            return null;
        });

        JobSummary job = provisioning.job(jobId);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.finishedAt()).isNotNull();
        assertThat(job.drivers()).containsEntry("global", "simulated");
        assertThat(job.simulated()).isTrue();
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(job.steps().getFirst().log()).isEqualTo("did 1\n");
        assertThat(job.steps().getLast().output())
                .containsEntry("secretRef", "ref")
                .doesNotContainKey("adminPassword");
        assertThat(events.stream(ProvisioningEvents.JobSucceeded.class))
                .singleElement()
                .satisfies(done -> {
                    assertThat(done.outputs())
                            .containsEntry("accessUrl", "https://" + spec.name() + ".example/")
                            .containsEntry("step1", "resource-1")
                            .containsEntry("secretRef", "ref");
                    assertThat(done.secrets()).containsExactly(Map.entry("adminPassword", "s3cret"));
                    assertThat(done.toString()).doesNotContain("s3cret");
                });
        assertThat(jdbc.queryForObject(
                        "select count(*) from provisioning_step where output::text like '%s3cret%' or log like '%s3cret%'",
                        Integer.class))
                .isZero();
    }

    @Test
    void aWorkerPresumedDeadCannotWriteOverItsSuccessor() {
        SandboxSpec spec = newSandbox();
        UUID jobId = scheduleCommitted(spec, JobKind.EXTEND);
        JobRun first = system(() -> ((Claimed) executions.claim(jobId, "worker-a#1", 5, Map.of())).run());
        system(() -> executions.stepStarted(first, 1));

        // db-scheduler revived the execution on another worker: it claims the same running job
        JobRun second = system(() -> ((Claimed) executions.claim(jobId, "worker-b#2", 5, Map.of())).run());

        assertThat(second.steps().getFirst().status()).isEqualTo(StepStatus.RUNNING);
        assertThatThrownBy(() -> system(() -> {
                    executions.stepSucceeded(first, 1, Map.of(), "");
                    return null;
                }))
                .isInstanceOf(JobLost.class);
        assertThatThrownBy(() -> system(() -> executions.stepSucceededAndNextStarted(first, 1, Map.of(), "", 2)))
                .isInstanceOf(JobLost.class);
        assertThatThrownBy(() -> system(() -> executions.stepStarted(first, 1))).isInstanceOf(JobLost.class);
        assertThat(system(() -> executions.stepStarted(second, 1))).isEqualTo(2);
        assertThat(provisioning.job(jobId).steps().getFirst().status()).isEqualTo(StepStatus.RUNNING);
        // the job started once, however many workers ran it
        assertThat(events.stream(ProvisioningEvents.JobStarted.class)).hasSize(1);
    }

    @Test
    void aStepMovesOnlyAsItsTableAllows() {
        SandboxSpec spec = newSandbox();
        UUID jobId = scheduleCommitted(spec, JobKind.PROVISION);
        JobRun run = system(() -> ((Claimed) executions.claim(jobId, "worker-a#1", 5, Map.of())).run());

        // a pending step has not run: it cannot have succeeded
        assertThatThrownBy(() -> system(() -> {
                    executions.stepSucceeded(run, 1, Map.of(), "");
                    return null;
                }))
                .isInstanceOfSatisfying(IllegalStepTransition.class, refused -> {
                    assertThat(refused.from()).isEqualTo(StepStatus.PENDING);
                    assertThat(refused.to()).isEqualTo(StepStatus.SUCCEEDED);
                    assertThat(refused.code()).isEqualTo("provisioning.illegal_step_transition");
                });
        system(() -> {
            executions.stepStarted(run, 1);
            executions.stepSucceeded(run, 1, Map.of("done", "yes"), "");
            return null;
        });
        // a step that already succeeded cannot start again, not even as the next of another one;
        // the refusal rolls back the other step's write too
        system(() -> {
            executions.stepStarted(run, 2);
            return null;
        });
        jdbc.update("update provisioning_step set status = 'SUCCEEDED' where job_id = ? and ordinal = 3", jobId);
        assertThatThrownBy(() -> system(() -> executions.stepSucceededAndNextStarted(run, 2, Map.of(), "", 3)))
                .isInstanceOfSatisfying(IllegalStepTransition.class, refused -> {
                    assertThat(refused.from()).isEqualTo(StepStatus.SUCCEEDED);
                    assertThat(refused.to()).isEqualTo(StepStatus.RUNNING);
                });
        assertThat(provisioning.job(jobId).steps().get(1).status()).isEqualTo(StepStatus.RUNNING);
        // nor can a step that succeeded fail afterwards: the refusal rolls the whole write back
        assertThatThrownBy(() -> system(() -> {
                    executions.stepFailed(run, 1, "late", "");
                    return null;
                }))
                .isInstanceOf(IllegalStepTransition.class);

        JobSummary job = provisioning.job(jobId);
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.steps().getFirst().status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(job.steps().getFirst().output()).containsEntry("done", "yes");
        // hand it back: the region's capacity is counted from claimed jobs
        system(() -> {
            executions.release(run);
            return null;
        });
    }

    @Test
    void aClaimCanStartTheFirstStepThatHasNotSucceeded() {
        SandboxSpec spec = newSandbox();
        UUID jobId = scheduleCommitted(spec, JobKind.PROVISION);
        Claimed first = system(() -> (Claimed) executions.claimAndStart(jobId, "worker-a#1", 5, Map.of()));
        assertThat(first.startedAttempt()).isEqualTo(1);
        assertThat(provisioning.job(jobId).steps().getFirst().status()).isEqualTo(StepStatus.RUNNING);
        assertThat(system(() -> executions.stepSucceededAndNextStarted(first.run(), 1, Map.of(), "", 2)))
                .isEqualTo(1);

        // the worker died in step 2: its successor's claim starts step 2 again, step 1 stays done
        Claimed second = system(() -> (Claimed) executions.claimAndStart(jobId, "worker-b#2", 5, Map.of()));
        assertThat(second.startedAttempt()).isEqualTo(2);
        JobSummary job = provisioning.job(jobId);
        assertThat(job.steps().get(0).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(job.steps().get(0).attempts()).isEqualTo(1);
        assertThat(job.steps().get(1).status()).isEqualTo(StepStatus.RUNNING);
        assertThat(job.steps().get(1).attempts()).isEqualTo(2);
        system(() -> {
            executions.release(second.run());
            return null;
        });
    }

    @Test
    void aFullRegionTurnsClaimsAway() {
        SandboxSpec a = newSandbox();
        SandboxSpec b = newSandbox();
        UUID jobA = scheduleCommitted(a, JobKind.PROVISION);
        UUID jobB = scheduleCommitted(b, JobKind.PROVISION);

        assertThat(system(() -> executions.claim(jobA, "w#1", 1, Map.of()))).isInstanceOf(Claimed.class);
        assertThat(system(() -> executions.claim(jobB, "w#2", 1, Map.of()))).isEqualTo(new NoCapacity(1));
        assertThat(provisioning.job(jobB).status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void aFailedJobIsRetriedFromItsFailedStepByAFieldEngineer() {
        SandboxSpec spec = newSandbox();
        UUID jobId = scheduleCommitted(spec, JobKind.PROVISION);
        JobRun run = system(() -> ((Claimed) executions.claim(jobId, "w#1", 5, Map.of())).run());
        system(() -> {
            executions.stepStarted(run, 1);
            executions.stepSucceeded(run, 1, Map.of("hostName", "h"), "");
            executions.stepStarted(run, 2);
            executions.stepFailed(run, 2, "AccessDenied: not allowed to create roles", "");
            return null;
        });
        jdbc.update("delete from scheduled_tasks where task_instance = ?", jobId.toString());
        assertThat(events.stream(ProvisioningEvents.JobFailed.class))
                .singleElement()
                .satisfies(failed -> {
                    assertThat(failed.layer()).isEqualTo(Layer.GLOBAL);
                    assertThat(failed.step()).isEqualTo("workload-role");
                    assertThat(failed.message()).contains("AccessDenied");
                });
        assertThat(provisioning.job(jobId).errorMessage())
                .isEqualTo("workload-role: AccessDenied: not allowed to create roles");

        TestUsers.signInAs("Cara Customer", Role.CUSTOMER);
        assertThatThrownBy(() -> provisioning.retry(jobId)).isInstanceOf(AuthorizationDeniedException.class);

        TestUsers.signInAs("Fiona Field", Role.FIELD_ENGINEER);
        JobSummary retried = provisioning.retry(jobId);

        assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(retried.errorMessage()).isNull();
        assertThat(retried.steps())
                .extracting(JobSummary.StepSummary::status)
                .startsWith(StepStatus.SUCCEEDED, StepStatus.PENDING, StepStatus.PENDING);
        assertThat(retried.steps().get(1).log()).contains("retried by Fiona Field");
        assertThat(jdbc.queryForObject(
                        "select count(*) from scheduled_tasks where task_instance = ?",
                        Integer.class,
                        jobId.toString()))
                .isEqualTo(1);
        assertThat(new AuditRows(jdbc).withAction("provisioning.job.retried"))
                .singleElement()
                .satisfies(row -> assertThat(row.actorName()).isEqualTo("Fiona Field"));
        assertThatThrownBy(() -> provisioning.retry(jobId)).isInstanceOf(JobNotRetryable.class);
    }

    /**
     * A job row reads back whatever spec it stores, as long as the schema allows it (an object):
     * the sandbox page and the API list jobs whose spec has no parameters, or nothing at all.
     */
    @Test
    void jobsWithASparseStoredSpecAreStillRead() {
        SandboxSpec spec = newSandbox();
        UUID empty = UUID.randomUUID();
        UUID nullParameters = UUID.randomUUID();
        jdbc.update(
                """
                insert into provisioning_job (id, sandbox_id, kind, status, region_code, spec, created_at, finished_at)
                values (?, ?, 'PROVISION', 'FAILED', 'emea', '{}', now() - interval '2 hours', now() - interval '2 hours'),
                       (?, ?, 'TEARDOWN', 'SUCCEEDED', 'emea', ?::jsonb, now() - interval '1 hour', now() - interval '1 hour')""",
                empty,
                spec.sandboxId(),
                nullParameters,
                spec.sandboxId(),
                "{\"sandboxId\": \"" + spec.sandboxId() + "\", \"name\": \"" + spec.name()
                        + "\", \"parameters\": null, " + "\"extra\": {\"ignored\": true}}");

        assertThat(provisioning.jobs(spec.sandboxId()))
                .extracting(JobSummary::id)
                .containsExactly(nullParameters, empty);
        assertThat(provisioning.job(empty).status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void aSpecReadBackHasItsParametersWithoutNullsAndAMissingMapIsEmpty() {
        Map<String, String> withNull = new java.util.HashMap<>(Map.of("cpu", "4"));
        withNull.put("memory", null);
        SandboxSpec read = new SandboxSpec(
                UUID.randomUUID(), "sb", "acme", "web-shop", "emea", "eu-west-1", "group", null, withNull);

        assertThat(read.parameters()).containsExactly(Map.entry("cpu", "4"));
        assertThat(new SandboxSpec(
                                UUID.randomUUID(), "sb", "acme", "web-shop", "emea", "eu-west-1", "group", null, null)
                        .parameters())
                .isEmpty();
    }

    private <T> T system(Supplier<T> work) {
        return SystemTask.run("provisioning", List.of("ADMIN"), work);
    }

    private static List<String> notifications(Connection listener, int waitMillis) throws Exception {
        List<String> received = new ArrayList<>();
        long until = System.nanoTime() + waitMillis * 1_000_000L;
        while (System.nanoTime() < until) {
            PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(100);
            if (batch != null) {
                for (PGNotification n : batch) {
                    received.add(n.getName() + ":" + n.getParameter());
                }
            }
        }
        return received;
    }
}
