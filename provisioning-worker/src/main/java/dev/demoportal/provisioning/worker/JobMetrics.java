package dev.demoportal.provisioning.worker;

import dev.demoportal.base.SystemTask;
import dev.demoportal.provisioning.JobExecutionService;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.Layer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The worker's metrics, named as the portal's contract says: job counts by state (from the
 * database, so every worker reports the cluster's view), completed jobs, and step durations by
 * layer and outcome.
 */
public class JobMetrics {

    private final MeterRegistry registry;
    private final JobExecutionService executions;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, Map.of(), null);

    private record Snapshot(Instant takenAt, Map<JobStatus, Integer> counts, Instant oldestRunning) {}

    public JobMetrics(MeterRegistry registry, JobExecutionService executions, Clock clock) {
        this.registry = registry;
        this.executions = executions;
        this.clock = clock;
        for (JobStatus status : List.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED)) {
            Gauge.builder("portal.provisioning.jobs", () -> current().counts().getOrDefault(status, 0))
                    .tag("state", status.name().toLowerCase())
                    .description("Provisioning jobs by state, across all workers")
                    .register(registry);
        }
        Gauge.builder("portal.provisioning.job.oldest.running.age", () -> {
                    Instant oldest = current().oldestRunning();
                    return oldest == null
                            ? 0
                            : Duration.between(oldest, clock.instant()).toSeconds();
                })
                .baseUnit("seconds")
                .description("Age of the oldest running job")
                .register(registry);
    }

    /** One query per few seconds however often Prometheus scrapes and however many gauges read it. */
    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (Duration.between(s.takenAt(), now).compareTo(Duration.ofSeconds(5)) < 0) {
            return s;
        }
        s = SystemTask.run(
                "metrics",
                List.of("ADMIN"),
                () -> new Snapshot(now, executions.countByStatus(), executions.oldestRunningSince()));
        snapshot = s;
        return s;
    }

    void stepFinished(Layer layer, String outcome, long nanos) {
        Timer.builder("portal.provisioning.step.duration")
                .tag("layer", layer.code())
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .description("Duration of one step attempt")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void jobCompleted(JobKind kind, boolean succeeded) {
        Counter.builder("portal.provisioning.jobs.completed")
                .tag("kind", kind.name().toLowerCase())
                .tag("outcome", succeeded ? "succeeded" : "failed")
                .register(registry)
                .increment();
    }
}
