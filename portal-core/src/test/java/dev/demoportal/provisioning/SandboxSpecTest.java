package dev.demoportal.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The spec as a job stores it: the lifetime survives the round trip, older specs read without it. */
class SandboxSpecTest {

    private static final Instant NOW = Instant.parse("2026-03-09T01:00:00Z");

    private static SandboxSpec spec(Instant expiresAt, Integer lifetimeHours) {
        return new SandboxSpec(
                UUID.fromString("6f1c2d3e-0000-4000-8000-000000000001"),
                "sb-acme-6f1c2d",
                "acme",
                "cicd-trial",
                "emea",
                "eu-west-1",
                "sandbox-acme",
                expiresAt,
                Map.of("namespaceCpu", "2"),
                lifetimeHours);
    }

    @Test
    void theLifetimeSurvivesTheJobsStoredJson() {
        SandboxSpec stored = spec(null, 72);

        SandboxSpec read =
                JobRepository.JSON.readValue(JobRepository.JSON.writeValueAsString(stored), SandboxSpec.class);

        assertThat(read).isEqualTo(stored);
        assertThat(read.lifetimeHours()).isEqualTo(72);
    }

    @Test
    void aSpecStoredBeforeTheLifetimeReadsWithoutIt() {
        String old = JobRepository.JSON.writeValueAsString(spec(null, 8)).replace(",\"lifetimeHours\":8", "");
        assertThat(old).doesNotContain("lifetimeHours");

        SandboxSpec read = JobRepository.JSON.readValue(old, SandboxSpec.class);

        assertThat(read.lifetimeHours()).isNull();
        assertThat(read.validUntil(NOW)).isNull();
    }

    @Test
    void validUntilIsTheExpiryOnceKnownElseTheLifetimeFromNow() {
        assertThat(spec(null, 8).validUntil(NOW)).isEqualTo(NOW.plus(Duration.ofHours(8)));
        Instant expiry = NOW.plus(Duration.ofHours(30));
        assertThat(spec(expiry, 8).validUntil(NOW)).isEqualTo(expiry);
    }
}
