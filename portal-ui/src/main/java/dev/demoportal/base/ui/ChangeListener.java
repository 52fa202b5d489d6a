package dev.demoportal.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Hears every committed change on one PostgreSQL channel, from this replica or any other
 * ({@code LISTEN <channel>}; NOTIFY is transactional, so only committed changes arrive), and hands
 * the changed id to the open views of this JVM. One dedicated connection and one thread per
 * replica and channel, whatever the number of open browsers. Features subclass it per channel.
 */
public abstract class ChangeListener implements SmartLifecycle {

    /** Sent to subscribers when anything may have changed (after reconnecting, and every tick). */
    public static final UUID ALL = new UUID(0, 0);

    /** A burst of changes becomes one refresh this long after its first change (a few pushes a second at most). */
    public static final long DELAY_MILLIS = 300;

    /**
     * Where the views' refreshes run: a virtual thread each. The default (the common pool) is a new
     * platform thread per task on a two-core machine, where the common pool has one thread; a
     * refresh mostly waits for its UI's lock and the push.
     */
    private static final Executor VIEWS = Executors.newVirtualThreadPerTaskExecutor();

    private static final int POLL_MILLIS = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final DataSource dataSource;
    private final String channel;
    private final long tickNanos;
    private final CopyOnWriteArrayList<Consumer<UUID>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    /**
     * @param tick how often views look again with nobody changing anything (time passes: bookings
     *     start and end, countdowns run)
     */
    protected ChangeListener(DataSource dataSource, String channel, Duration tick) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.tickNanos = tick.toNanos();
    }

    /** Calls {@code subscriber} with the id named by each change, on the listener's thread. */
    public Registration subscribe(Consumer<UUID> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Views following this channel now (one per attached view; a gone tab's view must not stay here). */
    public int subscriberCount() {
        return subscribers.size();
    }

    /**
     * Keeps {@code view} following changes while it is attached: subscribes on attach, unsubscribes
     * on detach, and runs {@code refresh} inside {@code ui.access} (so the push reaches the browser)
     * once per burst of changes whose id passes {@code relevant} ({@link #ALL} always passes).
     */
    public void follow(Component view, Predicate<UUID> relevant, Runnable refresh) {
        Registration[] live = new Registration[1];
        view.addAttachListener(attached -> live[0] = subscribe(coalesced(attached.getUI(), relevant, refresh)));
        view.addDetachListener(detached -> {
            if (live[0] != null) {
                live[0].remove();
                live[0] = null;
            }
        });
    }

    private static Consumer<UUID> coalesced(UI ui, Predicate<UUID> relevant, Runnable refresh) {
        AtomicBoolean pending = new AtomicBoolean();
        return id -> {
            if (!id.equals(ALL) && !relevant.test(id)) {
                return;
            }
            if (pending.compareAndSet(false, true)) {
                CompletableFuture.runAsync(
                        () -> {
                            pending.set(false);
                            ui.access(refresh::run);
                        },
                        CompletableFuture.delayedExecutor(DELAY_MILLIS, TimeUnit.MILLISECONDS, VIEWS));
            }
        };
    }

    @Override
    public void start() {
        running = true;
        Thread t = Thread.ofPlatform().name(channel + "-listener").daemon().unstarted(this::run);
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
                    statement.execute("LISTEN " + channel);
                }
                log.debug("Listening on {}", channel);
                backoff = Duration.ofMillis(250);
                // a change may have been missed while (re)connecting: let every view look again
                publish(null);
                long lastTick = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (System.nanoTime() - lastTick > tickNanos) {
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
                log.warn(
                        "Listener on {} lost its database connection; retrying in {} ms: {}",
                        channel,
                        backoff.toMillis(),
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
        UUID id;
        try {
            id = payload == null ? ALL : UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring a change on {} with payload {}", channel, payload);
            return;
        }
        for (Consumer<UUID> subscriber : subscribers) {
            try {
                subscriber.accept(id);
            } catch (RuntimeException e) {
                log.warn("A subscriber to {} failed", channel, e);
            }
        }
    }
}
