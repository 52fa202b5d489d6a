package dev.demoportal.booking.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.NoShowService;
import dev.demoportal.booking.WaitlistService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The booking feature's recurring enforcement, run by db-scheduler: each task runs once per
 * cluster per period, however many workers there are (the task row is claimed with
 * {@code FOR UPDATE SKIP LOCKED}), and picks up again on another worker if this one dies.
 * Component scanning registers it, as it does {@code sandbox.worker}: the worker application scans
 * {@code dev.demoportal.booking}, and so does the portal, where the tasks only run when db-scheduler
 * runs (the embedded worker of local mode).
 */
@Configuration(proxyBeanMethods = false)
class RecurringWork {

    private static final Logger log = LoggerFactory.getLogger(RecurringWork.class);

    /** Reservations nobody checked in to within the grace period are released as no-shows. */
    @Bean
    RecurringTask<Void> bookingNoShows(NoShowService noShows) {
        return Tasks.recurring("booking-no-shows", FixedDelay.ofMinutes(1)).execute((instance, context) -> {
            int released = SystemTask.run("no-show", List.of("ADMIN"), noShows::releaseNoShows);
            if (released > 0) {
                log.info("Released {} reservation(s) as no-shows", released);
            }
        });
    }

    /** Safety net for waitlist hand-offs (they normally happen right after a slot frees) and lapses. */
    @Bean
    RecurringTask<Void> waitlistSweep(WaitlistService waitlist) {
        return Tasks.recurring("waitlist-sweep", FixedDelay.ofMinutes(1)).execute((instance, context) -> {
            int granted = SystemTask.run("waitlist", List.of("ADMIN"), waitlist::sweepWaitlists);
            if (granted > 0) {
                log.info("Granted {} waitlisted booking(s)", granted);
            }
        });
    }
}
