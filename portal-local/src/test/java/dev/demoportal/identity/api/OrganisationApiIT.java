package dev.demoportal.identity.api;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.LocalModeApiTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Field engineers create, rename and add e-mail domains to organisations through the API; audited. */
class OrganisationApiIT extends LocalModeApiTest {

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
    void aFieldEngineerCreatesAnOrganisationAndAddsADomainAndEachStepIsAudited() {
        HttpResponse<String> created = api.post("/api/v1/organisations", alice, Map.of("name", "Initech API"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String slug = json(created).get("slug").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/organisations/" + slug);
        assertThat(json(created).get("members").asLong()).isZero();

        HttpResponse<String> domain = api.post(
                "/api/v1/organisations/" + slug + "/email-domains", alice, Map.of("domain", "initech-api.example"));
        assertThat(domain.statusCode()).as(domain.body()).isEqualTo(200);
        assertThat(json(domain).get("emailDomains").get(0).asString()).isEqualTo("initech-api.example");

        HttpResponse<String> listed = api.get("/api/v1/organisations?limit=500", maria);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.headers().firstValue("X-Total-Count")).isPresent();
        assertThat(listed.body()).contains("\"" + slug + "\"");
        assertThat(json(api.get("/api/v1/organisations/" + slug, maria))
                        .get("name")
                        .asString())
                .isEqualTo("Initech API");

        HttpResponse<String> renamed =
                api.put("/api/v1/organisations/" + slug, alice, Map.of("name", "Initech Worldwide"));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).get("name").asString()).isEqualTo("Initech Worldwide");
        assertThat(json(renamed).get("slug").asString()).as("the slug stays").isEqualTo(slug);
        assertThat(json(api.get("/api/v1/organisations/" + slug, maria))
                        .get("emailDomains")
                        .get(0)
                        .asString())
                .isEqualTo("initech-api.example");

        assertThat(jdbc.queryForList(
                        "select action from audit_event where target_id = (select id::text from organisation "
                                + "where slug = ?) order by id",
                        String.class,
                        slug))
                .containsExactly("organisation.created", "organisation.domain_added", "organisation.renamed");
        assertThat(jdbc.queryForObject(
                        "select details ->> 'from' from audit_event where action = 'organisation.renamed' "
                                + "and target_id = (select id::text from organisation where slug = ?)",
                        String.class,
                        slug))
                .isEqualTo("Initech API");
    }

    @Test
    void aRenameRefusesAnotherOrganisationsNameControlCharactersAndOutsiders() {
        HttpResponse<String> created = api.post("/api/v1/organisations", alice, Map.of("name", "Renamable Ltd"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String slug = json(created).get("slug").asString();

        HttpResponse<String> taken = api.put("/api/v1/organisations/" + slug, alice, Map.of("name", "acme corp"));
        assertProblem(taken, 400, "validation.failed");
        assertThat(json(taken).get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertProblem(
                api.put("/api/v1/organisations/" + slug, alice, Map.of("name", "Bad\u0007Name")),
                400,
                "validation.failed");
        assertProblem(
                api.put("/api/v1/organisations/" + slug, carol, Map.of("name", "Mine now")), 403, "auth.forbidden");
        assertProblem(
                api.put("/api/v1/organisations/" + slug, maria, Map.of("name", "Managed")), 403, "auth.forbidden");
        assertProblem(
                api.put("/api/v1/organisations/no-such-org", alice, Map.of("name", "Ghost")),
                404,
                "organisation.not_found");
        assertThat(json(api.get("/api/v1/organisations/" + slug, maria))
                        .get("name")
                        .asString())
                .as("nothing changed")
                .isEqualTo("Renamable Ltd");
    }

    @Test
    void onlyStaffWriteAndBadInputNamesTheField() {
        assertProblem(api.post("/api/v1/organisations", carol, Map.of("name", "Mine")), 403, "auth.forbidden");
        assertProblem(api.post("/api/v1/organisations", maria, Map.of("name", "Managed")), 403, "auth.forbidden");
        assertProblem(api.get("/api/v1/organisations", carol), 403, "auth.forbidden");

        HttpResponse<String> blank = api.post("/api/v1/organisations", alice, Map.of("name", " "));
        assertProblem(blank, 400, "validation.failed");
        assertThat(json(blank).get("errors").get(0).get("field").asString()).isEqualTo("name");
        HttpResponse<String> taken = api.post("/api/v1/organisations", alice, Map.of("name", "Acme Corp"));
        assertProblem(taken, 400, "validation.failed");
        assertThat(json(taken).get("errors").get(0).get("field").asString()).isEqualTo("name");
        HttpResponse<String> slugTaken = api.post("/api/v1/organisations", alice, Map.of("name", "Acme, Corp."));
        assertProblem(slugTaken, 400, "validation.failed");
        assertThat(slugTaken.body()).contains("Its slug is taken by the organisation Acme Corp");

        HttpResponse<String> badDomain =
                api.post("/api/v1/organisations/acme-corp/email-domains", alice, Map.of("domain", "not a domain"));
        assertProblem(badDomain, 400, "validation.failed");
        assertThat(json(badDomain).get("errors").get(0).get("field").asString()).isEqualTo("domain");
        assertProblem(
                api.post("/api/v1/organisations/no-such-org/email-domains", alice, Map.of("domain", "x.example")),
                404,
                "organisation.not_found");
    }
}
