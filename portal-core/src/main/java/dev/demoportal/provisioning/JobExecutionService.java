package dev.demoportal.provisioning;

import dev.demoportal.provisioning.JobRepository.JobRow;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The worker's side of a job: claim it, record each step as it starts and ends, finish it. Every
 * method is one short transaction that also NOTIFYs {@code sandbox_changed}, so the sandbox page
 * follows the job as it runs. Writes are fenced on the worker token the claim returned: a worker
 * that was declared dead (and whose job now runs elsewhere) gets {@link JobLost} instead of
 * overwriting its successor's progress.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class JobExecutionService {

    private final JobRepository jobs;
    private final JobScheduler scheduler;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JobExecutionService(JobRepository jobs, JobScheduler scheduler, ApplicationEventPublisher events, Clock clock) {
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.events = events;
        this.clock = clock;
    }

    /** The outcome of trying to claim a job. */
    public sealed interface Claim {}

    /**
     * The job is this worker's to run, from the first step that has not succeeded.
     *
     * @param startedAttempt when the claim also started that step ({@link #claimAndStart}), its
     *     attempt number; else 0
     */
    public record Claimed(JobRun run, int startedAttempt) implements Claim {

        public Claimed(JobRun run) {
            this(run, 0);
        }
    }

    /** Its region is at its concurrency limit: try again shortly. */
    public record NoCapacity(int running) implements Claim {}

    /** Nothing to run: the job finished, failed (waiting for a retry), or is gone. */
    public record NotRunnable(String reason) implements Claim {}

    /**
     * A claimed job as the runner needs it.
     *
     * @param worker the fencing token: pass it back to every later call
     */
    public record JobRun(
            UUID jobId,
            UUID sandboxId,
            JobKind kind,
            SandboxSpec spec,
            String worker,
            List<StepSummary> steps,
            @Nullable String traceParent) {

        /** Outputs of the steps that already succeeded, in plan order. */
        public Map<String, String> outputs() {
            Map<String, String> merged = new LinkedHashMap<>();
            steps.stream().filter(s -> s.status() == StepStatus.SUCCEEDED).forEach(s -> merged.putAll(s.output()));
            return merged;
        }
    }

    /** The worker lost the job to another one (it was presumed dead); it must stop without writing. */
    public static class JobLost extends RuntimeException {
        public JobLost(UUID jobId, String worker) {
            super("Job " + jobId + " is no longer held by " + worker);
        }
    }

    /**
     * Claims a job for {@code worker} if its region has capacity, marking it running (and telling
     * the sandbox lifecycle it started, the first time or after a retry).
     */
    @Transactional
    public Claim claim(UUID jobId, String worker, int maxConcurrentInRegion, Map<String, String> drivers) {
        return claim(jobId, worker, maxConcurrentInRegion, drivers, false);
    }

    /**
     * {@link #claim}, and the first step that has not succeeded starts in the same transaction (the
     * runner starts it at once anyway: one round trip less per job).
     */
    @Transactional
    public Claim claimAndStart(UUID jobId, String worker, int maxConcurrentInRegion, Map<String, String> drivers) {
        return claim(jobId, worker, maxConcurrentInRegion, drivers, true);
    }

    private Claim claim(
            UUID jobId, String worker, int maxConcurrentInRegion, Map<String, String> drivers, boolean startFirst) {
        // two statements: the locks, then the count, the claim, the first step's start and the steps
        JobRow job = jobs.lockJobAndRegion(jobId).orElse(null);
        if (job == null) {
            return new NotRunnable("no such job");
        }
        if (job.status() != JobStatus.QUEUED && job.status() != JobStatus.RUNNING) {
            return new NotRunnable("job is " + job.status());
        }
        Instant now = clock.instant();
        boolean starting = job.status() == JobStatus.QUEUED;
        JobRepository.ClaimRow claimed = jobs.claim(
                jobId,
                job.regionCode(),
                worker,
                drivers,
                now,
                starting && job.startedAt() == null,
                maxConcurrentInRegion,
                startFirst);
        if (!claimed.claimed()) {
            return new NoCapacity(claimed.runningInRegion());
        }
        if (starting) {
            events.publishEvent(new ProvisioningEvents.JobStarted(jobId, job.sandboxId(), job.kind()));
        }
        List<StepSummary> steps = claimed.steps();
        int startedAttempt = claimed.firstStarted()
                ? steps.stream()
                                .filter(s -> s.status() != StepStatus.SUCCEEDED && s.status() != StepStatus.SKIPPED)
                                .findFirst()
                                .orElseThrow()
                                .attempts()
                        + 1
                : 0;
        return new Claimed(
                new JobRun(jobId, job.sandboxId(), job.kind(), job.spec(), worker, steps, job.traceParent()),
                startedAttempt);
    }

    /**
     * A step begins (again): one more attempt. Returns the attempt number. One statement: the fence,
     * the step and the NOTIFY together.
     */
    @Transactional
    public int stepStarted(JobRun run, int ordinal) {
        return jobs.startStepFenced(run.jobId(), run.worker(), ordinal, clock.instant())
                .orElseGet(() -> refused(run, ordinal, StepStatus.RUNNING));
    }

    /** A step succeeded; its output is kept and later steps see it. */
    @Transactional
    public void stepSucceeded(JobRun run, int ordinal, Map<String, String> output, String log) {
        if (jobs.succeedStepFenced(run.jobId(), run.worker(), ordinal, output, log, clock.instant(), null, false)
                .isEmpty()) {
            refused(run, ordinal, StepStatus.SUCCEEDED);
        }
    }

    /**
     * A step succeeded and the next one begins, in one transaction and one statement (a job's steps
     * run back to back, so this halves its round trips). Returns the next step's attempt number.
     */
    @Transactional
    public int stepSucceededAndNextStarted(JobRun run, int ordinal, Map<String, String> output, String log, int next) {
        return jobs.succeedStepFenced(run.jobId(), run.worker(), ordinal, output, log, clock.instant(), next, false)
                .orElseGet(() -> refused(run, ordinal, StepStatus.SUCCEEDED));
    }

    /**
     * The step keeps {@code state} across attempts and workers (a driver's record of the CI run it
     * started), replacing what it kept before; committed at once so a worker that dies right after
     * leaves it for its successor.
     */
    @Transactional
    public void keepStepState(JobRun run, int ordinal, Map<String, String> state) {
        fence(run);
        jobs.keepStepState(run.jobId(), ordinal, state);
        jobs.notifySandboxChanged(run.sandboxId());
    }

    /**
     * A step failed transiently and will be tried again later: it goes back to pending with its
     * error shown, and the job is handed back until then.
     */
    @Transactional
    public void stepWillRetry(JobRun run, int ordinal, String error, String log, Instant retryAt) {
        fence(run);
        jobs.finishStep(
                run.jobId(), ordinal, StepStatus.PENDING, Map.of(), log + "retrying at " + retryAt + "\n", error, null);
        jobs.release(run.jobId(), run.worker(), clock.instant());
        jobs.notifySandboxChanged(run.sandboxId());
    }

    /** Hands the job back without finishing it (shutdown): another worker resumes it. */
    @Transactional
    public void release(JobRun run) {
        if (jobs.release(run.jobId(), run.worker(), clock.instant()) == 1) {
            jobs.notifySandboxChanged(run.sandboxId());
        }
    }

    /** The step failed for good: the job fails at this step and waits for a retry or a teardown. */
    @Transactional
    public void stepFailed(JobRun run, int ordinal, String error, String log) {
        stepFailed(run, ordinal, error, log, null);
    }

    /**
     * The step failed for good. A failed provision with a {@code rollbackAt} also gets its rollback,
     * in the same transaction: a {@link JobKind#ROLLBACK} job undoing the steps that ran
     * ({@link ProvisioningPlan#rollbackOf}), due at {@code rollbackAt}; until then a person may
     * retry the failed step instead ({@link ProvisioningService#retry} cancels the rollback).
     * Returns the rollback job's id, or null when none was scheduled.
     */
    @Transactional
    public @Nullable UUID stepFailed(JobRun run, int ordinal, String error, String log, @Nullable Instant rollbackAt) {
        fence(run);
        StepSummary step = step(run, ordinal);
        Instant now = clock.instant();
        jobs.finishStep(run.jobId(), ordinal, StepStatus.FAILED, Map.of(), log, error, now);
        jobs.finishJob(run.jobId(), JobStatus.FAILED, step.name() + ": " + error, now);
        jobs.notifySandboxChanged(run.sandboxId());
        events.publishEvent(new ProvisioningEvents.JobFailed(
                run.jobId(), run.sandboxId(), run.kind(), step.layer(), step.name(), error));
        if (run.kind() != JobKind.PROVISION || rollbackAt == null) {
            return null;
        }
        List<ProvisioningPlan.PlannedStep> ran = jobs.steps(run.jobId()).stream()
                .filter(s -> s.status() == StepStatus.SUCCEEDED || s.status() == StepStatus.FAILED)
                .map(s -> new ProvisioningPlan.PlannedStep(s.layer(), s.name()))
                .toList();
        UUID rollback = UUID.randomUUID();
        jobs.insertJob(rollback, run.spec(), JobKind.ROLLBACK, now, run.traceParent());
        jobs.insertSteps(rollback, ProvisioningPlan.rollbackOf(ran));
        if (!scheduler.schedule(rollback, rollbackAt)) {
            throw new IllegalStateException("A new rollback job " + rollback + " already has an execution");
        }
        events.publishEvent(new ProvisioningEvents.RollbackScheduled(
                rollback, run.jobId(), run.sandboxId(), rollbackAt, ran.size()));
        return rollback;
    }

    /**
     * The last step succeeded: it and the job complete together (one fenced statement), and the
     * sandbox lifecycle gets the outputs of all steps and the secrets in the same transaction (they
     * are never stored here). {@code earlierOutputs} are the outputs of the job's earlier steps, in
     * plan order, as the runner that held the job throughout has them (the fence guarantees nobody
     * else wrote them meanwhile), so they are not read back.
     */
    @Transactional
    public void lastStepSucceeded(
            JobRun run, int ordinal, StepResult result, String log, Map<String, String> earlierOutputs) {
        if (jobs.succeedStepFenced(
                        run.jobId(), run.worker(), ordinal, result.output(), log, clock.instant(), null, true)
                .isEmpty()) {
            refused(run, ordinal, StepStatus.SUCCEEDED);
        }
        Map<String, String> outputs = new LinkedHashMap<>(earlierOutputs);
        outputs.putAll(result.output());
        events.publishEvent(new ProvisioningEvents.JobSucceeded(
                run.jobId(), run.sandboxId(), run.kind(), Map.copyOf(outputs), result.secrets()));
    }

    /** Job counts for the worker's gauges: queued, running, failed. */
    @Transactional(readOnly = true)
    public Map<JobStatus, Integer> countByStatus() {
        return jobs.countByStatus();
    }

    /** When the oldest running job started, if one runs. */
    @Transactional(readOnly = true)
    public @Nullable Instant oldestRunningSince() {
        return jobs.oldestRunningStart().orElse(null);
    }

    /** A fenced write changed nothing: the job was lost to another worker, or the step refused the move. */
    private int refused(JobRun run, int ordinal, StepStatus to) {
        if (!jobs.refused(run.jobId(), run.worker(), ordinal, to)) {
            throw new JobLost(run.jobId(), run.worker());
        }
        throw new IllegalStateException("unreachable: refused() throws when the job is held");
    }

    private void fence(JobRun run) {
        if (!jobs.touch(run.jobId(), run.worker(), clock.instant())) {
            throw new JobLost(run.jobId(), run.worker());
        }
    }

    private StepSummary step(JobRun run, int ordinal) {
        return run.steps().stream()
                .filter(s -> s.ordinal() == ordinal)
                .findFirst()
                .orElseThrow();
    }
}
