package dev.demoportal.identity.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.LocalModeApiTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Field engineers invite, list and revoke invitations through the API; each step is audited. */
class InvitationApiIT extends LocalModeApiTest {

    private String alice;
    private String maria;
    private String carol;

    @BeforeAll
    void setUp() {
        alice = signIn("alice");
        maria = signIn("maria");
        carol = signIn("carol");
    }

    @Test
    void aFieldEngineerInvitesListsAndRevokesAndEachStepIsAudited() {
        String email = "api-" + UUID.randomUUID() + "@acme.example";
        HttpResponse<String> created =
                api.post("/api/v1/invitations", alice, Map.of("email", email, "organisation", "acme-corp"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created);
        String id = body.get("invitation").get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/invitations/" + id);
        assertThat(body.get("invitation").get("state").asString()).isEqualTo("OPEN");
        assertThat(body.get("invitation").get("organisation").asString()).isEqualTo("acme-corp");
        assertThat(body.get("link").asString()).contains("invitation/");

        HttpResponse<String> listed = api.get("/api/v1/invitations?limit=1", maria);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(json(listed).get(0).get("email").asString()).isEqualTo(email);
        long total = Long.parseLong(listed.headers().firstValue("X-Total-Count").orElseThrow());
        assertThat(total).isPositive();
        if (total > 1) {
            assertThat(listed.headers().firstValue("Link"))
                    .hasValueSatisfying(l -> assertThat(l).contains("offset=1"));
        }
        // the token behind the link is never shown again
        assertThat(listed.body()).doesNotContain(body.get("link").asString());

        assertProblem(delete("/api/v1/invitations/" + id, maria), 403, "auth.forbidden");
        HttpResponse<String> revoked = delete("/api/v1/invitations/" + id, alice);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked).get("state").asString()).isEqualTo("REVOKED");
        assertProblem(delete("/api/v1/invitations/" + id, alice), 409, "invitation.not_open");

        assertThat(jdbc.queryForList(
                        "select action from audit_event where target_id = ? order by id", String.class, id))
                .containsExactly("invitation.sent", "invitation.revoked");
    }

    @Test
    void customersMayNotAndBadInputNamesTheField() {
        assertProblem(
                api.post("/api/v1/invitations", carol, Map.of("email", "x@acme.example", "organisation", "acme-corp")),
                403,
                "auth.forbidden");
        assertProblem(api.get("/api/v1/invitations", carol), 403, "auth.forbidden");

        HttpResponse<String> badEmail =
                api.post("/api/v1/invitations", alice, Map.of("email", "not-an-address", "organisation", "acme-corp"));
        assertProblem(badEmail, 400, "validation.failed");
        assertThat(json(badEmail).get("errors").get(0).get("field").asString()).isEqualTo("email");

        HttpResponse<String> noOrg = api.post(
                "/api/v1/invitations", alice, Map.of("email", "y@nowhere.example", "organisation", "no-such-org"));
        assertProblem(noOrg, 400, "validation.failed");
        assertThat(json(noOrg).get("errors").get(0).get("field").asString()).isEqualTo("organisation");

        assertProblem(api.get("/api/v1/invitations?limit=0", alice), 400, "validation.failed");
        assertProblem(delete("/api/v1/invitations/" + UUID.randomUUID(), alice), 404, "invitation.not_found");
    }

    private HttpResponse<String> delete(String path, String token) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).DELETE(), token);
    }
}
