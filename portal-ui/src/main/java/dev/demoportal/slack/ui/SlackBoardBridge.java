package dev.demoportal.slack.ui;

import dev.demoportal.base.ui.ChangeListener;
import dev.demoportal.booking.ui.BoardListener;
import dev.demoportal.slack.SlackTopicSync;
import org.springframework.stereotype.Component;

/**
 * Hands every board change ({@code LISTEN board_changed}, from any replica or the worker, committed
 * changes only) to the Slack topic sync, which looks at linked topics again at once.
 */
@Component
class SlackBoardBridge {

    SlackBoardBridge(BoardListener board, SlackTopicSync topics) {
        board.subscribe(id -> {
            if (!ChangeListener.ALL.equals(id)) {
                topics.changed();
            }
        });
    }
}
