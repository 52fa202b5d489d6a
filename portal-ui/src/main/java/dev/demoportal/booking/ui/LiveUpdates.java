package dev.demoportal.booking.ui;

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
     * Subscribes while the view is attached; call from {@code onAttach} and remove the returned
     * registration in {@code onDetach}. {@code relevant} filters environment ids ({@link BoardListener#ALL}
     * always passes).
     */
    static Registration subscribe(UI ui, BoardListener listener, Predicate<UUID> relevant, Runnable refresh) {
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
