package dev.demoportal.provisioning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.provisioning.worker.aws.AwsSettings;
import dev.demoportal.provisioning.worker.simulated.SimulatedSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Backoff between attempts: exponential, capped, with jitter so failed jobs do not retry in lockstep. */
class JobRunnerBackoffTest {

    private final ProvisioningProperties properties = new ProvisioningProperties(
            new ProvisioningProperties.Drivers("simulated", "simulated", "simulated", "simulated"),
            5,
            Duration.ofSeconds(2),
            new ProvisioningProperties.Retry(5, Duration.ofSeconds(2), Duration.ofMinutes(2)),
            new SimulatedSettings(Duration.ZERO, 0, List.of(), List.of(), "example.test"),
            new AwsSettings(null, "example.test", Duration.ofSeconds(60), "p-", "sa", "s/", null),
            null,
            null,
            Map.of(),
            true);
    private final JobRunner runner = new JobRunner(null, null, properties, null, null, at -> {}, JobTracing.NONE);

    @Test
    void doublesPerAttemptWithinHalfToFullOfTheDelay() {
        for (int i = 0; i < 200; i++) {
            assertThat(runner.backoff(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(runner.backoff(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(runner.backoff(4)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
        }
    }

    @Test
    void isCappedAtTheMaximum() {
        for (int attempt : new int[] {7, 10, 40, 1000}) {
            assertThat(runner.backoff(attempt)).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
        }
    }

    @Test
    void isJittered() {
        Set<Duration> seen = new HashSet<>();
        IntStream.range(0, 50).forEach(i -> seen.add(runner.backoff(3)));
        assertThat(seen).hasSizeGreaterThan(10);
    }
}
