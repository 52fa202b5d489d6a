package dev.demoportal.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.VaadinSessionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes the UIs of tabs that are gone. Vaadin forgets a UI that missed three heartbeats only
 * while handling a request of the same session, so a closed tab whose session sees no other
 * request kept its whole component tree, its board subscription and every change queued for it
 * until the HTTP session timed out (30 minutes). This sweeps every session of the replica once a
 * heartbeat interval and closes and removes such UIs: they detach, and views stop following
 * changes ({@link ChangeListener#follow}). The session itself (the sign-in) stays until its timeout;
 * what it keeps is small.
 */
@Component
public class GoneTabSweeper implements VaadinServiceInitListener, SmartLifecycle {

    /** A UI is gone once it missed this many heartbeats in a row (Vaadin's own rule). */
    static final int MISSED_HEARTBEATS = 3;

    /** How often the sessions are looked at; a gone tab is closed at most this long after it counts as gone. */
    private static final Duration TICK = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(GoneTabSweeper.class);

    private final Set<VaadinSession> sessions = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private volatile Duration heartbeat = Duration.ofMinutes(5);
    private volatile @Nullable ScheduledExecutorService timer;

    GoneTabSweeper(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        VaadinService service = event.getSource();
        int seconds = service.getDeploymentConfiguration().getHeartbeatInterval();
        if (seconds > 0) {
            heartbeat = Duration.ofSeconds(seconds);
        }
        service.addSessionInitListener(init -> track(init.getSession()));
        service.addUIInitListener(init -> track(init.getUI().getSession()));
        service.addSessionDestroyListener(destroy -> sessions.remove(destroy.getSession()));
    }

    void track(VaadinSession session) {
        sessions.add(session);
    }

    /** How long a UI may go without a heartbeat before it counts as gone. */
    Duration goneAfter() {
        return heartbeat.multipliedBy(MISSED_HEARTBEATS);
    }

    /** Closes and removes every UI whose last heartbeat is older than {@link #goneAfter()} at {@code now}; returns how many. */
    int sweep(Instant now) {
        long cutoff = now.minus(goneAfter()).toEpochMilli();
        int closed = 0;
        for (VaadinSession session : List.copyOf(sessions)) {
            closed += closeGone(session, cutoff);
        }
        return closed;
    }

    private int closeGone(VaadinSession session, long cutoff) {
        if (session.getLockInstance() instanceof ReentrantLock lock
                && lock.isLocked()
                && !lock.isHeldByCurrentThread()) {
            // busy with a request (or stuck): never wait for it, look again next tick
            return 0;
        }
        int[] closed = {0};
        try {
            session.accessSynchronously(() -> {
                if (session.getState() != VaadinSessionState.OPEN) {
                    sessions.remove(session);
                    return;
                }
                for (UI ui : List.copyOf(session.getUIs())) {
                    if (ui.getInternals().getLastHeartbeatTimestamp() < cutoff) {
                        try {
                            ui.close();
                            session.removeUI(ui);
                            closed[0]++;
                        } catch (RuntimeException e) {
                            log.warn("Could not close the UI of a gone tab", e);
                        }
                    }
                }
            });
        } catch (IllegalStateException e) {
            // the session was invalidated meanwhile
            sessions.remove(session);
            log.debug("Dropped a session that ended while being swept", e);
        }
        return closed[0];
    }

    @Override
    public void start() {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gone-tab-sweeper").daemon().factory());
        t.scheduleWithFixedDelay(
                () -> {
                    try {
                        int closed = sweep(clock.instant());
                        if (closed > 0) {
                            log.debug("Closed {} UIs whose tab is gone", closed);
                        }
                    } catch (RuntimeException e) {
                        log.warn("Sweeping gone tabs failed", e);
                    }
                },
                TICK.toMillis(),
                TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        timer = t;
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
