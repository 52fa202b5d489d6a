package dev.demoportal.booking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.PortalApplication;
import dev.demoportal.testing.PrintedOutput;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keeps {@link SessionsSoakBenchmark} ({@code benchmarks/sessions.sh soak}) alive: a few seconds of
 * churn with two boards, each open two to four seconds, bookings flowing through the API, and the
 * curve printed. The portal is local mode in this test's JVM (Vaadin development mode), as in
 * {@link SessionsDriverBenchmarkSmokeIT}. Asserts that it ran and printed the curve, never a figure.
 */
class SessionsSoakBenchmarkSmokeIT {

    @Test
    void aShortSoakPrintsItsCurve() throws Exception {
        Path data = Files.createTempDirectory("sessions-soak-smoke-pg");
        int port = PortalProcess.freePort();
        System.setProperty("server.port", String.valueOf(port));
        ConfigurableApplicationContext portal = SpringApplication.run(
                PortalApplication.class,
                "--spring.profiles.active=local",
                "--portal.local.data-directory=" + data,
                "--portal.local.idp-port=0",
                "--portal.local.demo-history=false",
                "--portal.worker.embedded=false",
                "--vaadin.devmode.devTools.enabled=false",
                "--logging.level.root=WARN");
        try {
            String issuer = portal.getEnvironment().getRequiredProperty("portal.local.idp-issuer");
            var target = new SessionsDriverBenchmark.Portal(
                    URI.create("http://localhost:" + port + "/"),
                    URI.create(issuer.endsWith("/") ? issuer : issuer + "/"),
                    ProcessHandle.current().pid());

            String report = PrintedOutput.of(() -> SessionsSoakBenchmark.run(
                    target,
                    new SessionsSoakBenchmark.Options(
                            Duration.ofSeconds(12),
                            2,
                            1,
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(4),
                            Duration.ofSeconds(4),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(1)),
                    System.out));

            assertThat(report)
                    .contains("Sessions soak (protocol driver)", "heap after GC MiB", "Every board vanished")
                    .contains("Curve (CSV):", "minutes,heap_mib,uis")
                    .containsPattern("Bookings through the API: [1-9]\\d* done")
                    .contains("Slope of the heap after GC while churning");
        } finally {
            System.clearProperty("server.port");
            portal.close();
            try (var paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
