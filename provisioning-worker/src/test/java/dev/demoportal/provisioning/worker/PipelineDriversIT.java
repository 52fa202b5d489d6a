package dev.demoportal.provisioning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import dev.demoportal.provisioning.PipelineRun;
import dev.demoportal.provisioning.ProvisioningService;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.worker.pipeline.FakeCircleCi;
import dev.demoportal.provisioning.worker.pipeline.FakeGitHubActions;
import dev.demoportal.testing.PortalDatabaseTest;
import dev.demoportal.testing.SandboxRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
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
 * End to end through the worker (db-scheduler, the job runner, the real database) with every layer
 * on the team's pipelines: global and region-core on a CircleCI fake (two projects), region-platform
 * on a GitHub Actions fake. A sandbox provisions, gets the access URL its global pipeline published,
 * and tears down; each layer's pipeline runs once per job, with the action it is for.
 */
@SpringBootTest(
        classes = ProvisioningWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.provisioning.drivers.global=pipeline",
            "portal.provisioning.drivers.region-core=pipeline",
            "portal.provisioning.drivers.region-platform=pipeline",
            "portal.provisioning.pipelines.poll-interval=50ms",
            "portal.provisioning.retry.initial-backoff=40ms",
            "portal.provisioning.retry.max-backoff=200ms"
        })
@PortalDatabaseTest
class PipelineDriversIT {

    static final String DNS = "gh/acme/dns";
    static final FakeCircleCi CIRCLECI = new FakeCircleCi();
    static final FakeGitHubActions GITHUB = new FakeGitHubActions();
    static final String TOKEN = "token-" + UUID.randomUUID();

