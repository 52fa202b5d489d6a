package dev.demoportal.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import dev.demoportal.FakeOidcProvider;
import dev.demoportal.TestFixtures;
import dev.demoportal.Waits;
import dev.demoportal.testing.PortalDatabaseTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The portal as Kubernetes and Prometheus see it, with actuator on a port of its own as the Helm
 * chart runs it: probes on the main port, metrics only on the management port, correlation ids.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {TestFixtures.SANDBOX_KEYSET, "management.server.port=0"})
@ContextCustomizerFactories(FakeOidcProvider.class)
@PortalDatabaseTest
class OperationsEndpointsIT {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void probesAnswerOnTheMainPortWithoutSignIn() throws Exception {
        assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get(port, "/readyz");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode())
                .isEqualTo(200);
    }

    @Test
    void prometheusScrapesTheManagementPortAndFindsThePortalsMetrics() throws Exception {
        get(port, "/api/v1/me"); // HTTP metrics appear with the first request, recorded just after it

        await().atMost(Waits.ROUND_TRIP)
                .untilAsserted(() -> assertThat(
                                get(managementPort, "/actuator/prometheus").body())
                        .contains("http_server_requests_seconds_bucket"));
        HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("portal_ui_sessions{application=\"demo-portal\"")
                .contains("portal_bookings_total{action=\"booked\",application=\"demo-portal\"")
                .contains("http_server_requests_seconds_bucket")
                .contains("hikaricp_connections_timeout_total");
    }

    @Test
    void metricsAreNotPublicOnTheMainPort() throws Exception {
        HttpResponse<String> response = get(port, "/actuator/prometheus");

        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(response.body()).doesNotContain("portal_ui_sessions");
    }

    @Test
    void everyResponseNamesItsTraceAndContinuesTheCallers() throws Exception {
        HttpResponse<String> fresh = get(port, "/api/v1/me");
        assertThat(fresh.headers().firstValue("X-Trace-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32)));

        // a pipeline's W3C trace context: the portal's span joins the caller's trace
        String callersTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> traced = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me"))
                        .header("traceparent", "00-" + callersTrace + "-00f067aa0ba902b7-01")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(traced.statusCode()).isEqualTo(401);
        assertThat(traced.headers().firstValue("X-Trace-Id")).hasValue(callersTrace);
    }

    @Test
    void theSessionGaugeCountsVaadinSessions() {
        double before = meters.get("portal.ui.sessions").gauge().value();

        // a Vaadin session through the real Spring-managed service, as a browser's first request makes one
        MockVaadin.setup(UI::new, new MockSpringServlet(new Routes(), context, UI::new));
        try {
            assertThat(meters.get("portal.ui.sessions").gauge().value()).isEqualTo(before + 1);
        } finally {
            MockVaadin.tearDown();
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
