package dev.demoportal.environment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a pipeline reports it deployed.
 *
 * @param version what is deployed, as the team names it ("2.14.0", "main-4f2a9c1")
 * @param commit the commit it was built from, hex, if known
 * @param pipelineUrl the run that deployed it, if known
 * @param status deploying, healthy or failed
 * @param at when the pipeline saw this state; null means now. A report older than the current one is refused
 */
public record DeploymentReport(
        @NotBlank(message = "Give the deployed version") @Size(max = 100, message = "At most 100 characters")
        String version,

        @Nullable @Pattern(regexp = "[0-9a-f]{7,64}", message = "A commit id: 7 to 64 lower-case hex digits")
        String commit,

        @Nullable
        @Size(max = 500, message = "At most 500 characters")
        @Pattern(regexp = "https?://\\S+", message = "An http(s) URL")
        String pipelineUrl,

        @NotNull(message = "Give the status: deploying, healthy or failed")
        DeploymentStatus status,

        @Nullable Instant at) {

    public DeploymentReport {
        version = version == null ? "" : version.strip();
        commit = commit == null || commit.isBlank() ? null : commit.strip();
        pipelineUrl = pipelineUrl == null || pipelineUrl.isBlank() ? null : pipelineUrl.strip();
    }
}
