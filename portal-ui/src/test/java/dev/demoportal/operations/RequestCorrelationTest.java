package dev.demoportal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestCorrelationTest {

    private final RequestCorrelation filter = new RequestCorrelation();
    private final AtomicReference<String> logged = new AtomicReference<>();

    @Test
    void keepsTheCallersIdInTheLogsAndTheResponse() throws Exception {
        MockHttpServletResponse response = run("pipeline-run-4711.step-2");

        assertThat(logged.get()).isEqualTo("pipeline-run-4711.step-2");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("pipeline-run-4711.step-2");
        assertThat(MDC.get("requestId")).as("cleared after the request").isNull();
    }

    @Test
    void makesAnIdWhenThereIsNone() throws Exception {
        MockHttpServletResponse response = run(null);

        assertThat(logged.get()).matches("[0-9a-f-]{36}");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo(logged.get());
    }

    @Test
    void replacesIdsThatCouldForgeOrFloodLogLines() throws Exception {
        for (String hostile : new String[] {"abc\n2026-01-01 INFO forged", "x".repeat(500), "short", "a b c d e f g"}) {
            MockHttpServletResponse response = run(hostile);

            assertThat(logged.get()).isNotEqualTo(hostile).matches("[0-9a-f-]{36}");
            assertThat(response.getHeader("X-Request-Id")).isEqualTo(logged.get());
        }
    }

    private MockHttpServletResponse run(String header) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
        if (header != null) {
            request.addHeader("X-Request-Id", header);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> logged.set(MDC.get("requestId")));
        return response;
    }
}