    @DynamicPropertySource
    static void pipelines(DynamicPropertyRegistry registry) {
        Path token;
        try {
            // a mounted Kubernetes Secret, as the chart would mount it
            token = Files.createTempFile("ci-token", "");
            Files.writeString(token, TOKEN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add(
                "portal.provisioning.pipelines.circleci-api-url",
                () -> CIRCLECI.apiUrl().toString());
        registry.add(
                "portal.provisioning.pipelines.circleci-app-url",
                () -> CIRCLECI.appUrl().toString());
        registry.add(
                "portal.provisioning.pipelines.github-api-url",
                () -> GITHUB.apiUrl().toString());
        // a list is bound from one property source only: each pipeline is given here whole
        String p = "portal.provisioning.pipelines.";
        registry.add(p + "global[0].system", () -> "circleci");
        registry.add(p + "global[0].project", () -> DNS);
        registry.add(p + "region-core[0].system", () -> "circleci");
        registry.add(p + "region-core[0].regions", () -> "emea");
        registry.add(p + "region-core[0].project", () -> FakeCircleCi.SLUG);
        registry.add(p + "region-core[0].outputs", () -> "");
        registry.add(p + "region-platform[0].system", () -> "github-actions");
        registry.add(p + "region-platform[0].project", () -> FakeGitHubActions.REPO);
        registry.add(p + "region-platform[0].workflow", () -> FakeGitHubActions.WORKFLOW);
        for (String layer : new String[] {"global", "region-core", "region-platform"}) {
            registry.add(p + layer + "[0].token", () -> "file:" + token);
        }
    }

    @AfterAll
    static void stopFakes() {
        CIRCLECI.close();
        GITHUB.close();
    }

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    private JobSummary run(SandboxSpec spec, JobKind kind) {
        UUID jobId = tx.execute(status -> provisioning.schedule(spec, kind));
        Eventually.await(Duration.ofSeconds(60), () -> provisioning.job(jobId).finishedAt() != null);
        return provisioning.job(jobId);
    }

    @Test
    void aSandboxProvisionsAndTearsDownWithTwoLayersOnCircleCiAndOneOnGitHubActions() {
        String name = "sb-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = new SandboxRows(dataSource).approvedSandbox(name, "emea");
        SandboxSpec spec =
                new SandboxSpec(id, name, "acme", "web-shop", "emea", "eu-west-1", "acme-users", null, Map.of());
        String dns = CIRCLECI.willRunOn(DNS, "running", "success");
        CIRCLECI.publishesOutputs(
                DNS,
                dns,
                "{\"accessUrl\": \"https://" + name + ".sandboxes.example.com/\"," + " \"hostName\": \"" + name
                        + ".sandboxes.example.com\"}");
        String core = CIRCLECI.willRunOn(FakeCircleCi.SLUG, "running", "running", "success");
        long platform = GITHUB.willRun(1, "queued", "in_progress", "completed/success");
        GITHUB.publishesOutputs(platform, "{\"vaultPath\": \"kv/sandboxes/" + name + "\"}");

        JobSummary provisioned = run(spec, JobKind.PROVISION);

        assertThat(provisioned.status())
                .as(String.valueOf(provisioned.errorMessage()))
                .isEqualTo(JobStatus.SUCCEEDED);
        assertThat(provisioned.drivers())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("global", "pipeline", "region-core", "pipeline", "region-platform", "pipeline"));
        assertThat(provisioned.simulated()).isFalse();
        assertThat(step(provisioned, "dns-record").pipelineRun())
                .extracting(PipelineRun::system, PipelineRun::id, PipelineRun::status)
                .containsExactly("circleci", dns, "success");
        assertThat(step(provisioned, "cluster-access").pipelineRun().id()).isEqualTo(core);
        assertThat(step(provisioned, "namespace").pipelineRun())
                .isEqualTo(new PipelineRun(
                        "github-actions", String.valueOf(platform), GITHUB.htmlUrl(platform), "success"));
        assertThat(step(provisioned, "workload-role").pipelineRun()).isNull();
        assertThat(step(provisioned, "workload-role").log())
                .contains("carried out by the CircleCI pipeline of step dns-record");
        assertThat(CIRCLECI.triggers(DNS)).hasSize(1);
        assertThat(CIRCLECI.triggers(FakeCircleCi.SLUG)).hasSize(1);
        assertThat(GITHUB.dispatches()).hasSize(1);
        assertThat(CIRCLECI.triggers(DNS).getFirst().getHeader("Circle-Token")).isEqualTo(TOKEN);
        // the published outputs became the sandbox's access details
        assertThat(jdbc.queryForObject("select access_url from sandbox where id = ?", String.class, id))
                .isEqualTo("https://" + name + ".sandboxes.example.com/");
        assertThat(jdbc.queryForObject(
                        "select access_details ->> 'vaultPath' from sandbox where id = ?", String.class, id))
                .isEqualTo("kv/sandboxes/" + name);
        assertThat(jdbc.queryForObject("select status from sandbox where id = ?", String.class, id))
                .isEqualTo("READY");

        String dnsGone = CIRCLECI.willRunOn(DNS, "success");
        CIRCLECI.publishesOutputs(DNS, dnsGone, "{}");
        CIRCLECI.willRunOn(FakeCircleCi.SLUG, "running", "success");
        long platformGone = GITHUB.willRun(0, "in_progress", "completed/success");
        GITHUB.publishesOutputs(platformGone, "{}");

        JobSummary tornDown = run(spec, JobKind.TEARDOWN);

        assertThat(tornDown.status())
                .as(String.valueOf(tornDown.errorMessage()))
                .isEqualTo(JobStatus.SUCCEEDED);
        assertThat(CIRCLECI.triggers(DNS)).hasSize(2);
        assertThat(CIRCLECI.triggers(FakeCircleCi.SLUG)).hasSize(2);
        assertThat(GITHUB.dispatches()).hasSize(2);
        assertThat(FakeCircleCi.body(CIRCLECI.triggers(DNS).getLast())
                        .path("parameters")
                        .path("portal_action")
                        .asString())
                .isEqualTo("teardown");
        assertThat(FakeGitHubActions.body(GITHUB.dispatches().getLast())
                        .path("inputs")
                        .path("portal_action")
                        .asString())
                .isEqualTo("teardown");
        assertThat(jdbc.queryForObject("select status from sandbox where id = ?", String.class, id))
                .isEqualTo("TORN_DOWN");
        assertThat(jdbc.queryForObject(
                        "select teardown_receipt -> 'layers' -> 'global' ->> 'driver' from sandbox where id = ?",
                        String.class,
                        id))
                .isEqualTo("pipeline");
        assertThat(step(tornDown, "verify-gone").output().get("teardownReceipt"))
                .contains("teardown by CircleCI gh/acme/dns@main succeeded")
                .contains("teardown by GitHub Actions acme/infra sandbox-layer.yml@main succeeded");
        // the token reached the CI APIs, and no step kept it
        assertThat(jdbc.queryForObject("""
                select count(*) from provisioning_step s join provisioning_job j on j.id = s.job_id
                where j.sandbox_id = ? and (s.log like ? or s.state::text like ? or s.output::text like ?)""", Integer.class, id, "%" + TOKEN + "%", "%" + TOKEN + "%", "%" + TOKEN + "%"))
                .isZero();
    }

    private static StepSummary step(JobSummary job, String name) {
        return job.steps().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
