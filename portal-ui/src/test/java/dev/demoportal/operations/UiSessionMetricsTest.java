package dev.demoportal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class UiSessionMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UiSessionMetrics sessions = new UiSessionMetrics(registry);

    @Test
    void theGaugeFollowsSessionsStartingAndEnding() {
        sessions.started();
        sessions.started();
        sessions.started();
        sessions.ended();

        assertThat(registry.get("portal.ui.sessions").gauge().value()).isEqualTo(2);
    }

    @Test
    void neverGoesNegativeForSessionsThatStartedElsewhere() {
        sessions.ended();

        assertThat(registry.get("portal.ui.sessions").gauge().value()).isZero();
    }
}
