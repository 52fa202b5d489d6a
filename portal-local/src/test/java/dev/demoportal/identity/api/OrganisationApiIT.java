package dev.demoportal.identity.api;

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

/** Field engineers create organisations and add their e-mail domains through the API; audited. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=true"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganisationApiIT {

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private String alice;
    private String maria;
    private String carol;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        alice = signIn.accessToken("alice");
        maria = signIn.accessToken("maria");
        carol = signIn.accessToken("carol");
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

        assertThat(jdbc.queryForList(
                        "select action from audit_event where target_id = (select id::text from organisation "
                                + "where slug = ?) order by id",
                        String.class,
                        slug))
                .containsExactly("organisation.created", "organisation.domain_added");
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
