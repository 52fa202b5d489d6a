package dev.demoportal.environment.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.ApiClient;
import dev.demoportal.DemoSignIn;
import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.AccessSettings;
import dev.demoportal.environment.AccessSettings.SubjectKind;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The reset plan, slot reset state and return-to-service endpoints: what an admin sets is what
 * everyone reads back, bad plans and bad calls are refused with problem codes and change nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=false"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResetApiIT {

    private static final Map<String, Object> WIPE =
            Map.of("name", "wipe", "image", "bitnami/kubectl:1.31", "command", List.of("delete", "all", "--all"));

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EnvironmentService environments;

    private ApiClient api;
    private String adam;
    private String alice;
    private UUID resetEnv;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        adam = signIn.accessToken("adam");
        alice = signIn.accessToken("alice");
        resetEnv = SystemTask.run("test", List.of("ADMIN"), () -> {
            EnvironmentSummary withNamespaces = environments.createEnvironment(new EnvironmentForm(
                    "reset-env", "Reset env", "emea", 2, EnvironmentStatus.AVAILABLE, "", List.of()));
            environments.updateAccessSettings(
                    withNamespaces.id(),
                    withNamespaces.version(),
                    new AccessSettings("{environment}-{slot}", SubjectKind.USER, "{email}", "edit"));
            environments.createEnvironment(new EnvironmentForm(
                    "reset-nons", "No namespaces", "emea", 1, EnvironmentStatus.AVAILABLE, "", List.of()));
            return withNamespaces.id();
        });
    }

    @Test
    void anAdminSetsThePlanEveryoneReadsItAndRemovingItLeavesNone() {
        HttpResponse<String> set =
                api.put("/api/v1/environments/reset-env/reset-plan", adam, Map.of("steps", List.of(WIPE)));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode read = json(api.get("/api/v1/environments/reset-env/reset-plan", alice));
        assertThat(read.get("steps")).hasSize(1);
        assertThat(read.get("steps").get(0).get("image").asString()).isEqualTo("bitnami/kubectl:1.31");
        assertThat(read.get("steps").get(0).get("timeoutMinutes").asInt()).isEqualTo(15);
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'environment.reset_plan_changed' and target_id = ?",
                        Integer.class,
                        resetEnv.toString()))
                .isEqualTo(1);

        assertThat(api.send(
                                HttpRequest.newBuilder(api.uri("/api/v1/environments/reset-env/reset-plan"))
                                        .DELETE(),
                                adam)
                        .statusCode())
                .isEqualTo(204);
        assertThat(json(api.get("/api/v1/environments/reset-env/reset-plan", alice))
                        .get("steps"))
                .isEmpty();
    }

    @Test
    void badPlansAreRefusedWithTheFieldAndChangeNothing() {
        HttpResponse<String> noSteps =
                api.put("/api/v1/environments/reset-env/reset-plan", adam, Map.of("steps", List.of()));
        assertProblem(noSteps, 400, "validation.failed");
        assertThat(json(noSteps).get("errors").get(0).get("field").asString()).isEqualTo("steps");

        HttpResponse<String> badStep = api.put(
                "/api/v1/environments/reset-env/reset-plan",
                adam,
                Map.of("steps", List.of(Map.of("name", "Wipe All", "image", "", "timeoutMinutes", 500))));
        assertProblem(badStep, 400, "validation.failed");
        assertThat(ApiClient.strings(json(badStep).get("errors"), "field"))
                .contains("steps[0].name", "steps[0].image", "steps[0].timeoutMinutes");

        assertProblem(
                api.put("/api/v1/environments/reset-env/reset-plan", adam, Map.of("steps", List.of(WIPE, WIPE))),
                400,
                "validation.failed");
        assertProblem(
                api.put("/api/v1/environments/reset-nons/reset-plan", adam, Map.of("steps", List.of(WIPE))),
                400,
                "validation.failed");
        assertProblem(
                api.put("/api/v1/environments/no-such-env/reset-plan", adam, Map.of("steps", List.of(WIPE))),
                404,
                "environment.not_found");
        assertProblem(
                api.put("/api/v1/environments/reset-env/reset-plan", alice, Map.of("steps", List.of(WIPE))),
                403,
                "auth.forbidden");
        assertThat(jdbc.queryForObject(
                        "select count(*) from shared_environment where slug in ('reset-nons') and reset_plan is not null",
                        Integer.class))
                .isZero();
    }

    @Test
    void aSlotOutOfServiceIsShownAndReturnedToServiceOnceByAnAdmin() {
        Instant failedAt = Instant.parse("2026-11-30T13:02:00Z");
        jdbc.update(
                """
                insert into slot_reset (id, environment_id, slot_no, status, plan, requested_at, started_at,
                                        finished_at, step_reached, error)
                values (gen_random_uuid(), ?, 2, 'FAILED', '{"steps": [{"name": "wipe", "image": "x"}]}',
                        ?, ?, ?, 0, 'step 1 (wipe): Job failed')""",
                resetEnv,
                java.sql.Timestamp.from(failedAt.minusSeconds(60)),
                java.sql.Timestamp.from(failedAt.minusSeconds(60)),
                java.sql.Timestamp.from(failedAt));

        JsonNode slot = json(api.get("/api/v1/environments/reset-env/slots/2/reset", alice));
        assertThat(slot.get("latest").get("state").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(slot.get("latest").get("error").asString()).contains("Job failed");
        assertThat(Instant.parse(slot.get("latest").get("finishedAt").asString()))
                .isEqualTo(failedAt);
        assertThat(json(api.get("/api/v1/environments/reset-env/slots/1/reset", alice))
                        .get("latest")
                        .isNull())
                .isTrue();

        assertProblem(
                api.post("/api/v1/environments/reset-env/slots/2/return-to-service", alice, Map.of("note", "ok")),
                403,
                "auth.forbidden");
        assertProblem(
                api.post("/api/v1/environments/reset-env/slots/1/return-to-service", adam, Map.of()),
                409,
                "slot_reset.not_out_of_service");
        assertProblem(
                api.post("/api/v1/environments/reset-env/slots/9/return-to-service", adam, Map.of()),
                400,
                "validation.failed");
        assertProblem(api.get("/api/v1/environments/reset-env/slots/9/reset", alice), 404, "slot.not_found");

        HttpResponse<String> returned = api.post(
                "/api/v1/environments/reset-env/slots/2/return-to-service", adam, Map.of("note", "Wiped by hand"));
        assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);
        assertThat(json(returned).get("state").asString()).isEqualTo("RETURNED");
        assertThat(json(returned).get("returnNote").asString()).isEqualTo("Wiped by hand");
        assertProblem(
                api.post("/api/v1/environments/reset-env/slots/2/return-to-service", adam, Map.of()),
                409,
                "slot_reset.not_out_of_service");
    }
}
