package dev.demoportal.identity.ui;

import static dev.demoportal.DemoSignIn.browser;
import static dev.demoportal.DemoSignIn.get;
import static dev.demoportal.DemoSignIn.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.ApiClient;
import dev.demoportal.DemoSignIn;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A customer whose organisation would come from their e-mail domain, but whose identity provider
 * does not vouch for the address: anyone can type any address into a profile, so it binds them to
 * nothing. Here the provider sends no organisation claim the portal reads and no verification claim
 * the portal reads, while acme.example is mapped to Acme Corp.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.local.enabled=true",
            "portal.local.idp-port=0",
            "portal.local.demo-data=false",
            "portal.identity.organisation-claim=not_sent",
            "portal.identity.email-verified-claim=not_sent",
            "portal.identity.email-domain-organisations.[acme.example]=Acme Corp"
        })
@PortalDatabaseTest
class UnverifiedEmailSignInIT {

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
        URI back = location(DemoSignIn.submitLogin(browser, location(get(browser, authorize)), "carol"));
        URI callback = location(get(browser, back));

        HttpResponse<String> refused = get(browser, callback);

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(location(refused)).isEqualTo(portal("/signin-problem?code=identity.email_unverified"));
        assertThat(carolRows()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from organisation", Long.class))
                .isZero();
    }

    @Test
    void bearerTokensOfSuchPeopleAreRefused() {
        String token = new DemoSignIn(issuer).accessToken("carol");

        HttpResponse<String> me = new ApiClient(port).get("/api/v1/me", token);

        ApiClient.assertProblem(me, 401, "auth.required");
        assertThat(ApiClient.json(me).get("detail").asString()).contains("not verified your e-mail address");
        assertThat(carolRows()).isZero();
    }

    @Test
    void staffAreNotAffected() {
        String token = new DemoSignIn(issuer).accessToken("alice");

        assertThat(new ApiClient(port).get("/api/v1/me", token).statusCode()).isEqualTo(200);
    }

    private long carolRows() {
        return jdbc.queryForObject("select count(*) from portal_user where subject = 'carol'", Long.class);
    }

    private URI portal(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
