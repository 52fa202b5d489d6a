package dev.demoportal.provisioning.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PrintedOutput;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link ProvisioningBenchmark} alive: its throughput scenario at a tiny size (six sandboxes,
 * two worker processes) must run to the end and print its figures, the per-job round trips
 * included. No figure is judged here: speed is the benchmark's to print, not a test's to assert.
 * The pick-up and recovery scenarios are left to the benchmark (four more worker processes, a
 * 10 s polling interval and a heartbeat timeout would triple this test's time).
 */
class ProvisioningBenchmarkSmokeIT {

    @Test
    void aTinyThroughputRunPrintsItsFigures() throws Exception {
        String report =
                PrintedOutput.of(() -> ProvisioningBenchmark.run("scenario=throughput", "sandboxes=6", "threads=2"));

        assertThat(report)
                .contains("throughput: 6 sandboxes")
                .containsPattern("backlog drained in [0-9.]+ s from the first step to the last job: [0-9.]+ jobs/s")
                .contains("steps run more than once: 0")
                .containsPattern("per job \\(both worker processes\\): [0-9.]+ transactions .* [0-9.]+ statements");
    }
}
