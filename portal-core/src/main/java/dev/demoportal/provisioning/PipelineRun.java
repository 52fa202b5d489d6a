package dev.demoportal.provisioning;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CI run (a CircleCI pipeline, a GitHub Actions workflow run) a step of a pipeline-driven layer
 * started, as the sandbox page and the API show it: read from the step's state, which the worker
 * updates while it follows the run.
 *
 * @param system {@code circleci} or {@code github-actions}
 * @param id the pipeline id or run id
 * @param url where people open it in the CI system
 * @param status the CI system's last status (e.g. {@code running}, {@code success}, {@code canceled})
 */
public record PipelineRun(
        String system,
        String id,
        @Nullable String url,
        @Nullable String status) {

    /** State keys the pipeline driver writes. */
    public static final String SYSTEM = "pipeline.system";

    public static final String ID = "pipeline.id";
    public static final String URL = "pipeline.url";
    public static final String STATUS = "pipeline.status";

    /** The run a step's state names, or null when the step started none (yet). */
    public static @Nullable PipelineRun of(Map<String, String> state) {
        String system = state.get(SYSTEM);
        String id = state.get(ID);
        if (system == null || id == null) {
            return null;
        }
        return new PipelineRun(system, id, state.get(URL), state.get(STATUS));
    }
}
