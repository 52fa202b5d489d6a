package dev.demoportal.provisioning.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.provisioning.JobExecutionService.JobRun;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobSummary.StepStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import dev.demoportal.provisioning.Layer;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The worker's spans on a real OpenTelemetry SDK: a job continues the trace it was scheduled in. */
class JobTracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";

    private static final Slf4JEventListener LOG_CONTEXT = new Slf4JEventListener();

    static {
        // as Spring Boot's tracing auto-configuration does: scope changes put the trace id in the MDC
        ContextStorage.addWrapper(new EventPublishingContextWrapper(LOG_CONTEXT::onEvent));
    }

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exported))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final JobTracing tracing = tracing(otel);

    @AfterEach
    void close() {
        otel.close();
    }

    @Test
    void aJobAndItsStepsContinueTheSchedulingRequestsTrace() {
        JobRun run = run("00-" + TRACE + "-" + PARENT_SPAN + "-01");
        StepSummary step = step();

        String loggedTrace = tracing.inJob(run, () -> tracing.inStep(step, 2, () -> MDC.get("traceId")));

        assertThat(loggedTrace)
                .as("log lines written during the step carry the trace id")
                .isEqualTo(TRACE);
        List<SpanData> spans = exported.getFinishedSpanItems();
        assertThat(spans)
                .extracting(SpanData::getName)
                .containsExactly("provisioning step namespace", "provisioning job provision");
        SpanData stepSpan = spans.get(0);
        SpanData jobSpan = spans.get(1);
        assertThat(jobSpan.getTraceId()).isEqualTo(TRACE);
        assertThat(jobSpan.getParentSpanId()).isEqualTo(PARENT_SPAN);
        assertThat(jobSpan.getAttributes().asMap().toString())
                .contains(run.jobId().toString(), run.sandboxId().toString());
        assertThat(stepSpan.getTraceId()).isEqualTo(TRACE);
        assertThat(stepSpan.getParentSpanId()).isEqualTo(jobSpan.getSpanId());
        assertThat(stepSpan.getAttributes().asMap().toString()).contains("region-platform");
    }

    @Test
    void aJobScheduledWithoutATraceStartsItsOwn() {
        String trace = tracing.inJob(run(null), () -> MDC.get("traceId"));

        assertThat(trace).matches("[0-9a-f]{32}").isNotEqualTo(TRACE);
        assertThat(exported.getFinishedSpanItems())
                .singleElement()
                .satisfies(span -> assertThat(span.getParentSpanId()).isEqualTo("0000000000000000"));
    }

    @Test
    void aFailingStepEndsItsSpanAsAnError() {
        assertThatThrownBy(() -> tracing.inJob(
                        run(null),
                        () -> tracing.inStep(step(), 1, () -> {
                            throw new IllegalStateException("boom");
                        })))
                .hasMessage("boom");

        assertThat(exported.getFinishedSpanItems())
                .hasSize(2)
                .allSatisfy(span ->
                        assertThat(span.getStatus().getStatusCode().name()).isEqualTo("ERROR"));
        assertThat(MDC.get("traceId")).as("no trace left on the thread").isNull();
    }

    private static JobTracing tracing(OpenTelemetrySdk otel) {
        io.opentelemetry.api.trace.Tracer sdkTracer = otel.getTracer("test");
        OtelCurrentTraceContext context = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(
                sdkTracer, context, LOG_CONTEXT::onEvent, new OtelBaggageManager(context, List.of(), List.of()));
        return new JobTracing(tracer, new OtelPropagator(otel.getPropagators(), sdkTracer));
    }

    private static JobRun run(String traceParent) {
        return new JobRun(
                UUID.randomUUID(), UUID.randomUUID(), JobKind.PROVISION, null, "worker-1#1", List.of(), traceParent);
    }

    private static StepSummary step() {
        return new StepSummary(
                3, Layer.REGION_PLATFORM, "namespace", StepStatus.PENDING, 1, null, null, Map.of(), "", null, Map.of());
    }
}
