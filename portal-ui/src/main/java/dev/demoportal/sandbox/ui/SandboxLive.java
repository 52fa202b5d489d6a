package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Keeps an open view following sandbox changes while attached; a burst of changes (a job's steps)
 * becomes one refresh {@value #DELAY_MILLIS} ms after its first change, inside {@code ui.access}.
 */
final class SandboxLive {

    static final long DELAY_MILLIS = 300;

    private SandboxLive() {}

    static void follow(Component view, SandboxListener listener, Predicate<UUID> relevant, Runnable refresh) {
        Registration[] live = new Registration[1];
        view.addAttachListener(attached -> {
            UI ui = attached.getUI();
            AtomicBoolean pending = new AtomicBoolean();
            live[0] = listener.subscribe(sandbox -> {
                if (!sandbox.equals(SandboxListener.ALL) && !relevant.test(sandbox)) {
                    return;
                }
                if (pending.compareAndSet(false, true)) {
                    CompletableFuture.runAsync(() -> {
                        pending.set(false);
                        ui.access(refresh::run);
                    }, CompletableFuture.delayedExecutor(DELAY_MILLIS, TimeUnit.MILLISECONDS));
                }
            });
        });
        view.addDetachListener(detached -> {
            if (live[0] != null) {
                live[0].remove();
                live[0] = null;
            }
        });
    }
}
