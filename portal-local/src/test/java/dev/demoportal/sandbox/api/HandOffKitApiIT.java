package dev.demoportal.sandbox.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.LocalModeApiTest;
import dev.demoportal.base.SystemTask;
import dev.demoportal.cli.CliContext;
import dev.demoportal.cli.Demo;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.ProvisioningEvents;
import dev.demoportal.sandbox.SandboxTemplateService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code GET /api/v1/sandboxes/{id}/kubeconfig}, the hand-off kit's kubeconfig, with real access
 * tokens from local mode's identity provider: the owner organisation's customer gets the YAML the
 * worker handed over (sealed, stored and revealed through the one secrets path) and each fetch is
 * audited; another organisation and staff get 404; before ready and after teardown a 409; a ready
 * sandbox without one a 404 of its own code. The worker's side is played by its events, as the
 * embedded worker sends them, so nothing here waits for a job.
 */
class HandOffKitApiIT extends LocalModeApiTest {

    @Autowired
    SandboxTemplateService templates;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @TempDir
    Path home;

    private String alice;
    private String carol;
    private String dave;

    @BeforeAll
    void tokens() {
        alice = signIn("alice");
        carol = signIn("carol");
        dave = signIn("dave");
        SystemTask.run("test", List.of("ADMIN"), () -> {
            templates.setQuota("acme-corp", "cicd-trial", 50);
            return null;
        });
    }

