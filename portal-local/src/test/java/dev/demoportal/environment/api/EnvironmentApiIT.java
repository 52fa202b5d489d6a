package dev.demoportal.environment.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.ApiClient;
import dev.demoportal.DemoSignIn;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.http.HttpResponse;
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

/** Admins create, change and retire environments through the API; each change is audited. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=false"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvironmentApiIT {

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private String adam;
    private String alice;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        adam = signIn.accessToken("adam");
        alice = signIn.accessToken("alice");
    }

    @Test
    void anAdminCreatesChangesAndRetiresAnEnvironmentAndEachStepIsAudited() {
        HttpResponse<String> created = api.post(
                "/api/v1/environments",
                adam,
                Map.of("slug", "api-made", "name", "Made by API", "region", "emea", "tenantSlots", 3));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/environments/api-made");
        JsonNode env = json(created);
        assertThat(env.get("status").asString()).isEqualTo("AVAILABLE");
        long version = env.get("version").asLong();
        assertThat(json(api.get("/api/v1/environments/api-made", alice))
                        .get("tenantSlots")
                        .asInt())
                .isEqualTo(3);

        HttpResponse<String> changed =
                api.put("/api/v1/environments/api-made", adam, Map.of("tenantSlots", 5, "version", version));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("tenantSlots").asInt()).isEqualTo(5);
        assertThat(json(changed).get("name").asString()).isEqualTo("Made by API");

        // someone else's edit came in between: the old version is refused
        assertProblem(
                api.put("/api/v1/environments/api-made", adam, Map.of("tenantSlots", 2, "version", version)),
                409,
                "environment.changed");

        HttpResponse<String> retired = api.post("/api/v1/environments/api-made/retire", adam, Map.of());
        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
        assertThat(json(retired).get("status").asString()).isEqualTo("RETIRED");

        assertThat(jdbc.queryForList(
                        "select action from audit_event where target_id = (select id::text from shared_environment "
                                + "where slug = 'api-made') order by id",
                        String.class))
                .containsExactly("environment.created", "environment.updated", "environment.updated");
    }

    @Test
    void onlyAdminsWriteAndBadInputNamesTheField() {
        assertProblem(
                api.post(
                        "/api/v1/environments",
                        alice,
                        Map.of("slug", "not-mine", "name", "No", "region", "emea", "tenantSlots", 1)),
                403,
                "auth.forbidden");
        HttpResponse<String> badRegion = api.post(
                "/api/v1/environments",
                adam,
                Map.of("slug", "nowhere", "name", "Nowhere", "region", "mars", "tenantSlots", 1));
        assertProblem(badRegion, 400, "validation.failed");
        assertThat(json(badRegion).get("errors").get(0).get("field").asString()).isEqualTo("region");
        assertProblem(
                api.post(
                        "/api/v1/environments",
                        adam,
                        Map.of("slug", "Bad Slug", "name", "x", "region", "emea", "tenantSlots", 1)),
                400,
                "validation.failed");
        assertProblem(
                api.post("/api/v1/environments/no-such-env/retire", adam, Map.of()), 404, "environment.not_found");
    }
}
