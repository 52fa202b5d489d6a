package dev.demoportal.provisioning.worker;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.demoportal.base.SystemTask;
import dev.demoportal.provisioning.JobExecutionService;
import dev.demoportal.provisioning.JobExecutionService.Claim;
import dev.demoportal.provisioning.JobExecutionService.Claimed;
import dev.demoportal.provisioning.JobExecutionService.JobLost;
import dev.demoportal.provisioning.JobExecutionService.JobRun;
import dev.demoportal.provisioning.JobExecutionService.NoCapacity;
import dev.demoportal.provisioning.JobExecutionService.NotRunnable;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobSummary.StepStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.ProvisioningPlan;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one job for db-scheduler's {@code provisioning-job} task: claims it, then carries out its
 * steps in order from the first that has not succeeded, recording each as it starts and ends.
 * Steps that succeeded are never run again; a step found running (its worker died) is applied
 * again, which the idempotent drivers make harmless. Waiting never blocks a thread: backoff, a full
 * region and shutdown all hand the execution back to the scheduler with a new execution time.
 */
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String VERIFY_GONE = ProvisioningPlan.VERIFY_GONE;

    private final JobExecutionService executions;
    private final LayerDrivers drivers;
    private final ProvisioningProperties properties;
    private final JobMetrics metrics;
    private final Clock clock;
    private final WakeUp wakeUp;
    private final JobTracing tracing;
    private final RollbackProperties rollback;

    /** Asks the local scheduler to look for due executions at a given time. */
    public interface WakeUp {
        void at(Instant when);
    }

    public JobRunner(
            JobExecutionService executions,
            LayerDrivers drivers,
            ProvisioningProperties properties,
            JobMetrics metrics,
            Clock clock,
            WakeUp wakeUp,
            JobTracing tracing) {
        this(executions, drivers, properties, metrics, clock, wakeUp, tracing, RollbackProperties.defaults());
    }

    public JobRunner(
            JobExecutionService executions,
            LayerDrivers drivers,
            ProvisioningProperties properties,
            JobMetrics metrics,
            Clock clock,
            WakeUp wakeUp,
            JobTracing tracing,
            RollbackProperties rollback) {
        this.rollback = rollback;
        this.executions = executions;
        this.drivers = drivers;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.wakeUp = wakeUp;
        this.tracing = tracing;
    }

    /** The execution handler of the {@code provisioning-job} task; the instance id is the job id. */
    public CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        UUID jobId = UUID.fromString(instance.getId());
        // unique per pick: a revived execution is picked again with a higher version
        String worker = context.getExecution().pickedBy + "#" + context.getExecution().version;
        BooleanSupplier stopping = () -> context.getSchedulerState().isShuttingDown();
        return run(jobId, worker, stopping);
    }

    /** Runs the job as far as it can go now, and says what db-scheduler should do with its execution. */
    CompletionHandler<Void> run(UUID jobId, String worker, BooleanSupplier stopping) {
        MDC.put("jobId", jobId.toString());
        try {
            return SystemTask.run("provisioning", List.of("ADMIN"), () -> claimAndRun(jobId, worker, stopping));
        } finally {
            MDC.remove("jobId");
            MDC.remove("sandboxId");
        }
    }

    private CompletionHandler<Void> claimAndRun(UUID jobId, String worker, BooleanSupplier stopping) {
        Claim claim = executions.claimAndStart(jobId, worker, properties.maxConcurrentPerRegion(), drivers.names());
        return switch (claim) {
            case NotRunnable(String reason) -> {
                log.info("Nothing to run for job {}: {}", jobId, reason);
                yield remove();
            }
            case NoCapacity(int running) -> {
                Instant at = clock.instant().plus(jittered(properties.capacityRetryDelay()));
                log.debug("Region full ({} running); job {} waits until {}", running, jobId, at);
                yield rescheduleAt(at);
            }
            case Claimed(JobRun run, int startedAttempt) -> {
                MDC.put("sandboxId", run.sandboxId().toString());
                yield tracing.inJob(run, () -> runSteps(run, startedAttempt, stopping));
            }
        };
    }

    /**
     * Runs the steps from the first that has not succeeded, which the claim already started
     * ({@code claimedAttempt} is its attempt) or not (0).
     */
    private CompletionHandler<Void> runSteps(JobRun run, int claimedAttempt, BooleanSupplier stopping) {
        Map<String, String> outputs = new LinkedHashMap<>(run.outputs());
        List<StepSummary> steps = run.steps();
        // what each step of this job made or removed, for the receipt
        Map<Integer, Map<String, String>> stepOutputs = new LinkedHashMap<>();
        steps.stream()
                .filter(s -> s.status() == StepStatus.SUCCEEDED)
                .forEach(s -> stepOutputs.put(s.ordinal(), s.output()));
        try {
            // the attempt of a step the claim or the previous step's write already started; 0: not yet
            int started = claimedAttempt;
            for (int i = 0; i < steps.size(); i++) {
                StepSummary step = steps.get(i);
                if (step.status() == StepStatus.SUCCEEDED || step.status() == StepStatus.SKIPPED) {
                    continue;
                }
                if (started == 0) {
                    if (stopping.getAsBoolean()) {
                        // shutting down between steps: hand the job back; another worker resumes it here
                        executions.release(run);
                        log.info("Shutting down: job {} handed back before step {}", run.jobId(), step.name());
                        return rescheduleAt(clock.instant());
                    }
                    started = executions.stepStarted(run, step.ordinal());
                }
                boolean last = i == steps.size() - 1;
                StepSummary next = last ? null : steps.get(i + 1);
                if (next != null && next.status() != StepStatus.PENDING && next.status() != StepStatus.RUNNING) {
                    next = null;
                }
                int attempt = started;
                StepSummary following = next;
                StepOutcome outcome = tracing.inStep(
                        step,
                        attempt,
                        () -> attemptStep(run, step, attempt, last, following, stopping, outputs, stepOutputs));
                if (outcome.stop() != null) {
                    return outcome.stop();
                }
                started = outcome.nextAttempt();
            }
            metrics.jobCompleted(run.kind(), true);
            log.info("Job {} ({}) succeeded", run.jobId(), run.kind());
            return remove();
        } catch (JobLost lost) {
            // presumed dead and revived elsewhere: that worker owns the job and its execution now
            log.warn("{}; stopping without touching it", lost.getMessage());
            return (complete, ops) -> {};
        }
    }

    /**
     * How a step attempt ended: {@code stop} is what to do with the execution if the job stops here
     * (null to go on); {@code nextAttempt} is the attempt of the next step when the same write
     * started it (0 when it did not).
     */
    private record StepOutcome(@Nullable CompletionHandler<Void> stop, int nextAttempt) {

        static StepOutcome stop(CompletionHandler<Void> handler) {
            return new StepOutcome(handler, 0);
        }
    }

    /**
     * Runs one started step. On success its record and the next step's start (when there is one and
     * the worker is not shutting down) are one write.
     */
    private StepOutcome attemptStep(
            JobRun run,
            StepSummary step,
            int attempt,
            boolean last,
            @Nullable StepSummary next,
            BooleanSupplier stopping,
            Map<String, String> outputs,
            Map<Integer, Map<String, String>> stepOutputs) {
        LayerDriver driver = drivers.of(step.layer());
        StringBuilder lines = new StringBuilder();
        StepContext context = new StepContext(
                run.jobId(),
                run.kind(),
                step.name(),
                attempt,
                run.spec(),
                outputs,
                line -> lines.append(clock.instant()).append(' ').append(line).append('\n'),
                step.state(),
                state -> executions.keepStepState(run, step.ordinal(), state));
        long started = System.nanoTime();
        try {
            StepResult result = step.name().equals(VERIFY_GONE) ? verifyGone(run, stepOutputs) : driver.apply(context);
            if (!result.secrets().isEmpty() && !last) {
                throw new IllegalStateException("Step " + step.name() + " returned secrets but is not the last step");
            }
            int nextAttempt = 0;
            if (last) {
                executions.lastStepSucceeded(run, step.ordinal(), result, lines.toString(), outputs);
            } else if (next != null && !stopping.getAsBoolean()) {
                nextAttempt = executions.stepSucceededAndNextStarted(
                        run, step.ordinal(), result.output(), lines.toString(), next.ordinal());
            } else {
                executions.stepSucceeded(run, step.ordinal(), result.output(), lines.toString());
            }
            outputs.putAll(result.output());
            stepOutputs.put(step.ordinal(), result.output());
            metrics.stepFinished(step.layer(), "succeeded", System.nanoTime() - started);
            return new StepOutcome(null, nextAttempt);
        } catch (JobLost lost) {
            throw lost;
        } catch (RuntimeException e) {
            boolean transientFailure = !(e instanceof StepFailure f) || f.isTransient();
            String message = e instanceof StepFailure ? e.getMessage() : "unexpected error: " + e;
            if (!(e instanceof StepFailure)) {
                log.error("Step {} of job {} failed unexpectedly", step.name(), run.jobId(), e);
            }
            if (transientFailure && attempt < properties.retry().maxAttempts()) {
                Instant retryAt = clock.instant().plus(backoff(attempt));
                executions.stepWillRetry(run, step.ordinal(), message, lines.toString(), retryAt);
                metrics.stepFinished(step.layer(), "retried", System.nanoTime() - started);
                log.info("Step {} attempt {} failed ({}); retrying at {}", step.name(), attempt, message, retryAt);
                return StepOutcome.stop(rescheduleAt(retryAt));
            }
            String reason = transientFailure ? message + " (gave up after " + attempt + " attempts)" : message;
            Instant rollbackAt = rollbackAt(run);
            UUID rollbackJob = executions.stepFailed(run, step.ordinal(), reason, lines.toString(), rollbackAt);
            metrics.stepFinished(step.layer(), "failed", System.nanoTime() - started);
            metrics.jobCompleted(run.kind(), false);
            log.warn("Job {} failed at step {}: {}", run.jobId(), step.name(), reason);
            if (rollbackJob != null) {
                log.info("Rollback {} of job {} is due at {}", rollbackJob, run.jobId(), rollbackAt);
                wakeUp.at(rollbackAt);
            }
            return StepOutcome.stop(remove());
        }
    }

    /**
     * When a failed provision is rolled back: at once when its template says
     * {@code rollback=immediate}, else after the rollback deadline; never for other kinds, or when
     * rollbacks are off.
     */
    private @Nullable Instant rollbackAt(JobRun run) {
        if (run.kind() != JobKind.PROVISION || !rollback.enabled()) {
            return null;
        }
        boolean immediate =
                "immediate".equalsIgnoreCase(run.spec().parameters().get(RollbackProperties.TEMPLATE_PARAMETER));
        return immediate ? clock.instant() : clock.instant().plus(rollback.after());
    }

    /**
     * The receipt of a teardown or rollback: per layer, what its steps of this job found and removed
     * (their outputs), what its driver checked is gone under the portal's own names, and what its
     * leftover scans found by the sandbox id beyond those names; then the final check. Anything
     * still there fails the step (transient: a deletion may still be under way), naming it.
     */
    private StepResult verifyGone(JobRun run, Map<Integer, Map<String, String>> stepOutputs) {
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("sandbox", run.spec().name());
        receipt.put("kind", kind(run.kind()));
        receipt.put("verifiedAt", clock.instant().toString());
        Map<String, Object> layers = new LinkedHashMap<>();
        List<String> left = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            LayerDriver driver = drivers.of(layer);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("driver", driver.name());
            // a list, not an object: the receipt is stored as jsonb, which keeps no key order
            List<Map<String, Object>> removed = new ArrayList<>();
            run.steps().stream()
                    .filter(s -> s.layer() == layer && !s.name().equals(VERIFY_GONE))
                    .forEach(s -> removed.add(
                            Map.of("step", s.name(), "result", stepOutputs.getOrDefault(s.ordinal(), Map.of()))));
            entry.put("removed", removed);
            entry.put("checked", driver.verifyGone(run.spec()));
            List<Map<String, Object>> scans = new ArrayList<>();
            for (LeftoverScan scan : driver.leftoverScans(run.spec())) {
                scans.add(Map.of("searched", scan.what(), "found", scan.found()));
                scan.found().forEach(f -> left.add(layer.code() + ": " + f));
            }
            entry.put("leftoverScans", scans);
            layers.put(layer.code(), entry);
        }
        if (!left.isEmpty()) {
            throw StepFailure.transientFailure(
                    "left behind, found by the sandbox id: " + String.join(", ", left), null);
        }
        receipt.put("layers", layers);
        receipt.put("nothingLeft", true);
        return StepResult.of(Map.of("teardownReceipt", JSON.writeValueAsString(receipt)));
    }

    /** Exponential backoff with equal jitter: half the delay fixed, half random, capped. */
    Duration backoff(int attempt) {
        Duration initial = properties.retry().initialBackoff();
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration delay = initial.multipliedBy(factor);
        if (delay.compareTo(properties.retry().maxBackoff()) > 0) {
            delay = properties.retry().maxBackoff();
        }
        return jittered(delay);
    }

    private static Duration jittered(Duration delay) {
        long half = Math.max(1, delay.toMillis() / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static CompletionHandler<Void> remove() {
        return new CompletionHandler.OnCompleteRemove<>();
    }

    private CompletionHandler<Void> rescheduleAt(Instant at) {
        return (complete, ops) -> {
            ops.reschedule(complete, at);
            wakeUp.at(at);
        };
    }

    /** Kind for log messages and metrics. */
    static String kind(JobKind kind) {
        return kind.name().toLowerCase();
    }
}
