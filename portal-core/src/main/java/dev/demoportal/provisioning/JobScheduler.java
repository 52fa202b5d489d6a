package dev.demoportal.provisioning;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;

/**
 * Writes a job's durable execution into db-scheduler's table through its own client. The portal
 * runs no scheduler (only the worker does), so this is a bare {@link SchedulerClient} on the
 * DataSource, wrapped so that it joins the caller's Spring transaction: the execution commits with
 * the job, or neither does. The client does not commit connections it did not open itself.
 */
@Component
class JobScheduler {

    /** The db-scheduler task the worker registers; the instance id is the job id. */
    static final String TASK = "provisioning-job";

    private final SchedulerClient client;

    JobScheduler(DataSource dataSource) {
        DataSource transactional = dataSource instanceof TransactionAwareDataSourceProxy
                ? dataSource
                : new TransactionAwareDataSourceProxy(dataSource);
        this.client = SchedulerClient.Builder.create(transactional)
                .tableName("scheduled_tasks")
                .build();
    }

    /** Returns false when the job already has an execution (e.g. its worker is still winding it up). */
    boolean schedule(UUID jobId, Instant at) {
        return client.scheduleIfNotExists(new TaskInstance<Void>(TASK, jobId.toString()), at);
    }
}
