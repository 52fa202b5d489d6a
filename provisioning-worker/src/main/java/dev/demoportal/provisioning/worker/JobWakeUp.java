package dev.demoportal.provisioning.worker;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Wakes the scheduler the moment a job is scheduled: LISTENs on {@code provisioning_job_scheduled}
 * (sent when the scheduling transaction commits) and asks db-scheduler to look for due executions
 * at once, instead of at its next poll. Polling stays as the safety net if a notification is lost
 * (e.g. while this connection reconnects). It also wakes the scheduler when a job this worker
 * put back (backoff, full region, shutdown) falls due, so short waits are not rounded up to the
 * polling interval.
 */
class JobWakeUp implements SmartLifecycle, JobRunner.WakeUp {

    private static final Logger log = LoggerFactory.getLogger(JobWakeUp.class);
    static final String CHANNEL = "provisioning_job_scheduled";

    private final DataSource dataSource;
    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("job-wake-up-timer").factory());
    private volatile boolean running;
    private Thread thread;

    private final boolean listen;

    JobWakeUp(DataSource dataSource, ObjectProvider<Scheduler> scheduler, Clock clock, boolean listen) {
        this.dataSource = dataSource;
        this.scheduler = scheduler;
        this.clock = clock;
        this.listen = listen;
    }

    @Override
    public void start() {
        running = true;
        if (listen) {
            thread = Thread.ofPlatform().daemon().name("job-wake-up").start(this::listen);
        }
    }

    @Override
    public void at(Instant when) {
        // a little late rather than early: an execution is only due once its time has passed
        long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis()) + 5;
        timer.schedule(this::trigger, delay, TimeUnit.MILLISECONDS);
    }

    private void trigger() {
        Scheduler s = scheduler.getIfAvailable();
        if (s != null && running) {
            s.triggerCheckForDueExecutions();
        }
    }

    @Override
    public void stop() {
        timer.shutdownNow();
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        trigger();
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN " + CHANNEL);
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Listening for scheduled jobs failed ({}); polling covers it, reconnecting", e.getMessage());
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }
}
