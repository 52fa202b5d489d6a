package dev.demoportal.provisioning.worker.pipeline;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the pipeline driver needs from a CI system's API. Every call may throw a {@link dev.demoportal.provisioning.StepFailure}. */
interface CiApi {

    /** A run the CI system knows: its id and where people open it. */
    record RunRef(String id, @Nullable String url) {}

    /** Where a run is. */
    enum Phase {
        NOT_STARTED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    /**
     * A run's state.
     *
     * @param status the CI system's own word for it, shown on the sandbox page
     * @param detail what failed, for the step error (workflow or job names, setup errors)
     */
    record RunStatus(Phase phase, String status, String detail) {}

    /**
     * Starts the pipeline with these parameters (the correlation key among them). Returns the run
     * when the API answers with it (CircleCI does; GitHub's dispatch does not: find it by key).
     */
    Optional<RunRef> trigger(PipelineTarget target, String token, Map<String, String> parameters);

    /** The run started with this correlation key, created no earlier than {@code since}, if the CI system lists it yet. */
    Optional<RunRef> find(PipelineTarget target, String token, String key, Instant since);

    RunStatus status(PipelineTarget target, String token, RunRef run);

    /** The outputs the run published ({@link PipelineTarget#outputs()}); empty when it published none. */
    Map<String, String> outputs(PipelineTarget target, String token, RunRef run);
}
