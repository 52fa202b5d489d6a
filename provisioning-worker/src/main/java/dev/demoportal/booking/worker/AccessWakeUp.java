package dev.demoportal.booking.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the access leases the moment a booking changes: LISTENs on {@code board_changed}, which
 * every booking change sends as it commits (a claim, a release, an extension, a no-show). The
 * recurring task stays the safety net and the clock (a booking's start and end send nothing).
 * Only in a process that runs the worker.
 */
public class AccessWakeUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessWakeUp.class);
    static final String CHANNEL = "board_changed";

    private final DataSource dataSource;
    private final AccessLeaseWork work;
    private volatile @Nullable ExecutorService runner;
    private volatile boolean running;
    private @Nullable Thread thread;

    public AccessWakeUp(DataSource dataSource, AccessLeaseWork work) {
        this.dataSource = dataSource;
        this.work = work;
    }

    @Override
    public void start() {
        running = true;
        runner = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("access-lease-wake-up-run")
                .factory());
        if (work.active()) {
            thread = Thread.ofPlatform().daemon().name("access-lease-wake-up").start(this::listen);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        ExecutorService r = runner;
        if (r != null) {
            r.shutdownNow();
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
                        ExecutorService r = runner;
                        if (r != null) {
                            r.execute(this::runQuietly);
                        }
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN " + CHANNEL);
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Listening for booking changes failed ({}); the recurring task covers it, reconnecting",
                            e.getMessage());
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                throw e;
            }
        }
    }

    private void runQuietly() {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Access leases after a booking change failed ({}); the recurring task retries", e.toString());
        }
    }
}
