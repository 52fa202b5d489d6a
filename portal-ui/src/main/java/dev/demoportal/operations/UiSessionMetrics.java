package dev.demoportal.operations;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * {@code portal.ui.sessions}: Vaadin sessions alive on this replica. Each holds a user's UI state
 * in memory and pins the user to this replica (sticky sessions), so this is what sizes and drains
 * a portal pod, more than requests per second.
 */
@Component
class UiSessionMetrics implements VaadinServiceInitListener {

    static final String NAME = "portal.ui.sessions";

    private final AtomicInteger active = new AtomicInteger();

    UiSessionMetrics(MeterRegistry registry) {
        Gauge.builder(NAME, active, AtomicInteger::get)
                .description("Vaadin UI sessions alive on this replica")
                .register(registry);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> started());
        event.getSource().addSessionDestroyListener(destroy -> ended());
    }

    void started() {
        active.incrementAndGet();
    }

    void ended() {
        // a session restored from elsewhere can end here without having started here
        active.updateAndGet(n -> Math.max(0, n - 1));
    }

    int active() {
        return active.get();
    }
}
