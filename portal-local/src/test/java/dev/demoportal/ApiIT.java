package dev.demoportal;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static dev.demoportal.ApiClient.strings;
import static dev.demoportal.DemoSignIn.browser;
import static dev.demoportal.DemoSignIn.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PortalDatabaseTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The REST API as scripts and pipelines use it: real access tokens from local mode's OIDC
 * provider, the seeded demo environments, and problem details for everything that goes wrong.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=true"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = browser();
    private ApiClient api;
    private String alice;
    private String carol;

    @BeforeAll
    void tokens() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        alice = signIn.accessToken("alice");
        carol = signIn.accessToken("carol");
    }

    @Test
    void meDescribesAFieldEngineer() {
        HttpResponse<String> response = api.get("/api/v1/me", alice);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode me = json(response);
        assertThat(UUID.fromString(me.get("id").asString())).isNotNull();
        assertThat(me.get("email").asString()).isEqualTo("alice@demoportal.dev");
        assertThat(me.get("name").asString()).isEqualTo("Alice Field");
        assertThat(strings(me.get("roles"))).containsExactly("FIELD_ENGINEER");
        assertThat(me.get("organisation").isNull()).isTrue();
    }

    @Test
    void meDescribesACustomerWithHerOrganisation() {
        JsonNode me = json(api.get("/api/v1/me", carol));

        assertThat(me.get("email").asString()).isEqualTo("carol@acme.example");
        assertThat(strings(me.get("roles"))).containsExactly("CUSTOMER");
        assertThat(me.get("organisation").get("name").asString()).isEqualTo("Acme Corp");
        assertThat(me.get("organisation").get("slug").asString()).isEqualTo("acme-corp");
    }

    @Test
    void everyTokenOfAPersonResolvesToTheirOneUserRow() {
        String again = new DemoSignIn(issuer).accessToken("alice");
        assertThat(again).isNotEqualTo(alice);

        String first = json(api.get("/api/v1/me", alice)).get("id").asString();
        String second = json(api.get("/api/v1/me", again)).get("id").asString();

        assertThat(second).isEqualTo(first);
        // keyed by issuer and subject, exactly as an OIDC sign-in in the browser looks the user up
        Map<String, Object> row = jdbc.queryForMap("select issuer, subject from portal_user where id = ?::uuid", first);
        assertThat(row).containsEntry("issuer", issuer).containsEntry("subject", "alice");
        assertThat(jdbc.queryForObject("select count(*) from portal_user where subject = 'alice'", Long.class))
                .isEqualTo(1L);
    }

    @Test
    void listsTheSeededEnvironmentsByRegionThenName() {
        HttpResponse<String> response = api.get("/api/v1/environments", alice);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = json(response);
        List<String> slugs = new ArrayList<>();
        list.forEach(e -> slugs.add(e.get("slug").asString()));
        // regions ordered by name: EMEA, Japan / APAC, North America
        assertThat(slugs)
                .containsExactly(
                        "emea-demo-1",
                        "emea-demo-2",
                        "apj-demo-1",
                        "apj-demo-2",
                        "na-demo-1",
                        "na-demo-2",
                        "na-perf-lab");

        JsonNode perfLab = list.get(6);
        assertThat(perfLab.get("name").asString()).isEqualTo("NA Performance Lab");
        assertThat(perfLab.get("region").asString()).isEqualTo("na");
        assertThat(perfLab.get("tenantSlots").asInt()).isEqualTo(2);
        assertThat(perfLab.get("status").asString()).isEqualTo("MAINTENANCE");
    }

    @Test
    void filtersEnvironmentsByRegion() {
        JsonNode list = json(api.get("/api/v1/environments?region=emea", alice));

        List<String> slugs = new ArrayList<>();
        list.forEach(e -> {
            slugs.add(e.get("slug").asString());
            assertThat(e.get("region").asString()).isEqualTo("emea");
        });
        assertThat(slugs).containsExactly("emea-demo-1", "emea-demo-2");
    }

    @Test
    void readsOneEnvironmentBySlug() {
        JsonNode env = json(api.get("/api/v1/environments/emea-demo-2", alice));

        assertThat(env.get("name").asString()).isEqualTo("EMEA Demo 2");
        assertThat(env.get("tenantSlots").asInt()).isEqualTo(3);
        assertThat(env.get("links").size()).isEqualTo(3);
    }

    @Test
    void customersMayNotListSharedEnvironments() {
        HttpResponse<String> response = api.get("/api/v1/environments", carol);

        assertProblem(response, 403, "auth.forbidden");
    }

    @Test
    void withoutATokenTheApiAnswers401NotARedirect() {
        HttpResponse<String> response = api.get("/api/v1/environments", null);

        assertProblem(response, 401, "auth.required");
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void garbageTokensAreRefused() {
        HttpResponse<String> response = api.get("/api/v1/me", "not-a-jwt");

        assertProblem(response, 401, "auth.required");
        assertThat(json(response).get("detail").asString()).startsWith("The bearer token was not accepted");
    }

    @Test
    void tokensWithAForgedSignatureAreRefused() {
        String[] parts = alice.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String promoted = payload.replace("\"field-engineers\"", "\"admins\"");
        assertThat(promoted).isNotEqualTo(payload);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(promoted.getBytes())
                + "." + parts[2];

        assertProblem(api.get("/api/v1/me", forged), 401, "auth.required");
    }

    @Test
    void unknownEnvironmentIsA404Problem() {
        HttpResponse<String> response = api.get("/api/v1/environments/no-such", alice);

        assertProblem(response, 404, "environment.not_found");
        assertThat(json(response).get("detail").asString()).contains("no-such");
    }

    @Test
    void unknownApiPathIsA404ProblemNotTheWebUi() {
        assertProblem(api.get("/api/v1/nope", alice), 404, "api.not_found");
    }

    @Test
    void providerAdvertisesDeviceFlowAndSignOut() {
        HttpResponse<String> response =
                send(http, HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode discovery = json(response);
        assertThat(discovery.get("issuer").asString()).isEqualTo(issuer);
        assertThat(discovery.get("device_authorization_endpoint").asString())
                .isEqualTo(issuer + "/oauth2/device_authorization");
        assertThat(discovery.get("end_session_endpoint").asString()).isEqualTo(issuer + "/connect/logout");
    }

    @Test
    void cliStartsADeviceAuthorization() {
        HttpResponse<String> response = DemoSignIn.post(
                http, URI.create(issuer + "/oauth2/device_authorization"), Map.of("client_id", "portal-cli"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode device = json(response);
        assertThat(device.get("device_code").asString()).isNotBlank();
        assertThat(device.get("user_code").asString()).isNotBlank();
        assertThat(device.get("verification_uri").asString()).startsWith(issuer);
    }

    @Test
    void deviceFlowGivesATokenTheApiAccepts() {
        HttpResponse<String> started = DemoSignIn.post(
                http,
                URI.create(issuer + "/oauth2/device_authorization"),
                Map.of("client_id", "portal-cli", "scope", "profile email"));
        JsonNode device = json(started);

        // the person opens the verification link in a browser and signs in there
        HttpClient browser = browser();
        HttpResponse<String> toLogin = DemoSignIn.get(
                browser, URI.create(device.get("verification_uri_complete").asString()));
        assertThat(toLogin.statusCode()).isEqualTo(302);
        URI back = DemoSignIn.location(DemoSignIn.submitLogin(browser, DemoSignIn.location(toLogin), "maria"));
        HttpResponse<String> consentPage = DemoSignIn.get(browser, back);
        assertThat(consentPage.statusCode()).isEqualTo(200);
        // the page shows the code so the person can check it matches the one on their device
        assertThat(consentPage.body()).contains(device.get("user_code").asString());
        Matcher state = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(consentPage.body());
        assertThat(state.find()).isTrue();
        HttpResponse<String> approved = send(
                browser,
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/device_verification"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(DemoSignIn.form(Map.of(
                                        "client_id", "portal-cli",
                                        "state", state.group(1),
                                        "user_code", device.get("user_code").asString()))
                                + "&scope=profile&scope=email")));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
        assertThat(DemoSignIn.location(approved).getQuery()).isEqualTo("success");

        HttpResponse<String> token = DemoSignIn.post(
                http,
                URI.create(issuer + "/oauth2/token"),
                Map.of(
                        "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                        "client_id", "portal-cli",
                        "device_code", device.get("device_code").asString()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);

        JsonNode me = json(api.get("/api/v1/me", json(token).get("access_token").asString()));
        assertThat(me.get("name").asString()).isEqualTo("Maria Manager");
        assertThat(strings(me.get("roles"))).containsExactly("MANAGER");
    }

    @Test
    void deviceCodeIsNotATokenBeforeThePersonApproves() {
        JsonNode device = json(DemoSignIn.post(
                http,
                URI.create(issuer + "/oauth2/device_authorization"),
                Map.of("client_id", "portal-cli", "scope", "profile")));

        HttpResponse<String> token = DemoSignIn.post(
                http,
                URI.create(issuer + "/oauth2/token"),
                Map.of(
                        "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                        "client_id", "portal-cli",
                        "device_code", device.get("device_code").asString()));

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(json(token).get("error").asString()).isEqualTo("authorization_pending");
    }
}
