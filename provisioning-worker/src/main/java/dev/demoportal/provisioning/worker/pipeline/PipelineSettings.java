package dev.demoportal.provisioning.worker.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Layers run by the team's own pipelines ({@code portal.provisioning.drivers.<layer>=pipeline}):
 * where the CI APIs are, how the worker follows runs, and the pipelines of each layer.
 *
 * @param circleciApiUrl base URL of the CircleCI API v2 (a CircleCI server installation, or a fake in tests)
 * @param circleciAppUrl base URL of the CircleCI web app, for the pipeline links on the sandbox page
 * @param githubApiUrl base URL of the GitHub REST API (GitHub Enterprise Server: https://HOST/api/v3)
 * @param pollInterval how often a running pipeline's status is read
 * @param startTimeout how long a triggered pipeline may take to start running before the step fails
 * @param runTimeout how long one attempt of a step follows a running pipeline before it gives up
 *     (a retry of the job follows the same run again)
 * @param global pipelines of the global layer, the first matching a sandbox's region and template wins
 * @param regionCore pipelines of the region-core layer, the first matching wins
 * @param regionPlatform pipelines of the region-platform layer, the first matching wins
 */
public record PipelineSettings(
        @DefaultValue("https://circleci.com/api/v2") URI circleciApiUrl,
        @DefaultValue("https://app.circleci.com") URI circleciAppUrl,
        @DefaultValue("https://api.github.com") URI githubApiUrl,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("10m") Duration startTimeout,
        @DefaultValue("2h") Duration runTimeout,
        List<PipelineTarget> global,
        List<PipelineTarget> regionCore,
        List<PipelineTarget> regionPlatform) {

    public PipelineSettings {
        global = global == null ? List.of() : List.copyOf(global);
        regionCore = regionCore == null ? List.of() : List.copyOf(regionCore);
        regionPlatform = regionPlatform == null ? List.of() : List.copyOf(regionPlatform);
    }
}
