package dev.demoportal.booking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link SessionsBenchmark} alive: a tiny run (two boards, three-second heartbeats so closed
 * tabs are noticed quickly) must run to the end and print its figures. No figure is judged here.
 */
class SessionsBenchmarkSmokeIT {

    @Test
    void aTinyRunPrintsEveryFigure() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"))),
                "Chromium is needed");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        SessionsBenchmark.run(
                new SessionsBenchmark.Options(List.of(1, 2), 2, 1, List.of("--vaadin.heartbeatInterval=3")),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .contains("retained kB/board", "idle CPU ms/s", "propagation p50 / p95 / max ms")
                .containsPattern("(?m)^\\s+2 \\|\\s+1 \\|")
                .contains("Closed all tabs (browser gone): 3 boards following before; none following after");
    }
}
