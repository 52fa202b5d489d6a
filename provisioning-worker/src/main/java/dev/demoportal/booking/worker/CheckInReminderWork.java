package dev.demoportal.booking.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.CheckInReminders;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every minute, holders of reservations that just started are told to check in (once each). */
@Configuration(proxyBeanMethods = false)
class CheckInReminderWork {

    @Bean
    RecurringTask<Void> bookingCheckInReminders(CheckInReminders reminders) {
        return Tasks.recurring("booking-check-in-reminders", FixedDelay.ofMinutes(1))
                .execute((instance, context) ->
                        SystemTask.run("check-in-reminder", List.of("ADMIN"), reminders::remindDue));
    }
}
