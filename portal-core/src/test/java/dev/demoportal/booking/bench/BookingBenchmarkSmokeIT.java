package dev.demoportal.booking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PrintedOutput;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link BookingBenchmark} ({@code benchmarks/booking.sh}) alive: a tiny run (four racing
 * clients, a few dozen bookings on two threads) must run to the end and print its figures. No
 * figure is judged here: speed is the benchmark's to print, not a test's to assert.
 */
class BookingBenchmarkSmokeIT {

    @Test
    void aTinyRunPrintsItsFigures() throws Exception {
        String report = PrintedOutput.of(() -> BookingBenchmark.main(
                new String[] {"clients=4", "rounds=1", "threads=2", "bookings=40", "warmup=4", "pool=4"}));

        assertThat(report)
                .contains("booking benchmark:")
                .containsPattern("contention round 1: 4 clients, 1 slot: winners 1,")
                .contains("ratio service/jdbc throughput:")
                .containsPattern("profile: \\d+ bookings, one thread: p50 [0-9.]+ ms")
                .contains("load average at the end:");
    }
}
