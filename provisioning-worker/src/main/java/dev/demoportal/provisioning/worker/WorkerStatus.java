package dev.demoportal.provisioning.worker;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * Reports whether this instance's job scheduler is running: the worker is only healthy when it can
 * claim jobs, not merely when its HTTP port answers.
 */
class WorkerStatus implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(WorkerStatus.class);

    private final ObjectProvider<Scheduler> scheduler;

    WorkerStatus(ObjectProvider<Scheduler> scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Health health() {
        Scheduler s = scheduler.getIfAvailable();
        if (s == null) {
            return Health.down()
                    .withDetail("scheduler", "not configured (db-scheduler.enabled=false)")
                    .build();
        }
        var state = s.getSchedulerState();
        if (state.isShuttingDown()) {
            return Health.outOfService()
                    .withDetail("scheduler", "shutting down")
                    .build();
        }
        if (!state.isStarted()) {
            return Health.down().withDetail("scheduler", "not started").build();
        }
        return Health.up()
                .withDetail("scheduler", state.isPaused() ? "paused" : "running")
                .withDetail("executing", s.getCurrentlyExecuting().size())
                .build();
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void ready() {
        log.info("Provisioning worker ready: {}", health().getDetails());
    }
}
