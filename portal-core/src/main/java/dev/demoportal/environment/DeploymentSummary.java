package dev.demoportal.environment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One deployment report as screens and the API show it.
 *
 * @param slot the tenant slot it concerns, or null for the whole environment
 * @param at when the pipeline saw this state
 * @param reportedAt when the portal received the report
 */
public record DeploymentSummary(
        UUID id,
        UUID environmentId,
        @Nullable Integer slot,
        String version,
        @Nullable String commit,
        @Nullable String pipelineUrl,
        DeploymentStatus status,
        Instant at,
        Instant reportedAt,
        String reportedBy) {

    /** How long ago the pipeline saw this state; never negative. */
    public Duration age(Instant now) {
        Duration age = Duration.between(at, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** "2.14.0 (4f2a9c1)": the version, with the short commit when known. */
    public String label() {
        return commit == null ? version : version + " (" + commit.substring(0, Math.min(7, commit.length())) + ")";
    }
}
