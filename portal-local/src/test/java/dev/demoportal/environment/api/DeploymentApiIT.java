package dev.demoportal.environment.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.ApiClient;
import dev.demoportal.DemoSignIn;
import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Deployment reports as a pipeline sends them: the environment and its slots, the history and
 * its audit, and refusals (unknown environment, invalid status, a report older than the current).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=false"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentApiIT {

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EnvironmentService environments;

    private ApiClient api;
    private String alice;
    private String carol;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        alice = signIn.accessToken("alice");
        carol = signIn.accessToken("carol");
        SystemTask.run("test", List.of("ADMIN"), () -> {
            for (String slug : List.of("deploy-env", "deploy-stale", "deploy-bad", "deploy-many")) {
                environments.createEnvironment(new EnvironmentForm(
                        slug, "Env " + slug, "emea", 2, EnvironmentStatus.AVAILABLE, "", List.of()));
            }
            return null;
        });
    }

    @Test
    void aReportBecomesTheCurrentDeploymentOfTheEnvironmentOrTheSlotAndIsKeptAndAudited() {
        Instant earlier = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> first = api.put(
                "/api/v1/environments/deploy-env/deployment",
                alice,
                Map.of(
                        "version",
                        "2.14.0",
                        "commit",
                        "4f2a9c1d",
                        "pipelineUrl",
                        "https://ci.example/run/1",
                        "status",
                        "deploying",
                        "at",
                        earlier.toString()));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode deployed = json(first);
        assertThat(deployed.get("status").asString()).isEqualTo("DEPLOYING");
        assertThat(Instant.parse(deployed.get("at").asString())).isEqualTo(earlier);
        assertThat(Duration.parse(deployed.get("age").asString())).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(deployed.get("reportedBy").asString()).isEqualTo("Alice Field");

        assertThat(api.put(
                                "/api/v1/environments/deploy-env/deployment",
                                alice,
                                Map.of("version", "2.14.0", "commit", "4f2a9c1d", "status", "HEALTHY"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.put(
                                "/api/v1/environments/deploy-env/slots/2/deployment",
                                alice,
                                Map.of("version", "feature-x", "status", "FAILED"))
                        .statusCode())
                .isEqualTo(200);

        JsonNode environment = json(api.get("/api/v1/environments/deploy-env", alice));
        assertThat(environment.get("deployment").get("version").asString()).isEqualTo("2.14.0");
        assertThat(environment.get("deployment").get("status").asString()).isEqualTo("HEALTHY");
        assertThat(environment.get("deployment").get("slot").isNull()).isTrue();
        assertThat(environment.get("slotDeployments")).hasSize(1);
        assertThat(environment.get("slotDeployments").get(0).get("slot").asInt())
                .isEqualTo(2);
        assertThat(environment.get("slotDeployments").get(0).get("status").asString())
                .isEqualTo("FAILED");

        JsonNode history = json(api.get("/api/v1/environments/deploy-env/deployments", alice));
        assertThat(ApiClient.strings(history, "status")).containsExactly("FAILED", "HEALTHY", "DEPLOYING");
        assertThat(jdbc.queryForObject("""
                select count(*) from audit_event where action = 'environment.deployment_reported'
                and details->>'slug' = 'deploy-env'""", Integer.class)).isEqualTo(3);
    }

    @Test
    void aReportOlderThanTheCurrentOneIsRefusedAndChangesNothing() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(api.put(
                                "/api/v1/environments/deploy-stale/deployment",
                                alice,
                                Map.of(
                                        "version",
                                        "3.0.0",
                                        "status",
                                        "HEALTHY",
                                        "at",
                                        now.minus(Duration.ofMinutes(1)).toString()))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> late = api.put(
                "/api/v1/environments/deploy-stale/deployment",
                alice,
                Map.of(
                        "version",
                        "2.9.0",
                        "status",
                        "HEALTHY",
                        "at",
                        now.minus(Duration.ofMinutes(5)).toString()));
        assertProblem(late, 409, "deployment.stale");
        assertThat(json(late).get("currentVersion").asString()).isEqualTo("3.0.0");
        // a slot has its own current report: an older time there is not stale
        assertThat(api.put(
                                "/api/v1/environments/deploy-stale/slots/1/deployment",
                                alice,
                                Map.of(
                                        "version",
                                        "2.9.0",
                                        "status",
                                        "HEALTHY",
                                        "at",
                                        now.minus(Duration.ofMinutes(5)).toString()))
                        .statusCode())
                .isEqualTo(200);

        assertThat(json(api.get("/api/v1/environments/deploy-stale", alice))
                        .get("deployment")
                        .get("version")
                        .asString())
                .isEqualTo("3.0.0");
        assertThat(rows("deploy-stale")).isEqualTo(2);
    }

    @Test
    void badReportsAreRefusedWithProblemCodesAndWriteNothing() {
        assertProblem(
                api.put(
                        "/api/v1/environments/no-such-env/deployment",
                        alice,
                        Map.of("version", "1", "status", "HEALTHY")),
                404,
                "environment.not_found");
        HttpResponse<String> badStatus = api.put(
                "/api/v1/environments/deploy-bad/deployment", alice, Map.of("version", "1.0", "status", "GREEN"));
        assertProblem(badStatus, 400, "validation.failed");
        assertThat(json(badStatus).get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertProblem(
                api.put("/api/v1/environments/deploy-bad/deployment", alice, Map.of("status", "HEALTHY")),
                400,
                "validation.failed");
        assertProblem(
                api.put(
                        "/api/v1/environments/deploy-bad/deployment",
                        alice,
                        Map.of("version", "1.0", "status", "HEALTHY", "commit", "not-hex")),
                400,
                "validation.failed");
        assertProblem(
                api.put(
                        "/api/v1/environments/deploy-bad/deployment",
                        alice,
                        Map.of(
                                "version",
                                "1.0",
                                "status",
                                "HEALTHY",
                                "at",
                                Instant.now().plus(Duration.ofDays(1)).toString())),
                400,
                "validation.failed");
        assertProblem(
                api.put(
                        "/api/v1/environments/deploy-bad/slots/3/deployment",
                        alice,
                        Map.of("version", "1.0", "status", "HEALTHY")),
                400,
                "validation.failed");
        assertProblem(
                api.put(
                        "/api/v1/environments/deploy-bad/deployment",
                        carol,
                        Map.of("version", "1.0", "status", "HEALTHY")),
                403,
                "auth.forbidden");
        assertThat(rows("deploy-bad")).isZero();
    }

    private int rows(String slug) {
        Integer n = jdbc.queryForObject("""
                select count(*) from environment_deployment d join shared_environment e on e.id = d.environment_id
                where e.slug = ?""", Integer.class, slug);
        return n == null ? 0 : n;
    }

    /** Lists page alike and cut nothing off: 1,200 reports come back, each once, over three pages. */
    @Test
    void theHistoryPagesOverEveryReportWithATotalAndNextLinks() {
        java.util.UUID environment = jdbc.queryForObject(
                "select id from shared_environment where slug = 'deploy-many'", java.util.UUID.class);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            rows.add(new Object[] {
                java.util.UUID.randomUUID(), environment, "v" + i, java.sql.Timestamp.from(start.plusSeconds(i))
            });
        }
        jdbc.batchUpdate(
                "insert into environment_deployment (id, environment_id, version, status, observed_at, reported_at, "
                        + "reporter_name) values (?, ?, ?, 'HEALTHY', ?, now(), 'bulk')",
                rows);

        java.util.Set<String> versions = new java.util.LinkedHashSet<>();
        String next = "/api/v1/environments/deploy-many/deployments?limit=500";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = api.get(next, alice);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue("1200");
            json(page).forEach(d -> versions.add(d.get("version").asString()));
            pages++;
            next = page.headers()
                    .firstValue("Link")
                    .map(link -> link.substring(link.indexOf('<') + 1, link.indexOf('>')))
                    .orElse(null);
        }

        assertThat(pages).isEqualTo(3);
        assertThat(versions).hasSize(1200);
        assertThat(versions).first().isEqualTo("v1199");
        assertThat(versions).last().isEqualTo("v0");
        assertThat(api.get("/api/v1/environments/deploy-many/deployments?limit=501", alice)
                        .statusCode())
                .isEqualTo(400);
    }
}
