package dev.demoportal.notification.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.demoportal.base.SystemTask;
import dev.demoportal.notification.OutboxProperties;
import dev.demoportal.notification.OutboxService;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Delivers the outbox every {@code portal.outbox.poll-interval} (5 s): once per cluster at a time,
 * whatever the number of workers, though claiming with {@code SKIP LOCKED} and a lease would let
 * several deliver side by side. Component scanning registers it (the worker application and the
 * portal scan {@code dev.demoportal.notification}); it only runs where db-scheduler runs.
 */
@Configuration(proxyBeanMethods = false)
class OutboxWork {

    @Bean
    RecurringTask<Void> outboxDelivery(OutboxService outbox, OutboxProperties properties) {
        return Tasks.recurring("outbox-delivery", FixedDelay.of(properties.pollInterval()))
                .execute((instance, context) -> {
                    // one look delivers one batch; a backlog drains batch after batch
                    int sent;
                    int rounds = 0;
                    do {
                        sent = SystemTask.run("outbox", List.of("ADMIN"), outbox::deliverDue);
                    } while (sent >= properties.batchSize() && ++rounds < 50);
                });
    }
}
