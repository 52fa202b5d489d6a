package dev.demoportal.booking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PrintedOutput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link SessionsSoakBenchmark} ({@code benchmarks/sessions.sh soak}) alive: a few seconds of
 * churn with two boards, each open two to four seconds, bookings flowing through the API, and the
 * curve printed. The portal is local mode in this test's JVM (Vaadin development mode), as in
 * {@link SessionsDriverBenchmarkSmokeIT}. Asserts that it ran and printed the curve, never a figure.
 */
class SessionsSoakBenchmarkSmokeIT {

    @Test
    void aShortSoakPrintsItsCurve() throws Exception {
        try (InTestPortal portal = InTestPortal.start("sessions-soak-smoke")) {
            var target = portal.target();

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
        }
    }
}
