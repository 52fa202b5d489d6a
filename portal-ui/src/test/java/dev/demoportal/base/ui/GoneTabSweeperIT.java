package dev.demoportal.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.booking.ui.BoardListener;
import dev.demoportal.booking.ui.BoardView;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A board whose tab is gone (its client stopped heartbeating) is closed, detached and no longer
 * follows board changes, without waiting for the HTTP session to time out. Time is handed to the
 * sweep, never waited for.
 */
class GoneTabSweeperIT extends ViewTestSupport {

    @Autowired
    GoneTabSweeper sweeper;

    @Autowired
    BoardListener boardChanges;

    @Test
    void aBoardWhoseTabStoppedHeartbeatingIsClosedAndStopsFollowingChanges() {
        openUiAs(Person.ALICE);
        UI ui = UI.getCurrent();
        VaadinSession session = VaadinSession.getCurrent();
        sweeper.track(session);
        ui.navigate("board");
        BoardView board = _get(BoardView.class);
        int following = boardChanges.subscriberCount();
        Instant lastBeat = Instant.ofEpochMilli(ui.getInternals().getLastHeartbeatTimestamp());

        assertThat(sweeper.sweep(lastBeat.plus(sweeper.goneAfter()).minusSeconds(1)))
                .as("a tab that missed fewer than three heartbeats may be alive")
                .isZero();
        assertThat(session.getUIs()).contains(ui);
        assertThat(board.isAttached()).isTrue();

        assertThat(sweeper.sweep(lastBeat.plus(sweeper.goneAfter()).plusSeconds(1)))
                .isEqualTo(1);

        assertThat(ui.isClosing()).isTrue();
        assertThat(session.getUIs()).doesNotContain(ui);
        assertThat(board.isAttached()).isFalse();
        assertThat(boardChanges.subscriberCount()).isEqualTo(following - 1);
    }

    @Test
    void aTabThatKeepsHeartbeatingStays() {
        openUiAs(Person.ALICE);
        UI ui = UI.getCurrent();
        VaadinSession session = VaadinSession.getCurrent();
        sweeper.track(session);
        ui.navigate("board");
        Instant later = Instant.ofEpochMilli(ui.getInternals().getLastHeartbeatTimestamp())
                .plus(sweeper.goneAfter().multipliedBy(10));
        ui.getInternals()
                .setLastHeartbeatTimestamp(
                        later.minus(sweeper.goneAfter().dividedBy(3)).toEpochMilli());

        assertThat(sweeper.sweep(later)).isZero();

        assertThat(session.getUIs()).contains(ui);
        assertThat(_get(BoardView.class).isAttached()).isTrue();
    }
}
