package dev.demoportal.sandbox.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.provisioning.worker.ProvisioningWorkerApplication;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A worker started without a sandbox keyset (outside local mode) does start, so its probes can
 * say why, and is not ready: Kubernetes sends it nothing and a rollout with the mistake stops.
 */
@SpringBootTest(
        classes = ProvisioningWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "portal.sandbox.keys.keyset=")
@PortalDatabaseTest
class SandboxKeysMissingIT {

    @LocalServerPort
    int port;

    @Test
    void aMissingKeysetMakesThePodNotReadyButAlive() throws Exception {
        HttpResponse<String> readiness = get("/readyz");

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body())
                .contains("\"sandboxKeys\":{")
                .contains("\"status\":\"DOWN\"")
                .contains("portal.sandbox.keys.keyset is not set");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        // alive: no restart loop, the reason stays readable in the probe and the log
        assertThat(get("/livez").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
