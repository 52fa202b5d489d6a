package dev.demoportal.environment.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.LocalModeApiTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Admins read and change an environment's booking rules through the API; the change is audited. */
class BookingRulesApiIT extends LocalModeApiTest {

    private String adam;
    private String alice;

    @BeforeAll
    void setUp() {
        adam = signIn("adam");
        alice = signIn("alice");
        HttpResponse<String> created = api.post(
                "/api/v1/environments",
                adam,
                Map.of("slug", "rules-api", "name", "Rules by API", "region", "emea", "tenantSlots", 2));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void anAdminChangesTheBookingRulesAndTheChangeIsAudited() {
        HttpResponse<String> read = api.get("/api/v1/environments/rules-api/booking-rules", alice);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        long version = json(read).get("version").asLong();

        HttpResponse<String> changed = api.put(
                "/api/v1/environments/rules-api/booking-rules",
                adam,
                Map.of("maximum", "PT12H", "horizon", "P60D", "version", version));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode rules = json(changed);
        assertThat(rules.get("maximum").asString()).isEqualTo("PT12H");
        assertThat(rules.get("horizon").asString()).isEqualTo("PT1440H");
        assertThat(rules.get("minimum").asString())
                .isEqualTo(json(read).get("minimum").asString());

        assertProblem(
                api.put(
                        "/api/v1/environments/rules-api/booking-rules",
                        adam,
                        Map.of("maximum", "PT6H", "version", version)),
                409,
                "environment.changed");
        assertThat(jdbc.queryForList(
                        "select action from audit_event where target_id = (select id::text from shared_environment "
                                + "where slug = 'rules-api') order by id",
                        String.class))
                .containsExactly("environment.created", "environment.booking_rules_changed");
    }

    @Test
    void onlyAdminsChangeThemAndBadInputNamesTheField() {
        assertProblem(
                api.put("/api/v1/environments/rules-api/booking-rules", alice, Map.of("maximum", "PT6H")),
                403,
                "auth.forbidden");
        HttpResponse<String> tooShort =
                api.put("/api/v1/environments/rules-api/booking-rules", adam, Map.of("minimum", "PT1M"));
        assertProblem(tooShort, 400, "validation.failed");
        assertThat(json(tooShort).get("errors").get(0).get("field").asString()).isEqualTo("minimum");
        HttpResponse<String> partDay =
                api.put("/api/v1/environments/rules-api/booking-rules", adam, Map.of("horizon", "PT36H"));
        assertProblem(partDay, 400, "validation.failed");
        assertThat(json(partDay).get("errors").get(0).get("field").asString()).isEqualTo("horizon");
        assertProblem(
                api.put("/api/v1/environments/no-such-env/booking-rules", adam, Map.of("maximum", "PT6H")),
                404,
                "environment.not_found");
    }
}
