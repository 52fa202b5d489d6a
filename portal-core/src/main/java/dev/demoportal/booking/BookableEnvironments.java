package dev.demoportal.booking;

import dev.demoportal.environment.EnvironmentEvents;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Environments with their booking rules as the booking path checks a request against them, kept
 * by slug so a booking reads none. Each entry is one version of the environment; the booking's
 * insert only succeeds while the environment is still at that version ({@link
 * BookingQueries#insertIfStillAllowed}), so an entry another replica made stale costs one failed attempt,
 * never a wrong booking: the caller then {@link #forget}s it and goes the long way with a fresh
 * read. Changes made through this replica drop the entry at once (the listeners below).
 * Maintenance windows are not cached: the insert checks them itself.
 */
@Component
class BookableEnvironments {

    /** Far more than any portal has; past it the cache starts over rather than grow. */
    static final int LIMIT = 10_000;

    private final EnvironmentService environments;
    private final ConcurrentMap<String, EnvironmentSummary> bySlug = new ConcurrentHashMap<>();

    BookableEnvironments(EnvironmentService environments) {
        this.environments = environments;
    }

    /** The environment as last read (reading it if it is not kept); NotFound if there is none. */
    EnvironmentSummary environment(String slug) {
        EnvironmentSummary kept = bySlug.get(slug);
        return kept != null ? kept : reread(slug);
    }

    /** The environment read afresh (the long way does), kept from now on; NotFound if there is none. */
    EnvironmentSummary reread(String slug) {
        EnvironmentSummary read = environments.environment(slug);
        if (bySlug.size() >= LIMIT) {
            bySlug.clear();
        }
        bySlug.put(slug, read);
        return read;
    }

    /** Drops what is kept of the environment (it proved stale, or it changed). */
    void forget(UUID environmentId) {
        bySlug.values().removeIf(e -> e.id().equals(environmentId));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(EnvironmentEvents.EnvironmentUpdated changed) {
        forget(changed.environment().id());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(EnvironmentEvents.BookingRulesChanged changed) {
        forget(changed.environment().id());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(EnvironmentEvents.AccessSettingsChanged changed) {
        forget(changed.environment().id());
    }

    /** A region's name is part of every environment of it as kept here (not of its version). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(EnvironmentEvents.RegionUpdated changed) {
        bySlug.clear();
    }
}
