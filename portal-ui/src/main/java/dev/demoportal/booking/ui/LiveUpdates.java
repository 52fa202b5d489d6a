package dev.demoportal.booking.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Connects one open view to the {@link BoardListener}: a burst of changes becomes one refresh,
 * {@value #DELAY_MILLIS} ms after its first change (so at most about three per second per view),
 * run inside {@code ui.access} so the push reaches the browser.
 */
final class LiveUpdates {

    static final long DELAY_MILLIS = 300;

    private LiveUpdates() {}

    /**
     * Keeps {@code view} following board changes while it is attached: subscribes on attach and
     * unsubscribes on detach. {@code relevant} filters environment ids ({@link BoardListener#ALL}
     * always passes).
     */
    static void follow(Component view, BoardListener listener, Predicate<UUID> relevant, Runnable refresh) {
        Registration[] live = new Registration[1];
        view.addAttachListener(attached -> live[0] = subscribe(attached.getUI(), listener, relevant, refresh));
        view.addDetachListener(detached -> {
            if (live[0] != null) {
                live[0].remove();
                live[0] = null;
            }
        });
    }

    private static Registration subscribe(UI ui, BoardListener listener, Predicate<UUID> relevant, Runnable refresh) {
        AtomicBoolean pending = new AtomicBoolean();
        return listener.subscribe(environment -> {
            if (!environment.equals(BoardListener.ALL) && !relevant.test(environment)) {
                return;
            }
            if (pending.compareAndSet(false, true)) {
                CompletableFuture.runAsync(() -> {
                    pending.set(false);
                    ui.access(refresh::run);
                }, CompletableFuture.delayedExecutor(DELAY_MILLIS, TimeUnit.MILLISECONDS));
            }
        });
    }
}
