package dev.demoportal.sandbox;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Announces every sandbox state change on {@code sandbox_changed} (payload: the sandbox id). NOTIFY
 * is transactional: open pages hear of a change exactly when it commits, on every replica.
 */
@Component
class SandboxNotifier {

    /** The PostgreSQL channel, shared with the worker's job and step changes. */
    static final String CHANNEL = SandboxChanges.CHANNEL;

    private final SandboxQueries queries;

    SandboxNotifier(SandboxQueries queries) {
        this.queries = queries;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SandboxEvents.SandboxChange change) {
        queries.announce(CHANNEL, change.sandbox().id());
    }
}
