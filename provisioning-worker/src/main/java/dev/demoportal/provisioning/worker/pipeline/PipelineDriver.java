package dev.demoportal.provisioning.worker.pipeline;

import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import dev.demoportal.provisioning.PipelineRun;
import dev.demoportal.provisioning.ProvisioningPlan;
import dev.demoportal.provisioning.ProvisioningPlan.PlannedStep;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.worker.pipeline.CiApi.Phase;
import dev.demoportal.provisioning.worker.pipeline.CiApi.RunRef;
import dev.demoportal.provisioning.worker.pipeline.CiApi.RunStatus;
import dev.demoportal.provisioning.worker.pipeline.PipelineTarget.CiSystem;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A layer carried out by the team's own CI pipeline. The layer's first step of a job triggers the
 * pipeline chosen for the sandbox's region and template, with the action (provision, extend,
 * teardown) and the sandbox's parameters, and follows it to its end; the layer's other steps of
 * that job only record that the pipeline did their work.
 *
 * <p>The run is never started twice. Before triggering, the step keeps a fresh correlation key
 * (sent as a parameter); right after, the run's id. A step resumed after a retry or a worker's
 * death finds the run in its state, or, when the trigger's answer was lost (and always on GitHub,
 * whose dispatch does not name the run), looks it up by the key. Only a run that has ended lets a
 * later attempt start a new one. A pipeline that fails fails the step; a cancelled one fails a
 * provision or extend, and is retried (a new run) during a teardown, which must not be dropped.
 */
public class PipelineDriver implements LayerDriver {

    private static final Logger log = LoggerFactory.getLogger(PipelineDriver.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String KEY = "pipeline.key";
    static final String TRIGGERED_AT = "pipeline.triggered-at";
    static final String ENDED = "pipeline.ended";
    static final String PROJECT = "pipeline.project";

    private final Layer layer;
    private final List<PipelineTarget> targets;
    private final Map<CiSystem, CiApi> apis;
    private final SecretReference secrets;
    private final PipelineSettings settings;
    private final Clock clock;

    public PipelineDriver(Layer layer, PipelineSettings settings, SecretReference secrets, Clock clock) {
        this(
                layer,
                settings,
                Map.of(
                        CiSystem.CIRCLECI,
                        new CircleCiApi(settings.circleciApiUrl(), settings.circleciAppUrl()),
                        CiSystem.GITHUB_ACTIONS,
                        new GitHubActionsApi(settings.githubApiUrl())),
                secrets,
                clock);
    }

    PipelineDriver(
            Layer layer, PipelineSettings settings, Map<CiSystem, CiApi> apis, SecretReference secrets, Clock clock) {
        this.layer = layer;
        this.settings = settings;
        this.targets = switch (layer) {
            case GLOBAL -> settings.global();
            case REGION_CORE -> settings.regionCore();
            case REGION_PLATFORM -> settings.regionPlatform();
        };
        String where = "portal.provisioning.pipelines." + layer.code();
        if (targets.isEmpty()) {
            throw new IllegalStateException(
                    "Layer " + layer.code() + " runs on a pipeline but " + where + " names none");
        }
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).check(where + "[" + i + "]");
        }
        this.apis = Map.copyOf(apis);
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Layer layer() {
        return layer;
    }

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public StepResult apply(StepContext context) {
        PipelineTarget target = target(context.spec());
        // a rollback runs the layer's teardown pipeline at the layer's first provision step, the one
        // step of the layer that ran whenever any did
        String runsAt = firstStepOfLayer(context.rollingBack() ? JobKind.PROVISION : context.kind());
        if (!context.step().equals(runsAt)) {
            context.log().accept("carried out by the " + target.system().title() + " pipeline of step " + runsAt);
            return StepResult.of(Map.of());
        }
        return new Run(context, target).carryOut();
    }

    @Override
    public List<String> verifyGone(SandboxSpec spec) {
        PipelineTarget target = target(spec);
        // the pipeline's teardown succeeded (its step did); what it checks is the pipeline's own
        return List.of("teardown by " + target.describe() + " succeeded");
    }

    /** The pipeline serving this sandbox; configuration that names none for it is a permanent failure. */
    PipelineTarget target(SandboxSpec spec) {
        return targets.stream()
                .filter(t -> t.serves(spec))
                .findFirst()
                .orElseThrow(() -> StepFailure.permanent(
                        "no pipeline of layer " + layer.code() + " serves region " + spec.regionCode()
                                + " and template " + spec.templateSlug(),
                        null));
    }

    private String firstStepOfLayer(JobKind kind) {
        return ProvisioningPlan.of(kind).stream()
                .filter(s -> s.layer() == layer)
                .map(PlannedStep::name)
                .findFirst()
                .orElseThrow();
    }

    /** One attempt of the step that runs the pipeline. */
    private final class Run {

        private final StepContext context;
        private final PipelineTarget target;
        private final CiApi api;
        private final Map<String, String> state;
        private final Instant attemptStarted;

        Run(StepContext context, PipelineTarget target) {
            this.context = context;
            this.target = target;
            this.api = apis.get(target.system());
            this.state = new LinkedHashMap<>(context.state());
            this.attemptStarted = clock.instant();
        }

