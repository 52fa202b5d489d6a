package dev.demoportal.usage.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.demoportal.base.SystemTask;
import dev.demoportal.usage.UsageProperties;
import dev.demoportal.usage.UsageService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the dashboards' daily utilisation rollup up to date: closed days (before today in each
 * region's zone) are rolled up incrementally, once per cluster per interval; the open day is always
 * computed live by the dashboards. See ADR 0030. Component scanning registers it (the worker
 * application and the portal scan {@code dev.demoportal.usage}); it only runs where db-scheduler runs.
 */
@Configuration(proxyBeanMethods = false)
class UsageRollupWork {

    private static final Logger log = LoggerFactory.getLogger(UsageRollupWork.class);

    @Bean
    RecurringTask<Void> usageRollup(UsageService usage, UsageProperties properties) {
        return Tasks.recurring("usage-rollup", FixedDelay.of(properties.rollupInterval()))
                .execute((instance, context) -> {
                    int written = SystemTask.run("usage-rollup", List.of("ADMIN"), usage::refreshRollup);
                    if (written > 0) {
                        log.info("Rolled up {} environment-day(s) of usage", written);
                    }
                });
    }
}
