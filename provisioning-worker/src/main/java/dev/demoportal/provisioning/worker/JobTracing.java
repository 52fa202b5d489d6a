package dev.demoportal.provisioning.worker;

import dev.demoportal.provisioning.JobExecutionService.JobRun;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spans for a job and each of its steps. The job's span continues the trace of the request that
 * scheduled it (the {@code traceparent} stored with the job), so a sandbox's request, approval and
 * every provisioning step share one trace id, and every log line written meanwhile carries it.
 */
public final class JobTracing {

    /** No tracing: spans are no-ops (tests, or an application without a tracer). */
    public static final JobTracing NONE = new JobTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public JobTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Runs {@code work} in the job's span, a child of the scheduling request's span when there was one. */
    <T> T inJob(JobRun run, Supplier<T> work) {
        Span.Builder builder = run.traceParent() == null
                ? tracer.spanBuilder()
                : propagator.extract(Map.of("traceparent", run.traceParent()), Map::get);
        Span span = builder.name("provisioning job " + JobRunner.kind(run.kind()))
                .tag("job.id", run.jobId().toString())
                .tag("sandbox.id", run.sandboxId().toString())
                .start();
        return inSpan(span, work);
    }

    /** Runs {@code work} in a span of its own under the current one (the job's). */
    <T> T inStep(StepSummary step, int attempt, Supplier<T> work) {
        Span span = tracer.nextSpan()
                .name("provisioning step " + step.name())
                .tag("step.layer", step.layer().code())
                .tag("step.attempt", String.valueOf(attempt))
                .start();
        return inSpan(span, work);
    }

    private <T> T inSpan(Span span, Supplier<T> work) {
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