    /** Carol's request of a CI/CD trial: within policy, approved at once and its job queued. */
    private UUID requested() {
        HttpResponse<String> created = api.post(
                "/api/v1/sandbox-requests",
                carol,
                Map.of("template", "cicd-trial", "region", "emea", "lifetime", "PT24H", "useCase", "Hand-off kit"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }

    /** The worker's side: the queued job of {@code kind} runs and succeeds, handing over {@code secrets}. */
    private void succeeds(UUID sandbox, JobKind kind, Map<String, String> outputs, Map<String, String> secrets) {
        UUID job = jdbc.queryForObject(
                "select id from provisioning_job where sandbox_id = ? and status = 'QUEUED'", UUID.class, sandbox);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            jdbc.update("update provisioning_job set status = 'RUNNING', started_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobStarted(job, sandbox, kind));
        });
        tx.executeWithoutResult(s -> {
            jdbc.update("update provisioning_job set status = 'SUCCEEDED', finished_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobSucceeded(job, sandbox, kind, outputs, secrets));
        });
    }

    private static String kubeconfig(UUID sandbox) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sandbox-emea
                  cluster:
                    server: https://kit.cluster.test
                users:
                - name: sandbox-kit@sb-%1$s
                  user:
                    token: kit-token-%1$s
                contexts:
                - name: sb-%1$s
                  context:
                    cluster: sandbox-emea
                    user: sandbox-kit@sb-%1$s
                    namespace: sb-%1$s
                current-context: sb-%1$s
                """.formatted(sandbox);
    }

    private HttpResponse<String> fetch(UUID sandbox, String token) {
        return api.get("/api/v1/sandboxes/" + sandbox + "/kubeconfig", token);
    }

    private int fetches(UUID sandbox) {
        return jdbc.queryForObject(
                "select count(*) from audit_event where target_type = 'sandbox' and target_id = ? "
                        + "and action = 'sandbox.secrets_revealed' and jsonb_exists(details -> 'secrets', 'kubeconfig')",
                Integer.class,
                sandbox.toString());
    }

    @Test
    void theOwnerGetsTheKubeconfigAsYamlAuditedAndNobodyElseSeesIt() {
        UUID sandbox = requested();
        assertProblem(fetch(sandbox, carol), 409, "sandbox.not_ready");

        succeeds(
                sandbox,
                JobKind.PROVISION,
                Map.of("accessUrl", "https://kit.sandbox.test/"),
                Map.of("adminPassword", "Kit-Pa55word", "kubeconfig", kubeconfig(sandbox)));
        HttpResponse<String> answer = fetch(sandbox, carol);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(answer.body()).isEqualTo(kubeconfig(sandbox));
        assertThat(fetches(sandbox)).isEqualTo(1);

        assertProblem(fetch(sandbox, dave), 404, "sandbox.not_found");
        assertProblem(fetch(sandbox, alice), 404, "sandbox.not_found");
        assertProblem(fetch(UUID.randomUUID(), carol), 404, "sandbox.not_found");
        assertThat(fetches(sandbox)).as("refusals reveal nothing").isEqualTo(1);
        // the sandbox's API answer never carries it
        assertThat(api.get("/api/v1/sandboxes/" + sandbox, carol).body()).doesNotContain("kit-token-");

        // the command line fetches it through the same endpoint, with an API token of Carol's
        assertThat(carolsCli("sandbox", "kubeconfig", sandbox.toString())).isEqualTo(kubeconfig(sandbox));
        assertThat(fetches(sandbox)).isEqualTo(2);

        // nothing of it survives the teardown
        assertThat(api.post("/api/v1/sandboxes/" + sandbox + "/teardown", carol, Map.of())
                        .statusCode())
                .isEqualTo(200);
        assertProblem(fetch(sandbox, carol), 409, "sandbox.not_ready");
        succeeds(sandbox, JobKind.TEARDOWN, Map.of("teardownReceipt", "{\"nothingLeft\": true}"), Map.of());
        assertProblem(fetch(sandbox, carol), 409, "sandbox.not_ready");
        assertThat(jdbc.queryForObject(
                        "select count(*) from sandbox_secret where sandbox_id = ?", Integer.class, sandbox))
                .isZero();
    }

    @Test
    void aReadySandboxWithoutClusterAccessHasNoKubeconfig() {
        UUID sandbox = requested();
        succeeds(
                sandbox,
                JobKind.PROVISION,
                Map.of("accessUrl", "https://kit.sandbox.test/"),
                Map.of("adminPassword", "Kit-Pa55word"));

        assertProblem(fetch(sandbox, carol), 404, "sandbox.kubeconfig_not_found");
        assertThat(fetches(sandbox)).isZero();
    }

    private int reveals(UUID sandbox) {
        return jdbc.queryForObject(
                "select count(*) from audit_event where target_type = 'sandbox' and target_id = ? "
                        + "and action = 'sandbox.secrets_revealed'",
                Integer.class,
                sandbox.toString());
    }

    @Test
    void theOwnerRevealsEverySecretOrOneByNameThroughTheApiAndTheCommandLine() {
        UUID sandbox = requested();
        assertProblem(api.get("/api/v1/sandboxes/" + sandbox + "/secrets", carol), 409, "sandbox.not_ready");
        succeeds(
                sandbox,
                JobKind.PROVISION,
                Map.of("accessUrl", "https://kit.sandbox.test/"),
                Map.of("adminPassword", "Kit-Pa55word", "kubeconfig", kubeconfig(sandbox)));

        HttpResponse<String> all = api.get("/api/v1/sandboxes/" + sandbox + "/secrets", carol);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(all.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(all).get("sandbox").asString()).isEqualTo(sandbox.toString());
        assertThat(json(all).get("secrets").get("adminPassword").asString()).isEqualTo("Kit-Pa55word");
        assertThat(json(all).get("secrets").get("kubeconfig").asString()).isEqualTo(kubeconfig(sandbox));
        HttpResponse<String> one = api.get("/api/v1/sandboxes/" + sandbox + "/secrets/adminPassword", carol);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(json(one).get("value").asString()).isEqualTo("Kit-Pa55word");
        assertThat(reveals(sandbox)).isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where target_id = ? and details::text like '%Kit-Pa55%'",
                        Integer.class, sandbox.toString()))
                .as("the trail names what was revealed, never the value")
                .isZero();

        assertProblem(
                api.get("/api/v1/sandboxes/" + sandbox + "/secrets/rootPassword", carol),
                404,
                "sandbox.secret_not_found");
        assertProblem(api.get("/api/v1/sandboxes/" + sandbox + "/secrets/no%20such", carol), 400, "validation.failed");
        assertProblem(api.get("/api/v1/sandboxes/" + sandbox + "/secrets", dave), 404, "sandbox.not_found");
        assertProblem(api.get("/api/v1/sandboxes/" + sandbox + "/secrets", alice), 404, "sandbox.not_found");
        assertProblem(
                api.get("/api/v1/sandboxes/" + sandbox + "/secrets/adminPassword", alice), 404, "sandbox.not_found");
        assertThat(reveals(sandbox)).as("refusals reveal nothing").isEqualTo(2);

        // a pipeline's script: one value alone on standard output, with an API token
        assertThat(carolsCli("sandbox", "secrets", sandbox.toString(), "--name", "adminPassword"))
                .isEqualTo("Kit-Pa55word\n");
        assertThat(reveals(sandbox)).isEqualTo(3);
    }

    /** The command line with a new API token of Carol's: what it printed, after asserting it succeeded. */
    private String carolsCli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Demo.run(
                new CliContext(
                        Map.of("DEMO_PORTAL_URL", api.uri("").toString(), "DEMO_PORTAL_TOKEN", apiToken(carol)),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        home.resolve("demo-portal"),
                        CliContext.httpClient(),
                        Clock.systemUTC(),
                        ZoneOffset.UTC,
                        d -> Thread.sleep(200)),
                args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private String apiToken(String accessToken) {
        HttpResponse<String> created = api.post(
                "/api/v1/tokens",
                accessToken,
                Map.of("name", "kit " + UUID.randomUUID(), "lifetime", "P1D", "roles", List.of("CUSTOMER")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("token").asString();
    }
}
