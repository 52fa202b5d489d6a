package dev.demoportal.booking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PrintedOutput;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        try (InTestPortal portal = InTestPortal.start("sessions-driver-smoke")) {
            var target = portal.target();

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
        }
    }
}
