package dev.demoportal.provisioning;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.NotFound;
import dev.demoportal.provisioning.JobRepository.JobRow;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contract between the sandbox lifecycle and the worker: jobs are scheduled here, in the
 * caller's transaction, and carried out by the worker through {@link JobExecutionService}.
 */
@Service
public class ProvisioningService {

    private final JobRepository jobs;
    private final JobScheduler scheduler;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TraceContext traces;

    ProvisioningService(
            JobRepository jobs,
            JobScheduler scheduler,
            ApplicationEventPublisher events,
            Clock clock,
            TraceContext traces) {
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.events = events;
        this.clock = clock;
        this.traces = traces;
    }

    /**
     * Records a job with its plan ({@link ProvisioningPlan}) and its durable execution, in the
     * caller's transaction (approval and job commit together, or neither), and wakes idle workers
     * when it commits. A teardown cancels a rollback still waiting for its deadline. Returns the
     * job id.
     *
     * @throws JobAlreadyOpen when the sandbox already has an unfinished job
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID schedule(SandboxSpec spec, JobKind kind) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        if (kind == JobKind.TEARDOWN) {
            // a teardown removes all a rollback would, and more: it replaces one still waiting
            jobs.cancelPendingRollback(spec.sandboxId(), "cancelled: replaced by a teardown", now);
        }
        // a clear refusal rather than a constraint violation; the unique index still settles races
        if (jobs.hasOpenJob(spec.sandboxId())) {
            throw new JobAlreadyOpen("Sandbox " + spec.name() + " already has a provisioning job in progress");
        }
        try {
            jobs.insertJob(id, spec, kind, now, traces.current());
        } catch (DuplicateKeyException e) {
            throw new JobAlreadyOpen("Sandbox " + spec.name() + " already has a provisioning job in progress");
        }
        jobs.insertSteps(id, ProvisioningPlan.of(kind));
        if (!scheduler.schedule(id, now)) {
            throw new IllegalStateException("A new job " + id + " already has an execution");
        }
        // NOTIFY is delivered on commit, so a worker never wakes for a job it cannot see yet
        jobs.notifyJobScheduled(id);
        jobs.notifySandboxChanged(spec.sandboxId());
        return id;
    }

    /** Jobs of one sandbox, newest first, with their steps. The caller has checked the sandbox is visible. */
    @Transactional(readOnly = true)
    public List<JobSummary> jobs(UUID sandboxId) {
        Map<UUID, List<StepSummary>> steps = jobs.stepsOfSandbox(sandboxId);
        return jobs.jobsOfSandbox(sandboxId).stream()
                .map(job -> view(job, steps.getOrDefault(job.id(), List.of())))
                .toList();
    }

    /** One job with its steps. */
    @Transactional(readOnly = true)
    public JobSummary job(UUID jobId) {
        JobRow job = jobs.job(jobId).orElseThrow(() -> notFound(jobId));
        return view(job, jobs.steps(jobId));
    }

    /**
     * Runs a failed job again from its failed step: the steps that succeeded keep their results
     * and are not repeated. A failed provision's rollback that waits for its deadline is cancelled:
     * the person chose to carry on instead.
     *
     * @throws JobNotRetryable when the job has not failed, its sandbox has another job open, or
     *     what it made has already been rolled back
     */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    @Transactional
    public JobSummary retry(UUID jobId) {
        JobRow job = jobs.lockJob(jobId).orElseThrow(() -> notFound(jobId));
        if (job.status() != JobStatus.FAILED) {
            throw new JobNotRetryable("Only a failed job can be retried; this one is "
                    + job.status().name().toLowerCase());
        }
        var actor = CurrentActor.actor();
        boolean rollbackCancelled = false;
        if (job.kind() == JobKind.PROVISION) {
            if (jobs.rollbackStartedSince(job.sandboxId(), job.createdAt())) {
                throw new JobNotRetryable("What this job made has been rolled back; the failed step cannot be"
                        + " retried on its own any more");
            }
            // retrying before the rollback deadline is the person's choice over the clean-up
            rollbackCancelled = jobs.cancelPendingRollback(
                    job.sandboxId(), "cancelled: " + actor.name() + " retried the failed provision", clock.instant());
        }
        if (jobs.hasOpenJob(job.sandboxId())) {
            throw new JobNotRetryable("Another job of this sandbox is in progress; retry after it finishes");
        }
        String failedStep = jobs.steps(jobId).stream()
                .filter(s -> s.status() == StepStatus.FAILED)
                .map(StepSummary::name)
                .findFirst()
                .orElse("");
        try {
            jobs.requeue(
                    jobId,
                    "retried by " + actor.name() + " at " + clock.instant()
                            + (rollbackCancelled ? " (pending rollback cancelled)" : "") + "\n");
        } catch (DuplicateKeyException e) {
            throw new JobNotRetryable("Another job of this sandbox is in progress; retry it after that one finishes");
        }
        if (!scheduler.schedule(jobId, clock.instant())) {
            // the worker that failed it removes its execution right after recording the failure
            throw new JobNotRetryable("The worker is still winding this job up; retry in a moment");
        }
        jobs.notifyJobScheduled(jobId);
        jobs.notifySandboxChanged(job.sandboxId());
        events.publishEvent(new JobRetried(actor, jobId, job.sandboxId(), job.kind(), failedStep));
        return view(jobs.job(jobId).orElseThrow(), jobs.steps(jobId));
    }

    static JobSummary view(JobRow job, List<StepSummary> steps) {
        return new JobSummary(
                job.id(),
                job.sandboxId(),
                job.kind(),
                job.status(),
                job.createdAt(),
                job.startedAt(),
                job.finishedAt(),
                job.errorMessage(),
                job.drivers(),
                steps);
    }

    private static NotFound notFound(UUID jobId) {
        return new NotFound("provisioning.job-not-found", "No provisioning job " + jobId);
    }
}
