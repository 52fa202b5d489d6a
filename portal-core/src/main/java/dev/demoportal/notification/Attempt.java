package dev.demoportal.notification;

import org.jspecify.annotations.Nullable;

/** How one delivery attempt went: sent, failed for now (try again), or refused for good. */
record Attempt(boolean sent, boolean permanent, @Nullable String error) {

    static Attempt ok() {
        return new Attempt(true, false, null);
    }

    static Attempt retry(String error) {
        return new Attempt(false, false, error);
    }

    static Attempt refused(String error) {
        return new Attempt(false, true, error);
    }
}
