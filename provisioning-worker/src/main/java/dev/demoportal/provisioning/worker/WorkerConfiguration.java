package dev.demoportal.provisioning.worker;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Everything the worker adds to an application context, whether it runs alone
 * ({@link ProvisioningWorkerApplication}) or inside the portal ({@link EmbeddedWorkerAutoConfiguration}).
 * The job runner itself is db-scheduler, configured by its Spring Boot starter under
 * {@code db-scheduler.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerProperties.class)
@Import({RecurringWork.class, UsageRollupWork.class})
public class WorkerConfiguration {

    @Bean
    WorkerStatus workerStatus(ObjectProvider<Scheduler> scheduler) {
        return new WorkerStatus(scheduler);
    }
}
