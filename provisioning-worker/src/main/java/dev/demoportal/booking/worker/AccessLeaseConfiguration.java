package dev.demoportal.booking.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.demoportal.booking.AccessLeaseService;
import dev.demoportal.provisioning.AccessBindingDriver;
import dev.demoportal.provisioning.worker.WorkerChannel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The access-lease work of the booking feature, found by component scanning like
 * {@link RecurringWork}; it only acts where a driver exists (the worker, standalone or embedded).
 */
@Configuration(proxyBeanMethods = false)
class AccessLeaseConfiguration {

    @Bean
    AccessLeaseWork accessLeaseWork(AccessLeaseService leases, ObjectProvider<AccessBindingDriver> driver) {
        return new AccessLeaseWork(leases, driver);
    }

    @Bean
    RecurringTask<Void> accessLeases(AccessLeaseWork work) {
        return work.task();
    }

    @Bean
    AccessWakeUp accessWakeUp(AccessLeaseWork work) {
        return new AccessWakeUp(work);
    }

    /** Heard on the worker's one listening connection (where a worker runs). */
    @Bean
    WorkerChannel accessLeaseChannel(AccessWakeUp wakeUp) {
        return wakeUp.channel();
    }
}
