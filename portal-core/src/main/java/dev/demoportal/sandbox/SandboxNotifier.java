package dev.demoportal.sandbox;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Announces every sandbox state change on {@code sandbox_changed} (payload: the sandbox id). NOTIFY
 * is transactional: open pages hear of a change exactly when it commits, on every replica.
 *
 * <p>PostgreSQL delivers a transaction's identical notifications (same channel, same payload) once,
 * so a sandbox already announced in the transaction is not announced again: provisioning's own
 * writes (the claim, the last step, a failed step) carry the NOTIFY, and the lifecycle says so
 * ({@link #announcedAlready}).
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
        UUID id = change.sandbox().id();
        Set<UUID> announced = announced();
        if (announced == null || announced.add(id)) {
            queries.announce(CHANNEL, id);
        }
    }

    /**
     * The transaction has sent {@code sandbox_changed} for this sandbox already (in a statement of
     * its own, outside this class): the change events that follow need not send it again.
     */
    static void announcedAlready(UUID sandboxId) {
        Set<UUID> announced = announced();
        if (announced != null) {
            announced.add(sandboxId);
        }
    }

    /**
     * The sandboxes announced in the current transaction; null outside one. Kept by a
     * synchronization of the transaction, so a transaction suspended for a new one keeps its own.
     */
    private static @Nullable Set<UUID> announced() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Announced a) {
                return a.ids;
            }
        }
        Announced a = new Announced();
        TransactionSynchronizationManager.registerSynchronization(a);
        return a.ids;
    }

    private static final class Announced implements TransactionSynchronization {
        private final Set<UUID> ids = new HashSet<>();
    }
}
