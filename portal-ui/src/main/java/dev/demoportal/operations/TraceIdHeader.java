package dev.demoportal.operations;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the caller the trace id of its request ({@code X-Trace-Id}), so a user or a pipeline can
 * quote it and an operator finds every log line of the request, and of the provisioning jobs it
 * scheduled, by that one id. The trace itself comes from Micrometer Tracing's HTTP observation,
 * which runs just before this filter and continues a caller's W3C {@code traceparent}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class TraceIdHeader extends OncePerRequestFilter {

    static final String HEADER = "X-Trace-Id";

    private final ObjectProvider<Tracer> tracer;

    TraceIdHeader(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Tracer t = tracer.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        if (span != null) {
            response.setHeader(HEADER, span.context().traceId());
        }
        chain.doFilter(request, response);
    }
}
