package dev.demoportal.booking.api;

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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
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
 * Access leases end to end in local mode's shape: the embedded worker with the simulated driver.
 * An admin turns leases on; a claim through the API is granted (the binding is recorded in the
 * simulated cloud) and {@code GET /bookings/{id}} says so; a release revokes it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.local.enabled=true",
            "portal.local.idp-port=0",
            "portal.local.demo-data=false",
            "portal.worker.embedded=true",
            "db-scheduler.enabled=true",
            "db-scheduler.polling-interval=1s"
        })
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessLeaseApiIT {

    /** Generous for a loaded two-core machine; the measured times are printed. */
    private static final Duration WAIT = Duration.ofSeconds(30);

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
    private String adam;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        alice = signIn.accessToken("alice");
        adam = signIn.accessToken("adam");
        SystemTask.run(
                "test",
                List.of("ADMIN"),
                () -> environments.createEnvironment(new EnvironmentForm(
                        "leased", "Leased env", "emea", 2, EnvironmentStatus.AVAILABLE, "", List.of())));
    }

    private HttpResponse<String> put(String path, String token, Map<String, ?> body) {
        return api.send(
                HttpRequest.newBuilder(api.uri(path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(body))),
                token);
    }

    private boolean bindingPresent(String namespace) {
        Integer n = jdbc.queryForObject(
                "select count(*) from simulated_resource where id like ? and present",
                Integer.class,
                "rolebinding/emea/" + namespace + "/%");
        return n != null && n > 0;
    }

    private static long await(BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > WAIT.toNanos()) {
                throw new AssertionError("Not true within " + WAIT);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void aClaimIsGrantedAndAReleaseRevokedAndTheBookingSaysSo() {
        assertProblem(
                put("/api/v1/environments/leased/access", alice, Map.of("namespaceTemplate", "x-{slot}")),
                403,
                "auth.forbidden");
        assertProblem(
                put("/api/v1/environments/leased/access", adam, Map.of("namespaceTemplate", "no-slot")),
                400,
                "validation.failed");
        HttpResponse<String> set = put(
                "/api/v1/environments/leased/access",
                adam,
                Map.of(
                        "namespaceTemplate",
                        "{environment}-slot-{slot}",
                        "subjectKind",
                        "USER",
                        "subjectTemplate",
                        "oidc:{email}",
                        "clusterRole",
                        "edit"));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

        JsonNode claimed = json(api.post(
                "/api/v1/environments/leased/claim",
                alice,
                "{\"duration\":\"PT1H\",\"purpose\":\"Leased demo\",\"slot\":2}"));
        String id = claimed.get("id").asString();
        long granted = await(() -> bindingPresent("leased-slot-2"));
        await(() -> "ACTIVE"
                .equals(json(api.get("/api/v1/bookings/" + id, alice))
                        .get("access")
                        .get("status")
                        .asString()));
        JsonNode access = json(api.get("/api/v1/bookings/" + id, alice)).get("access");
        assertThat(Instant.parse(access.get("revokeDueAt").asString()))
                .isEqualTo(Instant.parse(claimed.get("end").asString()));
        assertThat(access.get("grantedAt").isNull()).isFalse();
        assertThat(access.get("revokedAt").isNull()).isTrue();
        assertThat(bindingPresent("leased-slot-1")).isFalse();

        assertThat(api.post("/api/v1/bookings/" + id + "/release", alice, "{}").statusCode())
                .isEqualTo(200);
        long revoked = await(() -> !bindingPresent("leased-slot-2"));
        await(() -> "REVOKED"
                .equals(json(api.get("/api/v1/bookings/" + id, alice))
                        .get("access")
                        .get("status")
                        .asString()));
        System.out.printf(
                "access lease (simulated, embedded worker): claim to binding %d ms, release to no " + "binding %d ms%n",
                granted, revoked);
        assertThat(jdbc.queryForList(
                        "select action from audit_event where target_id = ? order by id", String.class, id))
                .contains("booking.access_granted", "booking.access_revoked");
        assertThat(jdbc.queryForObject(
                        "select creations from simulated_resource where id like ?",
                        Integer.class,
                        "rolebinding/emea/leased-slot-2/%"))
                .isEqualTo(1);
    }
}
