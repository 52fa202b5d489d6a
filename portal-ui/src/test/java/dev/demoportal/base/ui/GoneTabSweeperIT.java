package dev.demoportal.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.UIInternals;
import com.vaadin.flow.server.VaadinSession;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.booking.ui.BoardListener;
import dev.demoportal.booking.ui.BoardView;
import java.time.Duration;
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

    @Test
    void aLiveTabDropsTheAnswerKeptForAResendOnceAHeartbeatCameAfterIt() {
        openUiAs(Person.ALICE);
        UI ui = UI.getCurrent();
        VaadinSession session = VaadinSession.getCurrent();
        sweeper.track(session);
        ui.navigate("board");
        UIInternals internals = ui.getInternals();
        String answer = "{\"syncId\":1}";
        internals.setLastRequestResponse(answer);
        internals.setLastProcessedClientToServerId(internals.getLastProcessedClientToServerId(), new byte[] {1, 2, 3});
        int lastRequest = internals.getLastProcessedClientToServerId();
        Duration interval = sweeper.goneAfter().dividedBy(GoneTabSweeper.MISSED_HEARTBEATS);
        Instant seen = Instant.ofEpochMilli(internals.getLastHeartbeatTimestamp());

        sweeper.sweep(seen);
        sweeper.sweep(seen.plus(interval).plusSeconds(1));
        assertThat(internals.getLastRequestResponse())
                .as("no heartbeat came after it: the tab may still be waiting for it")
                .isSameAs(answer);

        internals.setLastHeartbeatTimestamp(seen.plus(interval).toEpochMilli());
        sweeper.sweep(seen.plus(interval).plusSeconds(2));

        assertThat(internals.getLastRequestResponse()).isNull();
        assertThat(internals.getLastProcessedMessageHash())
                .as("a resend after all is answered by Vaadin's message-id check, not with nothing")
                .isNull();
        assertThat(internals.getLastProcessedClientToServerId()).isEqualTo(lastRequest);
        assertThat(session.getUIs()).contains(ui);
        assertThat(_get(BoardView.class).isAttached()).isTrue();
    }

    @Test
    void theAnswerToALaterRequestIsKeptAFullIntervalAgain() {
        openUiAs(Person.ALICE);
        UI ui = UI.getCurrent();
        sweeper.track(VaadinSession.getCurrent());
        ui.navigate("board");
        UIInternals internals = ui.getInternals();
        Duration interval = sweeper.goneAfter().dividedBy(GoneTabSweeper.MISSED_HEARTBEATS);
        Instant seen = Instant.ofEpochMilli(internals.getLastHeartbeatTimestamp());
        internals.setLastRequestResponse("{\"syncId\":1}");
        sweeper.sweep(seen);

        String later = "{\"syncId\":2}";
        internals.setLastRequestResponse(later);
        internals.setLastHeartbeatTimestamp(seen.plus(interval).toEpochMilli());
        sweeper.sweep(seen.plus(interval).plusSeconds(1));

        assertThat(internals.getLastRequestResponse()).isSameAs(later);
    }
}
