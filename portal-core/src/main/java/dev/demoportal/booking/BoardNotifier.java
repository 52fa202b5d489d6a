package dev.demoportal.booking;

import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;

    BoardNotifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BookingEvents.BoardChange change) {
        jdbc.sql("select pg_notify(?, ?)").param(CHANNEL).param(change.environmentId().toString()).query().singleRow();
    }
}
