package dev.demoportal.provisioning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.PollingStrategyConfig;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import dev.demoportal.testing.PortalDatabaseTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The worker embedded in another application (the portal in local mode) runs with the worker's own
 * scheduler settings, not db-scheduler's defaults (a 5-minute heartbeat, so a dead worker's jobs
 * would wait half an hour).
 */
@SpringBootTest(
        classes = EmbeddedWorkerIT.Host.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"portal.worker.embedded=true", "db-scheduler.enabled=true"})
@PortalDatabaseTest
class EmbeddedWorkerIT {

    /**
     * An application that embeds the worker as the portal does: the domain packages scanned, the
     * worker only through its auto-configuration, none of the standalone worker's own set-up.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
    @AutoConfigurationPackage(basePackages = "dev.demoportal")
    @ComponentScan(
            basePackages = {
                "dev.demoportal.base",
                "dev.demoportal.identity",
                "dev.demoportal.environment",
                "dev.demoportal.audit",
                "dev.demoportal.booking",
                "dev.demoportal.notification",
                "dev.demoportal.provisioning",
                "dev.demoportal.sandbox",
                "dev.demoportal.usage"
            },
            excludeFilters = {
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "dev\\.demoportal\\.(provisioning|sandbox)\\.worker\\..*"),
                // as @SpringBootApplication does: other tests' @TestConfiguration classes (each one's
                // fake cluster, clock) are theirs alone
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class)
            })
    static class Host {}

    @Autowired
    DbSchedulerProperties scheduler;

    @Autowired
    WorkerStatus worker;

    @Test
    void theEmbeddedWorkerHasTheWorkersHeartbeatDeadWorkerDetectionAndClaiming() {
        assertThat(worker).as("the worker is embedded").isNotNull();
        assertThat(scheduler.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(scheduler.getMissedHeartbeatsLimit()).isEqualTo(4);
        assertThat(scheduler.getPollingStrategy()).isEqualTo(PollingStrategyConfig.Type.LOCK_AND_FETCH);
        assertThat(scheduler.getThreads()).isEqualTo(4);
        assertThat(scheduler.getShutdownMaxWait()).isEqualTo(Duration.ofSeconds(45));
        assertThat(scheduler.isDelayStartupUntilContextReady()).isTrue();
    }
}
