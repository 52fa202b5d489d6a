package dev.demoportal.booking.ui;

import com.vaadin.flow.shared.Registration;
import dev.demoportal.booking.BoardChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears every committed board change, from this replica or any other, through PostgreSQL's
 * {@code LISTEN board_changed}, and hands the environment id to the open views of this JVM. One
 * dedicated connection and one thread per replica, whatever the number of open browsers.
 */
@Component
public class BoardListener implements SmartLifecycle {

    /** Sent to subscribers when any environment may have changed (after reconnecting, or once a minute). */
    public static final UUID ALL = new UUID(0, 0);

    private static final Logger log = LoggerFactory.getLogger(BoardListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Bookings start and end with no one changing anything: views look again this often. */
    private static final long TICK_NANOS = Duration.ofMinutes(1).toNanos();

    private final DataSource dataSource;
    private final CopyOnWriteArrayList<Consumer<UUID>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    BoardListener(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Calls {@code subscriber} with the environment id of each board change, on the listener's thread. */
    public Registration subscribe(Consumer<UUID> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    @Override
    public void start() {
        running = true;
        Thread t = Thread.ofPlatform().name("board-listener").daemon().unstarted(this::run);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(250);
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + BoardChanges.CHANNEL);
                }
                log.debug("Listening for board changes");
                backoff = Duration.ofMillis(250);
                // a change may have been missed while (re)connecting: let every view look again
                publish(null);
                long lastTick = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (System.nanoTime() - lastTick > TICK_NANOS) {
                        lastTick = System.nanoTime();
                        publish(null);
                    }
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        publish(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Board listener lost its database connection; retrying in {} ms: {}", backoff.toMillis(),
                        e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** {@code payload} null means "anything may have changed" (after a reconnect, or time passing). */
    private void publish(@Nullable String payload) {
        UUID environment;
        try {
            environment = payload == null ? ALL : UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring board change with payload {}", payload);
            return;
        }
        for (Consumer<UUID> subscriber : subscribers) {
            try {
                subscriber.accept(environment);
            } catch (RuntimeException e) {
                log.warn("A board subscriber failed", e);
            }
        }
    }
}
