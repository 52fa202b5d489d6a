package dev.demoportal.booking.ui;

import dev.demoportal.base.ui.ChangeListener;
import dev.demoportal.booking.BoardChanges;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Board changes of every replica ({@code LISTEN board_changed}); the id is the environment's.
 * Bookings start and end with no one changing anything, so views also look again once a minute.
 */
@Component
public class BoardListener extends ChangeListener {

    BoardListener(DataSource dataSource) {
        super(dataSource, BoardChanges.CHANNEL, Duration.ofMinutes(1));
    }
}
