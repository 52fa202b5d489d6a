package dev.demoportal.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.UIInternals;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.VaadinSessionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
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
 *
 * <p>On the same round it lets live UIs drop the answer to their last request, which Vaadin keeps
 * whole (a board's first answer is about 90 kB) only to send it again should the tab resend that
 * request because the answer was lost; a board tab sends no further request for hours, so every
 * open board kept it for good. It is dropped once it was kept a heartbeat interval and a heartbeat
 * came after it: the tab is connected, and a lost answer is resent within seconds. A resend after
 * that is answered by Vaadin's own message-id check (the tab reloads its state), never wrongly.
 */
@Component
public class GoneTabSweeper implements VaadinServiceInitListener, SmartLifecycle {

    /** A UI is gone once it missed this many heartbeats in a row (Vaadin's own rule). */
    static final int MISSED_HEARTBEATS = 3;

    /** How often the sessions are looked at; a gone tab is closed at most this long after it counts as gone. */
    private static final Duration TICK = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(GoneTabSweeper.class);

    private final Set<VaadinSession> sessions = ConcurrentHashMap.newKeySet();
    /** Each live UI's kept answer and when a sweep first saw it; only the sweeping thread uses it. */
    private final Map<UI, KeptAnswer> answers = new WeakHashMap<>();

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
        int closed = 0;
        for (VaadinSession session : List.copyOf(sessions)) {
            closed += closeGone(session, now.toEpochMilli());
        }
        return closed;
    }

    private int closeGone(VaadinSession session, long now) {
        long cutoff = now - goneAfter().toMillis();
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
                            answers.remove(ui);
                            closed[0]++;
                        } catch (RuntimeException e) {
                            log.warn("Could not close the UI of a gone tab", e);
                        }
                    } else {
                        releaseAnswer(ui, now);
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

    /**
     * Drops the answer {@code ui} keeps for a resend of its last request once it was kept a heartbeat
     * interval and a heartbeat came after it; also its message hash, so that a resend after all gets
     * Vaadin's message-id answer rather than an empty one. Call with the session locked.
     */
    private void releaseAnswer(UI ui, long now) {
        UIInternals internals = ui.getInternals();
        String answer = internals.getLastRequestResponse();
        KeptAnswer kept = answers.get(ui);
        if (answer == null) {
            answers.remove(ui);
        } else if (kept == null || kept.answer() != answer) {
            answers.put(ui, new KeptAnswer(answer, now));
        } else if (now - kept.since() >= heartbeat.toMillis() && internals.getLastHeartbeatTimestamp() > kept.since()) {
            internals.setLastRequestResponse(null);
            internals.setLastProcessedClientToServerId(internals.getLastProcessedClientToServerId(), null);
            answers.remove(ui);
        }
    }

    private record KeptAnswer(String answer, long since) {}

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
