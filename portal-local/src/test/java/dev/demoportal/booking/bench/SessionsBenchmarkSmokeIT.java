package dev.demoportal.booking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PrintedOutput;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link SessionsBenchmark} ({@code benchmarks/sessions.sh}) alive: one signed-in browser
 * with one board (plus the warm-up one) must go through every phase (open, idle, one booking seen,
 * browser closed) and print its figures. Every phase waits for a state (the board's subscribers, the
 * booking in the DOM) with limits sized for a loaded machine. Whether the closed boards were freed,
 * and how fast, is a figure printed, not asserted: an earlier smoke run that required it did not
 * finish reliably under load.
 */
class SessionsBenchmarkSmokeIT {

    @Test
    void aOneBoardRunPrintsItsFigures() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"))),
                "Chromium is needed");

        String report = PrintedOutput.of(() -> SessionsBenchmark.run(
                new SessionsBenchmark.Options(
                        List.of(1), 1, 1, List.of("--vaadin.heartbeatInterval=3"), Duration.ofSeconds(45)),
                System.out));

        assertThat(report)
                .contains("Sessions per pod: max heap")
                .contains("retained kB/board", "idle CPU ms/s", "propagation p50 / p95 / max ms")
                .containsPattern("(?m)^\\s+1 \\|\\s+1 \\|")
                // how many boards the listener counts besides the open ones is the benchmark's to print
                .containsPattern("Closed all tabs \\(browser gone\\): \\d+ boards following before;");
    }
}
