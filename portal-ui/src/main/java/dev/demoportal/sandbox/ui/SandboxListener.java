package dev.demoportal.sandbox.ui;

import com.vaadin.flow.shared.Registration;
import dev.demoportal.sandbox.SandboxChanges;
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
 * Hears every committed sandbox change (state changes from the portal, job and step progress from
 * the worker) through {@code LISTEN sandbox_changed}, and hands the sandbox id to the open views of
 * this replica: one connection and one thread per replica, as the booking board's listener does.
 */
@Component
public class SandboxListener implements SmartLifecycle {

    /** Sent when anything may have changed (after reconnecting, and every 30 s for countdowns). */
    public static final UUID ALL = new UUID(0, 0);

    private static final Logger log = LoggerFactory.getLogger(SandboxListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final long TICK_NANOS = Duration.ofSeconds(30).toNanos();

    private final DataSource dataSource;
    private final CopyOnWriteArrayList<Consumer<UUID>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    SandboxListener(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Registration subscribe(Consumer<UUID> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    @Override
    public void start() {
        running = true;
        Thread t = Thread.ofPlatform().name("sandbox-listener").daemon().unstarted(this::run);
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
                    statement.execute("LISTEN " + SandboxChanges.CHANNEL);
                }
                backoff = Duration.ofMillis(250);
                publish(null);
                long lastTick = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (System.nanoTime() - lastTick > TICK_NANOS) {
                        lastTick = System.nanoTime();
                        publish(null);
                    }
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            publish(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Sandbox listener lost its database connection; retrying in {} ms: {}", backoff.toMillis(),
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

    private void publish(@Nullable String payload) {
        UUID sandbox;
        try {
            sandbox = payload == null ? ALL : UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring sandbox change with payload {}", payload);
            return;
        }
        for (Consumer<UUID> subscriber : subscribers) {
            try {
                subscriber.accept(sandbox);
            } catch (RuntimeException e) {
                log.warn("A sandbox subscriber failed", e);
            }
        }
    }
}
