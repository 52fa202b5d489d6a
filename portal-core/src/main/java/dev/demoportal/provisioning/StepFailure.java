package dev.demoportal.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * A step could not be carried out. Transient failures (throttling, timeouts, 5xx, a resource not
 * ready yet) are retried with backoff; permanent ones (access denied, invalid input, quota) fail
 * the job at once, with this message shown to people.
 */
public class StepFailure extends RuntimeException {

    private final boolean transientFailure;

    private StepFailure(String message, boolean transientFailure, @Nullable Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public static StepFailure transientFailure(String message, @Nullable Throwable cause) {
        return new StepFailure(message, true, cause);
    }

    public static StepFailure permanent(String message, @Nullable Throwable cause) {
        return new StepFailure(message, false, cause);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
