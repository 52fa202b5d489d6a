package dev.demoportal.provisioning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import dev.demoportal.provisioning.ProvisioningService;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.worker.pipeline.FakeCircleCi;
import dev.demoportal.testing.PortalDatabaseTest;
import dev.demoportal.testing.SandboxRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A worker dies while the pipeline it triggered runs: the worker that resumes the job (here, the
 * job runner driven by hand for two workers, db-scheduler off) follows the same CircleCI pipeline,
 * found in the step's stored state; the fake counts one trigger. The dead worker, waking up, loses
 * its next write to the fence and stops without touching the job. Global on the pipeline, the other
 * layers simulated: a mixed plan.
 */
@SpringBootTest(
        classes = ProvisioningWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "db-scheduler.enabled=false",
            "portal.provisioning.drivers.global=pipeline",
            "portal.provisioning.simulated.latency=0s",
            "portal.provisioning.pipelines.poll-interval=50ms"
        })
@PortalDatabaseTest
class PipelineResumeIT {

    static final String DNS = "gh/acme/dns";
    static final FakeCircleCi CIRCLECI = new FakeCircleCi();

    @DynamicPropertySource
    static void pipelines(DynamicPropertyRegistry registry) {
        Path token;
        try {
            token = Files.createTempFile("ci-token", "");
            Files.writeString(token, "token-" + UUID.randomUUID());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add(
                "portal.provisioning.pipelines.circleci-api-url",
                () -> CIRCLECI.apiUrl().toString());
        registry.add(
                "portal.provisioning.pipelines.circleci-app-url",
                () -> CIRCLECI.appUrl().toString());
        registry.add("portal.provisioning.pipelines.global[0].system", () -> "circleci");
        registry.add("portal.provisioning.pipelines.global[0].project", () -> DNS);
        registry.add("portal.provisioning.pipelines.global[0].token", () -> "file:" + token);
    }

    @AfterAll
    static void stopFake() {
        CIRCLECI.close();
    }

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    JobRunner runner;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aJobResumedAfterItsWorkerDiedFollowsThePipelineThatWorkerStartedAndNeverTriggersASecond() throws Exception {
        String name = "sb-" + UUID.randomUUID().toString().substring(0, 8);
        UUID sandboxId = new SandboxRows(dataSource).approvedSandbox(name, "emea");
        SandboxSpec spec =
                new SandboxSpec(sandboxId, name, "acme", "web-shop", "emea", "eu-west-1", "acme-users", null, Map.of());
        String pipeline = CIRCLECI.willRunOn(DNS, "running");
        CIRCLECI.publishesOutputs(DNS, pipeline, "{\"accessUrl\": \"https://" + name + ".example.com/\"}");
        UUID jobId = tx.execute(status -> provisioning.schedule(spec, JobKind.PROVISION));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> workerA = threads.submit(() -> runner.run(jobId, "worker-a#1", () -> false));
            Eventually.await(Duration.ofSeconds(60), () -> "running".equals(state(jobId, "pipeline.status")));
            assertThat(state(jobId, "pipeline.id")).isEqualTo(pipeline);

            // worker A is presumed dead (its thread stuck in the poll); B picks the job up where it is
            Future<?> workerB = threads.submit(() -> runner.run(jobId, "worker-b#2", () -> false));
            Eventually.await(
                    Duration.ofSeconds(60),
                    () -> "worker-b#2"
                                    .equals(jdbc.queryForObject(
                                            "select worker from provisioning_job where id = ?", String.class, jobId))
                            && dnsRecord(jobId).attempts() == 2);
            CIRCLECI.workflowNow(DNS, pipeline, "success");

            workerB.get(60, TimeUnit.SECONDS);
            // A wakes up to the same success, and its write is refused: it stops without touching the job
            workerA.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        JobSummary job = provisioning.job(jobId);
        assertThat(job.status()).as(Objects.toString(job.errorMessage())).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(CIRCLECI.triggers(DNS)).hasSize(1);
        StepSummary dns = dnsRecord(jobId);
        assertThat(dns.attempts()).isEqualTo(2);
        assertThat(dns.pipelineRun().id()).isEqualTo(pipeline);
        assertThat(dns.pipelineRun().status()).isEqualTo("success");
        assertThat(dns.log()).contains("following CircleCI run " + pipeline);
        assertThat(job.drivers()).containsEntry("global", "pipeline").containsEntry("region-core", "simulated");
        assertThat(jdbc.queryForObject("select access_url from sandbox where id = ?", String.class, sandboxId))
                .isEqualTo("https://" + name + ".example.com/");
    }

    private String state(UUID jobId, String key) {
        return jdbc.queryForObject(
                "select state ->> ? from provisioning_step where job_id = ? and name = 'dns-record'",
                String.class,
                key,
                jobId);
    }

    private StepSummary dnsRecord(UUID jobId) {
        return provisioning.job(jobId).steps().stream()
                .filter(s -> s.name().equals("dns-record"))
                .findFirst()
                .orElseThrow();
    }
}
