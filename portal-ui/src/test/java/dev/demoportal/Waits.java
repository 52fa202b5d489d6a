package dev.demoportal;

import java.time.Duration;

/**
 * How long a test waits for asynchronous work before it gives up, sized for a loaded two-core
 * machine (a CI runner, or several builds sharing one). A test waits for the state it expects, so
 * on a quiet machine it is as fast as the work; these are only the limits. One place, so that no
 * test picks a short fixed timeout of its own.
 */
public final class Waits {

    /** A page answering a click or drawing itself: one server round trip. Playwright's default here. */
    public static final Duration ROUND_TRIP = Duration.ofSeconds(30);

    /** A page load, including Vaadin's bootstrap and a view's first use of its classes. */
    public static final Duration PAGE_LOAD = Duration.ofSeconds(60);

    /** A change made elsewhere (another browser, a service) reaching an open page by server push. */
    public static final Duration PUSH = Duration.ofSeconds(30);

    /** One worker job (an extension, a teardown step) done and its result shown. */
    public static final Duration WORKER_JOB = Duration.ofSeconds(60);

    /** A whole provisioning job (every step of the simulated driver) done: a sandbox READY. */
    public static final Duration PROVISIONING = Duration.ofSeconds(120);

    private Waits() {}

    /** {@code wait} in milliseconds, as Playwright's options take it. */
    public static double millis(Duration wait) {
        return wait.toMillis();
    }
}
