package dev.demoportal.booking.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.demoportal.booking.SlotResetService;
import dev.demoportal.provisioning.SlotResetDriver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The slot-reset work of the booking feature, found by component scanning; it only acts where a
 * {@link SlotResetDriver} exists (the worker's configuration makes it, standalone or embedded).
 */
@Configuration(proxyBeanMethods = false)
class SlotResetConfiguration {

    @Bean
    SlotResetWork slotResetWork(SlotResetService resets, ObjectProvider<SlotResetDriver> driver) {
        return new SlotResetWork(resets, driver);
    }

    @Bean
    RecurringTask<Void> slotResets(SlotResetWork work) {
        return work.task();
    }
}
