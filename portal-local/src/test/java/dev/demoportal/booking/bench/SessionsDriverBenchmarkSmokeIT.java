package dev.demoportal.booking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.PortalApplication;
import dev.demoportal.testing.PrintedOutput;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keeps {@link SessionsDriverBenchmark} ({@code benchmarks/sessions.sh driver}) alive: one and two
 * boards opened through Vaadin's own protocol must go through every phase (sign-in, init,
 * navigation, push, heartbeats, one booking pushed to every board, boards gone) and print the
 * figures. The portal here is local mode started in this test's JVM (Vaadin development mode, from
 * the test class path), not the production jar the benchmark starts as a separate process: building
 * and starting that is too heavy for the test suite. The protocol is the same. Asserts that every
 * board saw the booking (the driver works), never how fast.
 */
class SessionsDriverBenchmarkSmokeIT {

    @Test
    void aTwoBoardRunPrintsItsFigures() throws Exception {
        Path data = Files.createTempDirectory("sessions-driver-smoke-pg");
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

            String report = PrintedOutput.of(() -> SessionsDriverBenchmark.run(
                    target,
                    new SessionsDriverBenchmark.Options(List.of(1, 2), 1, 1, Duration.ofSeconds(1)),
                    System.out));

            assertThat(report)
                    .contains("Sessions per pod (protocol driver)", "baseline heap after GC")
                    .contains("retained kB/board", "idle CPU ms/s", "propagation p50 / p95 / max ms")
                    // every open board was pushed the booking
                    .containsPattern("(?m)^\\s+1 \\|\\s+1 \\|.*\\| 1/1 \\|")
                    .containsPattern("(?m)^\\s+2 \\|\\s+2 \\|.*\\| 2/2 \\|")
                    .contains("Every board vanished");
        } finally {
            System.clearProperty("server.port");
            portal.close();
            try (var paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
