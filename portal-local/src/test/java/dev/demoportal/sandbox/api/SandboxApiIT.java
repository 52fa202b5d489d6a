package dev.demoportal.sandbox.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static dev.demoportal.ApiClient.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.ApiClient;
import dev.demoportal.DemoSignIn;
import dev.demoportal.base.SystemTask;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.ProvisioningEvents;
import dev.demoportal.sandbox.SandboxTemplateService;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox API as customers' scripts and field engineers' pipelines use it, with real access
 * tokens from local mode's OIDC provider and the seeded catalogue: requests, quota (also under a
 * race), decisions and who may make them, and organisation isolation (404, never 403, for another
 * organisation's request).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=true"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxApiIT {

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SandboxTemplateService templates;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    private ApiClient api;
    private String alice;
    private String maria;
    private String carol;
    private String dave;

    @BeforeAll
    void tokens() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        alice = signIn.accessToken("alice");
        maria = signIn.accessToken("maria");
        carol = signIn.accessToken("carol");
        dave = signIn.accessToken("dave");
        // room for the many CI/CD trials these tests request for Acme (an admin's quota override)
        SystemTask.run("test", List.of("ADMIN"), () -> {
            templates.setQuota("acme-corp", "cicd-trial", 50);
            return null;
        });
    }

    @Test
    void theCatalogueListsTheSeededTemplates() {
        HttpResponse<String> response = api.get("/api/v1/sandbox-templates", carol);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = json(response);
        List<String> slugs = new ArrayList<>();
        list.forEach(t -> slugs.add(t.get("slug").asString()));
        assertThat(slugs).containsExactly("cicd-trial", "progressive-delivery", "secrets-workshop");
        JsonNode cicd = list.get(0);
        assertThat(cicd.get("name").asString()).isEqualTo("CI/CD trial");
        assertThat(cicd.get("description").asString()).isNotBlank();
        assertThat(strings(cicd.get("regions"))).containsExactly("apj", "emea", "na");
        assertThat(cicd.get("defaultLifetime").asString()).isEqualTo("PT72H");
        assertThat(cicd.get("maxLifetime").asString()).isEqualTo("PT336H");
        assertThat(cicd.has("parameters"))
                .as("provisioning parameters are not for customers")
                .isFalse();
    }

    @Test
    void aCustomerRequestsASandboxForHerOrganisation() {
        HttpResponse<String> response = api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of(
                        "template",
                        "cicd-trial",
                        "region",
                        "na",
                        "lifetime",
                        "P4DT4H",
                        "useCase",
                        "Evaluate pipelines"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode request = json(response);
        String id = request.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/sandbox-requests/" + id);
        assertThat(request.get("status").asString()).isEqualTo("REQUESTED");
        assertThat(request.get("template").asString()).isEqualTo("cicd-trial");
        assertThat(request.get("region").asString()).isEqualTo("na");
        assertThat(request.get("organisation").asString()).isEqualTo("acme-corp");
        assertThat(request.has("organization")).isFalse();
        assertThat(request.get("lifetime").asString()).isEqualTo("PT100H");
        assertThat(request.get("requestedBy").asString()).isEqualTo("Carol Customer");
        assertThat(request.get("decidedBy").isNull()).isTrue();
        assertThat(request.get("sandboxId").isNull()).isTrue();
        assertThat(request.get("expiresAt").isNull()).isTrue();
        assertThat(request.get("accessUrl").isNull()).isTrue();
        assertThat(request.get("steps").isArray()).isTrue();

        JsonNode again = json(api.get("/api/v1/sandbox-requests/" + id, carol));
        assertThat(again.get("id").asString()).isEqualTo(id);
    }

    @Test
    void badRequestsGetFieldErrors() {
        HttpResponse<String> response = api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of("template", "cicd-trial", "region", "mars", "lifetimeHours", 9999));

        assertProblem(response, 400, "validation.failed");
        List<String> fields = new ArrayList<>();
        json(response).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("lifetimeHours", "useCase");

        HttpResponse<String> region = api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of("template", "cicd-trial", "region", "mars", "lifetimeHours", 24, "useCase", "x"));
        assertProblem(region, 400, "validation.failed");
        assertThat(json(region).get("errors").get(0).get("field").asString()).isEqualTo("region");
        assertProblem(api.get("/api/v1/sandbox-requests?status=SLEEPING", carol), 400, "validation.failed");
    }

    @Test
    void aLifetimeIsWholeHoursInIso8601() {
        HttpResponse<String> response = api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of("template", "cicd-trial", "region", "emea", "lifetime", "PT90M", "useCase", "x"));

        assertProblem(response, 400, "validation.failed");
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("lifetime");
    }

    @Test
    void theQuotaAnswersWithAProblemCode() {
        // the seeded data already has carol's progressive-delivery request: its quota is one
        HttpResponse<String> response = api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of(
                        "template",
                        "progressive-delivery",
                        "region",
                        "emea",
                        "lifetimeHours",
                        24,
                        "useCase",
                        "Another"));

        assertProblem(response, 409, "quota_exceeded");
        assertThat(json(response).get("quota").asInt()).isEqualTo(1);
    }

    @Test
    void twoRacingRequestsForTheLastUnitGetOne201AndOne409() throws Exception {
        // secrets-workshop allows three per organisation; Globex holds one from the seed data
        String first = id(api.post(
                "/api/v1/sandbox-requests",
                dave,
                Map.of(
                        "template",
                        "secrets-workshop",
                        "region",
                        "emea",
                        "lifetimeHours",
                        48,
                        "useCase",
                        "Second workshop")));
        assertThat(first).isNotNull();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> racers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return api.post(
                        "/api/v1/sandbox-requests",
                        dave,
                        Map.of(
                                "template",
                                "secrets-workshop",
                                "region",
                                "emea",
                                "lifetimeHours",
                                48,
                                "useCase",
                                "Race"));
            }));
        }
        go.countDown();
        List<Integer> statuses = racers.stream()
                .map(CompletableFuture::join)
                .map(HttpResponse::statusCode)
                .toList();

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertProblem(
                racers.stream()
                        .map(CompletableFuture::join)
                        .filter(r -> r.statusCode() == 409)
                        .findFirst()
                        .orElseThrow(),
                409,
                "quota_exceeded");
    }

    @Test
    void aFieldEngineerApprovesAndTheJobIsScheduled() {
        String id = id(api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of("template", "cicd-trial", "region", "emea", "lifetimeHours", 200, "useCase", "Longer trial")));
        assertThat(strings(json(api.get("/api/v1/sandbox-requests?status=REQUESTED", alice)), "id"))
                .contains(id);

        HttpResponse<String> approved =
                api.post("/api/v1/sandbox-requests/" + id + "/approve", alice, Map.of("note", "Go ahead"));

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode body = json(approved);
        assertThat(body.get("status").asString()).isEqualTo("APPROVED");
        assertThat(body.get("decidedBy").asString()).isEqualTo("Alice Field");
        assertThat(body.get("sandboxId").asString()).isEqualTo(id);
        assertThat(jdbc.queryForObject(
                        "select count(*) from provisioning_job where sandbox_id = ?::uuid " + "and kind = 'PROVISION'",
                        Long.class,
                        id))
                .isEqualTo(1);
        assertProblem(
                api.post("/api/v1/sandbox-requests/" + id + "/approve", maria, Map.of()), 409, "sandbox.not_waiting");
        assertProblem(
                api.post("/api/v1/sandbox-requests/" + id + "/reject", maria, Map.of()), 409, "sandbox.not_waiting");
    }

    @Test
    void aStepOfAPipelineDrivenLayerShowsItsRunUnderTheSandbox() {
        String id = id(api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of("template", "cicd-trial", "region", "emea", "lifetimeHours", 200, "useCase", "Pipeline trial")));
        assertThat(api.post("/api/v1/sandbox-requests/" + id + "/approve", alice, Map.of())
                        .statusCode())
                .isEqualTo(200);
        // what the pipeline driver keeps while it follows the CircleCI pipeline it started
        jdbc.update("""
                update provisioning_step set state = '{"pipeline.system": "circleci", "pipeline.id": "5034460f",
                    "pipeline.url": "https://app.circleci.com/pipelines/github/acme/infra/42",
                    "pipeline.status": "running", "pipeline.key": "k"}'::jsonb
                where name = 'dns-record' and job_id = (select id from provisioning_job where sandbox_id = ?::uuid)""", id);

        JsonNode sandbox = json(api.get("/api/v1/sandboxes/" + id, carol));

        JsonNode steps = sandbox.get("steps");
        assertThat(steps.get(0).get("name").asString()).isEqualTo("dns-record");
        JsonNode pipeline = steps.get(0).get("pipeline");
        assertThat(pipeline.get("system").asString()).isEqualTo("circleci");
        assertThat(pipeline.get("id").asString()).isEqualTo("5034460f");
        assertThat(pipeline.get("url").asString()).isEqualTo("https://app.circleci.com/pipelines/github/acme/infra/42");
        assertThat(pipeline.get("status").asString()).isEqualTo("running");
        assertThat(pipeline.has("key")).isFalse();
        assertThat(steps.get(1).get("pipeline").isNull()).isTrue();
        assertThat(json(api.get("/api/v1/sandbox-requests/" + id, carol)).get("steps"))
                .isEqualTo(steps);
    }

    @Test
    void theJobContinuesTheTraceOfTheRequestThatScheduledIt() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";

        // within the template's limits and the quota: approved by policy, the job scheduled at once
        HttpResponse<String> requested = api.send(
                HttpRequest.newBuilder(api.uri("/api/v1/sandbox-requests"))
                        .header("Content-Type", "application/json")
                        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"template": "cicd-trial", "region": "apj", "lifetimeHours": 24, "useCase": "Traced trial"}""")),
                carol);

        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        assertThat(requested.headers().firstValue("X-Trace-Id")).hasValue(trace);
        // the worker's job and step spans continue from this: same trace id (JobTracingTest)
        assertThat(jdbc.queryForObject(
                        "select trace_parent from provisioning_job where sandbox_id = ?::uuid "
                                + "and kind = 'PROVISION'",
                        String.class,
                        id(requested)))
                .matches("00-" + trace + "-[0-9a-f]{16}-0[01]");
    }

    @Test
    void nobodyApprovesTheirOwnRequestAndCustomersApproveNothing() {
        String own = id(api.post(
                "/api/v1/sandbox-requests",
                alice,
                Map.of(
                        "template",
                        "cicd-trial",
                        "region",
                        "apj",
                        "lifetimeHours",
                        100,
                        "useCase",
                        "Workshop prep",
                        "organization",
                        "globex")));
        String carols = id(api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of("template", "cicd-trial", "region", "apj", "lifetimeHours", 100, "useCase", "Mine")));

        assertProblem(
                api.post("/api/v1/sandbox-requests/" + own + "/approve", alice, Map.of()),
                403,
                "sandbox.self_approval");
        assertProblem(
                api.post("/api/v1/sandbox-requests/" + carols + "/approve", carol, Map.of()), 403, "auth.forbidden");
        assertProblem(
                api.post("/api/v1/sandbox-requests/" + carols + "/reject", dave, Map.of()), 403, "auth.forbidden");
        assertThat(jdbc.queryForObject("select status from sandbox where id = ?::uuid", String.class, own))
                .isEqualTo("REQUESTED");

        HttpResponse<String> rejected = api.post(
                "/api/v1/sandbox-requests/" + own + "/reject", maria, Map.of("note", "Use the shared environment"));
        assertThat(json(rejected).get("status").asString()).isEqualTo("REJECTED");
        assertThat(json(rejected).get("decidedBy").asString()).isEqualTo("Maria Manager");
    }

    @Test
    void anotherOrganisationsRequestDoesNotExistForACustomer() {
        String carols = id(api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of("template", "cicd-trial", "region", "emea", "lifetimeHours", 24, "useCase", "Isolation")));

        assertProblem(api.get("/api/v1/sandbox-requests/" + carols, dave), 404, "sandbox.not_found");
        assertProblem(
                api.get("/api/v1/sandbox-requests/00000000-0000-0000-0000-000000000001", dave),
                404,
                "sandbox.not_found");
        assertProblem(
                api.post("/api/v1/sandboxes/" + carols + "/extend", dave, Map.of("hours", 1)),
                404,
                "sandbox.not_found");
        assertProblem(api.post("/api/v1/sandboxes/" + carols + "/teardown", dave, Map.of()), 404, "sandbox.not_found");
        List<String> davesView = new ArrayList<>();
        json(api.get("/api/v1/sandbox-requests", dave)).forEach(r -> {
            davesView.add(r.get("id").asString());
            assertThat(r.get("organisation").asString()).isEqualTo("globex");
        });
        assertThat(davesView).isNotEmpty().doesNotContain(carols);
        assertThat(strings(json(api.get("/api/v1/sandbox-requests", alice)), "id"))
                .contains(carols);
    }

    @Test
    void aSandboxNotReadyCannotBeExtendedOrTornDown() {
        String id = id(api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of("template", "cicd-trial", "region", "emea", "lifetimeHours", 150, "useCase", "Not yet")));

        assertProblem(
                api.post("/api/v1/sandboxes/" + id + "/extend", carol, Map.of("hours", 1)),
                409,
                "sandbox.not_extendable");
        assertProblem(api.post("/api/v1/sandboxes/" + id + "/extend", carol, Map.of()), 400, "validation.failed");
        assertProblem(api.post("/api/v1/sandboxes/" + id + "/teardown", carol, Map.of()), 409, "sandbox.not_tearable");
        assertProblem(
                api.post(
                        "/api/v1/sandboxes/" + id + "/extension-requests",
                        carol,
                        Map.of("hours", 48, "reason", "Longer pilot")),
                409,
                "sandbox.not_extendable");
        assertProblem(
                api.post(
                        "/api/v1/sandboxes/" + id + "/extension-requests",
                        dave,
                        Map.of("hours", 48, "reason", "Not mine")),
                404,
                "sandbox.not_found");
        assertProblem(
                api.post("/api/v1/sandboxes/" + id + "/extension-requests", carol, Map.of()), 400, "validation.failed");
        assertProblem(api.get("/api/v1/extension-requests", carol), 403, "auth.forbidden");
        assertThat(json(api.get("/api/v1/extension-requests", maria)).isArray()).isTrue();
    }

    @Test
    void aCustomerCancelsHerRequestWhileItWaitsForApproval() {
        String id = id(api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of(
                        "template",
                        "cicd-trial",
                        "region",
                        "emea",
                        "lifetimeHours",
                        200,
                        "useCase",
                        "Changed our minds")));

        assertProblem(api.post("/api/v1/sandbox-requests/" + id + "/cancel", dave, Map.of()), 404, "sandbox.not_found");
        assertProblem(api.post("/api/v1/sandbox-requests/" + id + "/cancel", alice, Map.of()), 403, "auth.forbidden");
        HttpResponse<String> cancelled = api.post("/api/v1/sandbox-requests/" + id + "/cancel", carol, Map.of());

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode body = json(cancelled);
        assertThat(body.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(body.get("cancelledAt").isNull()).isFalse();
        assertThat(body.get("decidedBy").isNull()).isTrue();
        assertThat(body.get("sandboxId").isNull()).as("nothing was made").isTrue();
        assertProblem(
                api.post("/api/v1/sandbox-requests/" + id + "/cancel", carol, Map.of()),
                409,
                "sandbox.not_cancellable");
        assertProblem(
                api.post("/api/v1/sandbox-requests/" + id + "/approve", alice, Map.of()), 409, "sandbox.not_waiting");
        assertThat(strings(json(api.get("/api/v1/sandbox-requests?status=CANCELLED", carol)), "id"))
                .contains(id);
    }

    @Test
    void theQuotaLeftIsAnsweredPerTemplateForTheCallersOrganisation() {
        JsonNode carols = json(api.get("/api/v1/sandbox-quotas", carol));
        assertThat(strings(carols, "template"))
                .containsExactly("cicd-trial", "progressive-delivery", "secrets-workshop");
        JsonNode cicd = carols.get(0);
        assertThat(cicd.get("organisation").asString()).isEqualTo("acme-corp");
        assertThat(cicd.get("templateName").asString()).isEqualTo("CI/CD trial");
        // the override of these tests, not the template's 2
        assertThat(cicd.get("quota").asInt()).isEqualTo(50);
        long active = jdbc.queryForObject("""
                select count(*) from sandbox s join organisation o on o.id = s.organisation_id
                join sandbox_template t on t.id = s.template_id
                where o.slug = 'acme-corp' and t.slug = 'cicd-trial' and s.status not in ('REJECTED', 'CANCELLED', 'TORN_DOWN')""", Long.class);
        assertThat(cicd.get("active").asLong()).isEqualTo(active);
        assertThat(cicd.get("left").asLong()).isEqualTo(50 - active);

        assertThat(strings(json(api.get("/api/v1/sandbox-quotas", dave)), "organisation"))
                .containsOnly("globex");
        assertProblem(api.get("/api/v1/sandbox-quotas?organization=acme-corp", dave), 400, "validation.failed");
        assertProblem(api.get("/api/v1/sandbox-quotas", alice), 400, "validation.failed");
        assertThat(strings(json(api.get("/api/v1/sandbox-quotas?organization=globex", alice)), "organisation"))
                .containsOnly("globex");
    }

    @Test
    void aCustomerTearsDownHerFailedSandboxWhichUntilThenHasACleanUpDeadline() {
        String id = id(api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of(
                        "template",
                        "cicd-trial",
                        "region",
                        "emea",
                        "lifetimeHours",
                        24,
                        "useCase",
                        "Fails on the way")));
        java.util.UUID sandbox = java.util.UUID.fromString(id);
        java.util.UUID job = jdbc.queryForObject(
                "select id from provisioning_job where sandbox_id = ? " + "and status = 'QUEUED'",
                java.util.UUID.class,
                sandbox);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            jdbc.update("update provisioning_job set status = 'RUNNING', started_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobStarted(job, sandbox, JobKind.PROVISION));
        });
        tx.executeWithoutResult(s -> {
            jdbc.update("update provisioning_job set status = 'FAILED', finished_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobFailed(
                    job, sandbox, JobKind.PROVISION, Layer.GLOBAL, "dns-record", "zone not found"));
        });

        JsonNode failed = json(api.get("/api/v1/sandbox-requests/" + id, carol));
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("failure").get("step").asString()).isEqualTo("dns-record");
        // torn down by the worker 24 hours after the failure unless a field engineer retries it first
        assertThat(java.time.Instant.parse(failed.get("cleanupAt").asString()))
                .isEqualTo(jdbc.queryForObject(
                                "select failed_at + interval '24 hours' from sandbox where id = ?",
                                java.sql.Timestamp.class,
                                sandbox)
                        .toInstant());

        assertProblem(api.post("/api/v1/sandboxes/" + id + "/teardown", dave, Map.of()), 404, "sandbox.not_found");
        HttpResponse<String> tearingDown = api.post("/api/v1/sandboxes/" + id + "/teardown", carol, Map.of());

        assertThat(tearingDown.statusCode()).as(tearingDown.body()).isEqualTo(200);
        assertThat(json(tearingDown).get("status").asString()).isEqualTo("TEARING_DOWN");
        assertThat(json(tearingDown).get("cleanupAt").isNull()).isTrue();
        assertThat(jdbc.queryForObject(
                        "select kind from provisioning_job where sandbox_id = ? and status = 'QUEUED'",
                        String.class,
                        sandbox))
                .isEqualTo("TEARDOWN");
    }

    @Test
    void aRolledBackSandboxShowsItsReceiptAndStaysFailed() {
        String id = id(api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of("template", "cicd-trial", "region", "emea", "lifetimeHours", 24, "useCase", "Rolled back")));
        java.util.UUID sandbox = java.util.UUID.fromString(id);
        java.util.UUID job = jdbc.queryForObject(
                "select id from provisioning_job where sandbox_id = ? and status = 'QUEUED'",
                java.util.UUID.class,
                sandbox);
        java.util.UUID rollback = java.util.UUID.randomUUID();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            jdbc.update("update provisioning_job set status = 'RUNNING', started_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobStarted(job, sandbox, JobKind.PROVISION));
        });
        tx.executeWithoutResult(s -> {
            jdbc.update("update provisioning_job set status = 'FAILED', finished_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobFailed(
                    job, sandbox, JobKind.PROVISION, Layer.REGION_PLATFORM, "role-binding", "group unknown"));
        });
        tx.executeWithoutResult(s -> {
            jdbc.update(
                    "insert into provisioning_job (id, sandbox_id, kind, status, region_code, spec, created_at,"
                            + " started_at) values (?, ?, 'ROLLBACK', 'RUNNING', 'emea', '{}', now(), now())",
                    rollback,
                    sandbox);
            events.publishEvent(new ProvisioningEvents.JobStarted(rollback, sandbox, JobKind.ROLLBACK));
        });
        tx.executeWithoutResult(s -> {
            jdbc.update("update provisioning_job set status = 'SUCCEEDED', finished_at = now() where id = ?", rollback);
            events.publishEvent(new ProvisioningEvents.JobSucceeded(
                    rollback, sandbox, JobKind.ROLLBACK, Map.of("teardownReceipt", """
                            {"kind": "rollback", "nothingLeft": true, "layers": {"region-platform": {
                              "driver": "kubernetes",
                              "removed": [{"step": "namespace", "result": {"namespace": "deleted"}}],
                              "leftoverScans": [{"searched": "PersistentVolumes labelled", "found": []}]}}}"""), Map.of()));
        });

        JsonNode rolledBack = json(api.get("/api/v1/sandboxes/" + id, carol));

        assertThat(rolledBack.get("status").asString()).isEqualTo("FAILED");
        assertThat(rolledBack.get("rolledBackAt").isNull()).isFalse();
        JsonNode receipt = rolledBack.get("teardownReceipt");
        assertThat(receipt.get("kind").asString()).isEqualTo("rollback");
        assertThat(receipt.get("nothingLeft").asBoolean()).isTrue();
        assertThat(receipt.get("layers")
                        .get("region-platform")
                        .get("removed")
                        .get(0)
                        .get("step")
                        .asString())
                .isEqualTo("namespace");
        assertProblem(api.get("/api/v1/sandboxes/" + id, dave), 404, "sandbox.not_found");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private @Nullable String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asString();
    }
}
