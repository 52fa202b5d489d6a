package dev.demoportal.sandbox.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.LocalModeApiTest;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.ProvisioningEvents;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** A sandbox's jobs through the API, and a field engineer retrying the failed one; audited. */
class JobApiIT extends LocalModeApiTest {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    private String alice;
    private String carol;
    private String dave;

    @BeforeAll
    void tokens() {
        alice = signIn("alice");
        carol = signIn("carol");
        dave = signIn("dave");
    }

    @Test
    void jobsAreListedWithTheirStepsAndAFieldEngineerRetriesTheFailedOne() {
        HttpResponse<String> requested = api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of(
                        "template",
                        "cicd-trial",
                        "region",
                        "emea",
                        "lifetime",
                        "PT24H",
                        "useCase",
                        "Fails, is retried"));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        UUID sandbox = UUID.fromString(json(requested).get("id").asString());
        UUID job = failTheProvision(sandbox);

        HttpResponse<String> listed = api.get("/api/v1/sandboxes/" + sandbox + "/jobs", carol);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.headers().firstValue("X-Total-Count")).hasValue("1");
        JsonNode first = json(listed).get(0);
        assertThat(first.get("id").asString()).isEqualTo(job.toString());
        assertThat(first.get("kind").asString()).isEqualTo("PROVISION");
        assertThat(first.get("status").asString()).isEqualTo("FAILED");
        assertThat(first.get("steps").size()).isPositive();
        assertThat(first.get("steps").get(0).has("layer")).isTrue();
        assertThat(json(api.get("/api/v1/jobs/" + job, carol)).get("status").asString())
                .isEqualTo("FAILED");

        // another organisation's customer does not see it; a customer may not retry
        assertProblem(api.get("/api/v1/sandboxes/" + sandbox + "/jobs", dave), 404, "sandbox.not_found");
        assertProblem(api.get("/api/v1/jobs/" + job, dave), 404, "job.not_found");
        assertProblem(api.post("/api/v1/jobs/" + job + "/retry", carol, Map.of()), 403, "auth.forbidden");
        assertProblem(api.post("/api/v1/jobs/" + UUID.randomUUID() + "/retry", alice, Map.of()), 404, "job.not_found");
        assertProblem(api.get("/api/v1/sandboxes/" + sandbox + "/jobs?limit=0", carol), 400, "validation.failed");

        HttpResponse<String> retried = api.post("/api/v1/jobs/" + job + "/retry", alice, Map.of());
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json(retried).get("status").asString()).isNotEqualTo("FAILED");
        // it is no longer a failed job
        assertProblem(api.post("/api/v1/jobs/" + job + "/retry", alice, Map.of()), 409, "job.not_retryable");

        assertThat(jdbc.queryForList(
                        "select action from audit_event where target_id = ? order by id",
                        String.class,
                        sandbox.toString()))
                .contains("provisioning.job.retried");
    }

    /** As the worker would: the job ran and failed at a step, and its execution is gone. */
    private UUID failTheProvision(UUID sandbox) {
        UUID job = jdbc.queryForObject(
                "select id from provisioning_job where sandbox_id = ? and status = 'QUEUED'", UUID.class, sandbox);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            jdbc.update("update provisioning_job set status = 'RUNNING', started_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobStarted(job, sandbox, JobKind.PROVISION));
        });
        tx.executeWithoutResult(s -> {
            jdbc.update("update provisioning_job set status = 'FAILED', finished_at = now() where id = ?", job);
            jdbc.update(
                    "delete from scheduled_tasks where task_name = 'provisioning-job' and task_instance = ?",
                    job.toString());
            events.publishEvent(new ProvisioningEvents.JobFailed(
                    job, sandbox, JobKind.PROVISION, Layer.GLOBAL, "dns-record", "zone not found"));
        });
        return job;
    }
}