        StepResult carryOut() {
            String token = secrets.resolve(target.token());
            RunRef run = current();
            if (state.get(KEY) == null || "true".equals(state.get(ENDED))) {
                run = trigger(token);
            } else if (run != null) {
                context.log()
                        .accept("following " + target.system().title() + " run " + run.id() + " started earlier "
                                + (run.url() == null ? "" : run.url()));
            } else {
                context.log().accept("looking for the run with key " + state.get(KEY) + " started earlier");
            }
            Instant triggeredAt = Instant.parse(state.get(TRIGGERED_AT));
            String lastStatus = state.get(PipelineRun.STATUS);
            while (true) {
                if (run == null) {
                    Optional<RunRef> found = api.find(target, token, state.get(KEY), triggeredAt.minusSeconds(60));
                    if (found.isPresent()) {
                        run = found.get();
                        remember(run, "found");
                        context.log().accept("found run " + run.id() + (run.url() == null ? "" : " " + run.url()));
                    }
                }
                Phase phase = Phase.NOT_STARTED;
                String detail = "";
                if (run != null) {
                    RunStatus status = api.status(target, token, run);
                    phase = status.phase();
                    detail = status.detail();
                    if (!status.status().equals(lastStatus)) {
                        lastStatus = status.status();
                        state.put(PipelineRun.STATUS, lastStatus);
                        keep();
                        context.log().accept(target.system().title() + " run " + run.id() + ": " + lastStatus);
                    }
                }
                switch (phase) {
                    case SUCCEEDED -> {
                        Map<String, String> outputs = api.outputs(target, token, run);
                        end();
                        context.log()
                                .accept("pipeline succeeded"
                                        + (outputs.isEmpty() ? "" : "; outputs " + outputs.keySet()));
                        return StepResult.of(outputs);
                    }
                    case FAILED -> {
                        end();
                        throw StepFailure.permanent(
                                target.system().title() + " run " + run.id() + " failed: " + detail
                                        + (run.url() == null ? "" : " (" + run.url() + ")"),
                                null);
                    }
                    case CANCELLED -> {
                        end();
                        String message = target.system().title() + " run " + run.id() + " was cancelled";
                        if (context.tearingDown()) {
                            // a teardown is never dropped: the next attempt starts a new run
                            throw StepFailure.transientFailure(message + "; the teardown starts it again", null);
                        }
                        throw StepFailure.permanent(message, null);
                    }
                    case NOT_STARTED -> {
                        if (!clock.instant().isBefore(triggeredAt.plus(settings.startTimeout()))) {
                            end();
                            throw StepFailure.permanent(notStarted(run), null);
                        }
                    }
                    case RUNNING -> {
                        if (!clock.instant().isBefore(attemptStarted.plus(settings.runTimeout()))) {
                            throw StepFailure.permanent(
                                    target.system().title() + " run " + run.id()
                                            + " still running after " + settings.runTimeout()
                                            + "; a retry of the job follows the same run",
                                    null);
                        }
                    }
                }
                pause();
            }
        }

        private String notStarted(@Nullable RunRef run) {
            String timeout = humane(settings.startTimeout());
            if (run == null) {
                return "the " + target.describe() + " pipeline did not start within " + timeout + ": no run with key "
                        + state.get(KEY) + " appeared (GitHub: is " + target.correlationParameter()
                        + " in the workflow's run-name?)";
            }
            return target.system().title() + " run " + run.id() + " did not start within " + timeout
                    + (run.url() == null ? "" : " (" + run.url() + ")");
        }

        private @Nullable RunRef current() {
            PipelineRun run = PipelineRun.of(state);
            return run == null ? null : new RunRef(run.id(), run.url());
        }

        private @Nullable RunRef trigger(String token) {
            String key = context.spec().name() + "-" + context.kind().name().toLowerCase() + "-"
                    + HexFormat.of().formatHex(randomBytes());
            state.clear();
            state.put(PipelineRun.SYSTEM, target.system().code());
            state.put(PROJECT, target.project());
            state.put(KEY, key);
            state.put(TRIGGERED_AT, clock.instant().toString());
            state.put(PipelineRun.STATUS, "triggering");
            // kept before the call: if the answer is lost, the run is found by its key, never started again
            keep();
            Map<String, String> parameters = new LinkedHashMap<>(PipelineParameters.of(target, context));
            parameters.put(target.correlationParameter(), key);
            Optional<RunRef> run;
            try {
                run = api.trigger(target, token, parameters);
            } catch (StepFailure refused) {
                if (!refused.isTransient()) {
                    // the CI system answered no (unknown parameter, no such project): nothing started,
                    // so a retry after the fix triggers afresh instead of looking for this key
                    state.put(PipelineRun.STATUS, "not started");
                    end();
                }
                throw refused;
            }
            log.info(
                    "Triggered {} for job {} step {} (key {})",
                    target.describe(),
                    context.jobId(),
                    context.step(),
                    key);
            context.log().accept("triggered " + target.describe() + " with " + parameters.keySet() + ", key " + key);
            if (run.isPresent()) {
                remember(run.get(), "triggered");
                context.log()
                        .accept("run " + run.get().id()
                                + (run.get().url() == null
                                        ? ""
                                        : " " + run.get().url()));
                return run.get();
            }
            state.put(PipelineRun.STATUS, "dispatched");
            keep();
            return null;
        }

        private void remember(RunRef run, String status) {
            state.put(PipelineRun.ID, run.id());
            if (run.url() != null) {
                state.put(PipelineRun.URL, run.url());
            }
            state.put(PipelineRun.STATUS, status);
            keep();
        }

        /** The run ended: its record stays for the page, and a later attempt starts a new one. */
        private void end() {
            state.put(ENDED, "true");
            keep();
        }

        private void keep() {
            context.keepState().accept(Map.copyOf(state));
        }

        private void pause() {
            try {
                Thread.sleep(settings.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StepFailure.transientFailure(
                        "interrupted while following the pipeline; a resumed step" + " follows the same run", null);
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String humane(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
