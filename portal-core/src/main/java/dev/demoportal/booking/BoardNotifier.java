package dev.demoportal.booking;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every portal replica that a board changed, through PostgreSQL: NOTIFY is transactional,
 * so listeners hear of a booking exactly when it commits, never of one that rolled back.
 */
@Component
class BoardNotifier {

    /** The PostgreSQL channel; the payload is the environment id. */
    static final String CHANNEL = "board_changed";

    /** Key of this transaction's set of environments whose NOTIFY was sent already. */
    private static final Object ANNOUNCED = new Object();

    private final BoardQueries queries;

    BoardNotifier(BoardQueries queries) {
        this.queries = queries;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BookingEvents.BoardChange change) {
        if (!announcedAlready(change.environmentId())) {
            queries.announce(CHANNEL, change.environmentId());
        }
    }

    /**
     * Notes that this transaction's own statement already sent the NOTIFY for the environment
     * ({@link BookingQueries#insertIfStillAllowed} does, to save a round trip), so the board change it
     * publishes sends no second one. Call it inside the transaction, after that statement.
     */
    void announcedBy(UUID environmentId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<UUID> announced = (Set<UUID>) TransactionSynchronizationManager.getResource(ANNOUNCED);
        if (announced == null) {
            Set<UUID> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(ANNOUNCED, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ANNOUNCED);
                }
            });
            announced = fresh;
        }
        announced.add(environmentId);
    }

    private static boolean announcedAlready(UUID environmentId) {
        return TransactionSynchronizationManager.getResource(ANNOUNCED) instanceof Set<?> announced
                && announced.contains(environmentId);
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SlotResetEvents.SlotResetChange change) {
        queries.announce(CHANNEL, change.environmentId());
    }

    /** A change that is no event of its own (a reset asked for), in the caller's transaction. */
    void announce(UUID environmentId) {
        queries.announce(CHANNEL, environmentId);
    }
}
