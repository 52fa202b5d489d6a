package dev.demoportal.sandbox.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.demoportal.base.SystemTask;
import dev.demoportal.sandbox.SandboxCleanupService;
import dev.demoportal.sandbox.SandboxService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sandbox expiry, enforced to the minute: every 30 seconds (once per cluster, whatever the number
 * of workers) expiry warnings go out, sandboxes whose time is up start their teardown, and so do
 * failed sandboxes past their clean-up deadline. A daily sweep would let sandboxes run for hours
 * past their end; 30 s keeps the worst case under a minute.
 *
 * <p>It lives in the sandbox feature's package (in the worker module) rather than next to
 * {@code RecurringWork}: the worker's package belongs to provisioning, which sandbox depends on, so
 * importing it from there would make a cycle. Component scanning registers it: the worker
 * application scans {@code dev.demoportal.sandbox}, and so does the portal, where the task only
 * runs when db-scheduler runs (the embedded worker of local mode).
 */
@Configuration(proxyBeanMethods = false)
class SandboxExpiryWork {

    private static final Logger log = LoggerFactory.getLogger(SandboxExpiryWork.class);

    @Bean
    RecurringTask<Void> sandboxExpiry(SandboxService sandboxes, SandboxCleanupService cleanup) {
        return Tasks.recurring("sandbox-expiry", FixedDelay.ofSeconds(30)).execute((instance, context) -> {
            int warned = SystemTask.run("expiry", List.of("ADMIN"), sandboxes::sendExpiryWarnings);
            int expired = SystemTask.run("expiry", List.of("ADMIN"), cleanup::tearDownExpired);
            int failed = SystemTask.run("expiry", List.of("ADMIN"), cleanup::tearDownFailed);
            if (warned > 0 || expired > 0 || failed > 0) {
                log.info(
                        "Sandbox expiry: {} warning(s) sent, {} teardown(s) of expired and {} of failed sandboxes "
                                + "started",
                        warned,
                        expired,
                        failed);
            }
        });
    }
}
