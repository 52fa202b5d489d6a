package dev.demoportal.booking;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells every portal replica that a board changed, through PostgreSQL: NOTIFY is transactional,
 * so listeners hear of a booking exactly when it commits, never of one that rolled back.
 */
@Component
class BoardNotifier {

    /** The PostgreSQL channel; the payload is the environment id. */
    static final String CHANNEL = "board_changed";

    private final BoardQueries queries;

    BoardNotifier(BoardQueries queries) {
        this.queries = queries;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BookingEvents.BoardChange change) {
        queries.announce(CHANNEL, change.environmentId());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(SlotResetEvents.SlotResetChange change) {
        queries.announce(CHANNEL, change.environmentId());
    }

    /** A change that is no event of its own (a reset asked for), in the caller's transaction. */
    void announce(java.util.UUID environmentId) {
        queries.announce(CHANNEL, environmentId);
    }
}
