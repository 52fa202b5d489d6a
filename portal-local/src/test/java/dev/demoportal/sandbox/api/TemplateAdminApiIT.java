package dev.demoportal.sandbox.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.LocalModeApiTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Admins create, change and retire sandbox templates through the API; each change is audited. */
class TemplateAdminApiIT extends LocalModeApiTest {

    private String adam;
    private String alice;

    @BeforeAll
    void setUp() {
        adam = signIn("adam");
        alice = signIn("alice");
    }

    private static Map<String, Object> template(String slug) {
        return Map.of(
                "slug",
                slug,
                "name",
                "API template " + slug,
                "description",
                "Made by a script",
                "regions",
                List.of("emea"),
                "defaultLifetime",
                "P1D",
                "maxLifetime",
                "P7D");
    }

    @Test
    void anAdminCreatesChangesAndRetiresATemplateAndEachStepIsAudited() {
        HttpResponse<String> created = api.post("/api/v1/sandbox-templates", adam, template("api-tpl"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/sandbox-templates/api-tpl");
        JsonNode tpl = json(created);
        assertThat(tpl.get("active").asBoolean()).isTrue();
        assertThat(tpl.get("defaultLifetime").asString()).isEqualTo("PT24H");
        long version = tpl.get("version").asLong();
        assertThat(json(api.get("/api/v1/sandbox-templates/api-tpl", adam))
                        .get("maxLifetime")
                        .asString())
                .isEqualTo("PT168H");

        HttpResponse<String> changed =
                api.put("/api/v1/sandbox-templates/api-tpl", adam, Map.of("maxLifetime", "P14D", "version", version));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("maxLifetime").asString()).isEqualTo("PT336H");
        assertThat(json(changed).get("name").asString()).isEqualTo("API template api-tpl");

        // someone else's edit came in between: the old version is refused
        assertProblem(
                api.put("/api/v1/sandbox-templates/api-tpl", adam, Map.of("name", "Stale", "version", version)),
                409,
                "sandbox_template.changed");

        HttpResponse<String> retired = api.post("/api/v1/sandbox-templates/api-tpl/retire", adam, Map.of());
        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
        assertThat(json(retired).get("active").asBoolean()).isFalse();
        // a retired template is no longer offered
        assertThat(api.get("/api/v1/sandbox-templates", alice).body()).doesNotContain("\"api-tpl\"");

        assertThat(jdbc.queryForList(
                        "select action from audit_event where target_id = (select id::text from sandbox_template "
                                + "where slug = 'api-tpl') order by id",
                        String.class))
                .containsExactly("sandbox.template_created", "sandbox.template_updated", "sandbox.template_updated");
    }

    @Test
    void onlyAdminsWriteAndBadInputNamesTheField() {
        assertProblem(api.post("/api/v1/sandbox-templates", alice, template("not-mine")), 403, "auth.forbidden");
        assertProblem(api.get("/api/v1/sandbox-templates/not-mine", alice), 403, "auth.forbidden");

        Map<String, Object> mars = new java.util.HashMap<>(template("nowhere"));
        mars.put("regions", List.of("mars"));
        HttpResponse<String> badRegion = api.post("/api/v1/sandbox-templates", adam, mars);
        assertProblem(badRegion, 400, "validation.failed");
        assertThat(json(badRegion).get("errors").get(0).get("field").asString()).isEqualTo("regions");

        Map<String, Object> shortMax = new java.util.HashMap<>(template("short-max"));
        shortMax.put("maxLifetime", "PT12H");
        HttpResponse<String> belowDefault = api.post("/api/v1/sandbox-templates", adam, shortMax);
        assertProblem(belowDefault, 400, "validation.failed");
        assertThat(json(belowDefault).get("errors").get(0).get("field").asString())
                .isEqualTo("maxLifetime");

        Map<String, Object> badSlug = new java.util.HashMap<>(template("x"));
        badSlug.put("slug", "Bad Slug");
        HttpResponse<String> slug = api.post("/api/v1/sandbox-templates", adam, badSlug);
        assertProblem(slug, 400, "validation.failed");
        assertThat(json(slug).get("errors").get(0).get("field").asString()).isEqualTo("slug");

        assertProblem(
                api.post("/api/v1/sandbox-templates/no-such-template/retire", adam, Map.of()),
                404,
                "sandbox_template.not_found");
        assertProblem(
                api.put("/api/v1/sandbox-templates/no-such-template", adam, Map.of("name", "x")),
                404,
                "sandbox_template.not_found");
    }
}
