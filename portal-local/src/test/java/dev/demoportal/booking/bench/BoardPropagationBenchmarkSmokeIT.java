package dev.demoportal.booking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PrintedOutput;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link BoardPropagationBenchmark} ({@code benchmarks/board-propagation.sh}) alive: two
 * bookings after the warm-up must reach the open board and the figures be printed. Each one waits
 * for the board to show it (Playwright's wait, sized for a loaded machine); no figure is judged here.
 */
class BoardPropagationBenchmarkSmokeIT {

    @Test
    void aTinyRunPrintsItsFigures() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"))),
                "Chromium is needed");
        String port = System.getProperty("server.port");
        try {
            String report = PrintedOutput.of(() -> BoardPropagationBenchmark.main(new String[] {"2"}));

            assertThat(report)
                    .containsPattern("Board propagation over 2 bookings: p50 -?\\d+ ms, p95 -?\\d+ ms, min -?\\d+ ms");
        } finally {
            // the benchmark sets the portal's port for itself; the next test starts its own
            if (port == null) {
                System.clearProperty("server.port");
            } else {
                System.setProperty("server.port", port);
            }
        }
    }
}
