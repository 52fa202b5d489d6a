package dev.demoportal.identity.ui;

import static dev.demoportal.DemoSignIn.browser;
import static dev.demoportal.DemoSignIn.get;
import static dev.demoportal.DemoSignIn.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.DemoSignIn;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browser sign-in without a browser: every redirect of the OIDC authorization code flow between
 * the portal and local mode's provider, followed by hand with a cookie-keeping HTTP client.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=false"})
@PortalDatabaseTest
class OidcSignInIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Test
    void signingInInTheBrowserGivesASessionForTheSameUserAsABearerToken() {
        HttpClient browser = browser();

        URI finalPage = signIn(browser, "alice");

        assertThat(finalPage.getPath()).as("back where sign-in began").isEqualTo("/");
        JsonNode bySession = me(browser, null);
        assertThat(bySession.get("name").asString()).isEqualTo("Alice Field");
        assertThat(bySession.get("roles").get(0).asString()).isEqualTo("FIELD_ENGINEER");

        JsonNode byToken = me(browser(), new DemoSignIn(issuer).accessToken("alice"));
        assertThat(byToken.get("id").asString()).isEqualTo(bySession.get("id").asString());
    }

    @Test
    void aSessionCarriesTheUsersRoleToTheApi() {
        HttpClient browser = browser();
        signIn(browser, "carol");

        HttpResponse<String> environments = DemoSignIn.send(
                browser, HttpRequest.newBuilder(portal("/api/v1/environments")).header("Accept", "application/json"));

        assertThat(environments.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(environments.body()).get("code").asString()).isEqualTo("auth.forbidden");
        assertThat(me(browser, null).get("organisation").get("name").asString()).isEqualTo("Acme Corp");
    }

    @Test
    void withoutASessionTheUiSendsPeopleToTheIdentityProvider() {
        HttpResponse<String> start = get(browser(), portal("/environments"));

        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(location(start)).isEqualTo(portal("/oauth2/authorization/portal"));
    }

    @Test
    void behindATrustedProxyTheRedirectUriIsThePublicAddress() {
        // the test connects from 127.0.0.1, a trusted proxy address by default (like an ingress controller's)
        HttpResponse<String> toProvider = DemoSignIn.send(
                browser(),
                HttpRequest.newBuilder(portal("/oauth2/authorization/portal"))
                        .header("X-Forwarded-Proto", "https")
                        .header("X-Forwarded-Host", "portal.example.com"));

        assertThat(toProvider.statusCode()).isEqualTo(302);
        assertThat(DemoSignIn.query(location(toProvider)))
                .containsEntry("redirect_uri", "https://portal.example.com/login/oauth2/code/portal");
    }

    /** Follows the sign-in from the portal's start page to the page the portal lands on afterwards. */
    private URI signIn(HttpClient browser, String username) {
        HttpResponse<String> start = get(browser, portal("/"));
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(location(start)).isEqualTo(portal("/oauth2/authorization/portal"));

        HttpResponse<String> toProvider = get(browser, location(start));
        URI authorize = location(toProvider);
        assertThat(authorize.toString()).startsWith(issuer + "/oauth2/authorize?");
        assertThat(DemoSignIn.query(authorize))
                .containsEntry("client_id", "portal")
                .containsEntry(
                        "redirect_uri", portal("/login/oauth2/code/portal").toString());

        HttpResponse<String> toLogin = get(browser, authorize);
        URI backToAuthorize = location(DemoSignIn.submitLogin(browser, location(toLogin), username));

        HttpResponse<String> toPortal = get(browser, backToAuthorize);
        URI callback = location(toPortal);
        assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/portal");
        assertThat(DemoSignIn.query(callback)).containsKeys("code", "state");

        HttpResponse<String> signedIn = get(browser, callback);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        return location(signedIn);
    }

    private JsonNode me(HttpClient client, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(portal("/api/v1/me")).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = DemoSignIn.send(client, request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private URI portal(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
