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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * People the identity provider vouches for but whose groups map to no portal role get neither a
 * session nor API access. The portal reads roles from a claim the provider does not send, so every
 * demo user is such a person here.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.local.enabled=true",
            "portal.local.idp-port=0",
            "portal.local.demo-data=false",
            "portal.identity.role-claim=portal_roles"
        })
@PortalDatabaseTest
class OidcSignInRefusedIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void browserSignInEndsOnThePageThatSaysWhy() {
        HttpClient browser = browser();
        URI authorize = location(get(browser, location(get(browser, portal("/")))));
        URI back = location(DemoSignIn.submitLogin(browser, location(get(browser, authorize)), "alice"));
        URI callback = location(get(browser, back));

        HttpResponse<String> refused = get(browser, callback);

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(location(refused)).isEqualTo(portal("/signin-problem?code=identity.no_role"));
        HttpResponse<String> me = DemoSignIn.send(
                browser, HttpRequest.newBuilder(portal("/api/v1/me")).header("Accept", "application/json"));
        assertThat(me.statusCode()).as("no session was established").isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from portal_user", Long.class))
                .isZero();
    }

    @Test
    void bearerTokensOfSuchPeopleAreRefused() {
        String token = new DemoSignIn(issuer).accessToken("adam");

        HttpResponse<String> me = DemoSignIn.send(
                browser(),
                HttpRequest.newBuilder(portal("/api/v1/me"))
                        .header("Accept", "application/json")
                        .header("Authorization", "Bearer " + token));

        assertThat(me.statusCode()).isEqualTo(401);
        JsonNode problem = JSON.readTree(me.body());
        assertThat(problem.get("code").asString()).isEqualTo("auth.required");
        assertThat(problem.get("detail").asString()).contains("no Demo Portal role");
        assertThat(jdbc.queryForObject("select count(*) from portal_user", Long.class))
                .isZero();
    }

    private URI portal(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
