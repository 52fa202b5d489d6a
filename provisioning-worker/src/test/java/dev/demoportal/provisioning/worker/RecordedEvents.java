package dev.demoportal.provisioning.worker;

import dev.demoportal.provisioning.ProvisioningEvents;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/**
 * Records the provisioning events the worker publishes, on whatever thread it publishes them
 * (Spring's {@code ApplicationEvents} only sees the test's own thread).
 */
@TestConfiguration(proxyBeanMethods = false)
class RecordedEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ProvisioningEvents.JobStarted event) {
        events.add(event);
    }

    @EventListener
    void on(ProvisioningEvents.JobSucceeded event) {
        events.add(event);
    }

    @EventListener
    void on(ProvisioningEvents.JobFailed event) {
        events.add(event);
    }

    <T> List<T> of(Class<T> type, UUID jobId) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(e -> switch (e) {
                    case ProvisioningEvents.JobStarted s -> s.jobId().equals(jobId);
                    case ProvisioningEvents.JobSucceeded s -> s.jobId().equals(jobId);
                    case ProvisioningEvents.JobFailed f -> f.jobId().equals(jobId);
                    default -> false;
                })
                .toList();
    }
}
