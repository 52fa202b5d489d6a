package dev.demoportal.provisioning.worker;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    private final List<WorkerChannel> others;

    JobWakeUp(DataSource dataSource, ObjectProvider<Scheduler> scheduler, Clock clock, boolean listen) {
        this(dataSource, scheduler, clock, listen, List.of());
    }

    /** @param others further channels heard on the same connection ({@link WorkerChannel}) */
    JobWakeUp(
            DataSource dataSource,
            ObjectProvider<Scheduler> scheduler,
            Clock clock,
            boolean listen,
            List<WorkerChannel> others) {
        this.dataSource = dataSource;
        this.scheduler = scheduler;
        this.clock = clock;
        this.listen = listen;
        this.others = List.copyOf(others);
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

    private static void deliver(WorkerChannel channel) {
        try {
            channel.onNotify().run();
        } catch (RuntimeException e) {
            log.warn("Handling a notification on {} failed ({})", channel.channel(), e.toString());
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                    for (WorkerChannel other : others) {
                        statement.execute("LISTEN " + other.channel());
                    }
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        Set<String> heard = new HashSet<>();
                        for (PGNotification n : notifications) {
                            heard.add(n.getName());
                        }
                        if (heard.contains(CHANNEL)) {
                            trigger();
                        }
                        for (WorkerChannel other : others) {
                            if (heard.contains(other.channel())) {
                                deliver(other);
                            }
                        }
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN *");
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn(
                            "Listening for scheduled jobs failed ({}); polling covers it, reconnecting",
                            e.getMessage());
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
