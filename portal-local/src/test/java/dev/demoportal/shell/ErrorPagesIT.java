package dev.demoportal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.DemoSignIn;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors the servlet container answers (no view, no endpoint involved) still come from the portal:
 * its own page for people, problem details for the API; never an empty body that leaves the browser
 * to show its own "HTTP ERROR" page.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=false"})
@PortalDatabaseTest
class ErrorPagesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void aMissingFileGetsThePortalsPageNotAnEmptyResponse() {
        HttpResponse<String> response = get("/webjars/no-such-library/1.0/library.js", "text/html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body())
                .contains("Demo Portal")
                .contains(NotAvailableView.HEADING)
                .contains(NotAvailableView.START_LINK)
                .doesNotContain("Whitelabel")
                .doesNotContain("Exception");
    }

    @Test
    void aRequestRefusedBeforeTheApiGetsProblemDetails() {
        // the firewall refuses path parameters before any endpoint sees the request
        HttpResponse<String> response = get("/api/v1/environments;x=1", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo("request.rejected");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/environments;x=1");
    }

    @Test
    void anUnknownApiPathStaysAProblemWithoutSigningIn() {
        HttpResponse<String> response = get("/api/v1/no-such-thing", "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("auth.required");
    }

    private HttpResponse<String> get(String path, String accept) {
        return DemoSignIn.send(
                DemoSignIn.browser(),
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept", accept));
    }
}
