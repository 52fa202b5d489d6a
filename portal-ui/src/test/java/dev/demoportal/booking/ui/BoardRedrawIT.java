package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static dev.demoportal.booking.ui.BoardViewIT.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.internal.StateNode;
import com.vaadin.flow.internal.StateTree;
import com.vaadin.flow.internal.change.NodeChange;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.booking.AccessLeaseService;
import dev.demoportal.booking.BoardService;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.EnvironmentService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A board redraw changes only what changed: a booking replaces the card of its environment and
 * nothing else, so the push to every open board carries that card, not the board. The view's clock
 * stands still, so the minute cannot turn over in between and redraw every card.
 */
class BoardRedrawIT extends ViewTestSupport {

    @Autowired
    BookingService bookings;

    @Autowired
    BoardService boardService;

    @Autowired
    WaitlistService waitlist;

    @Autowired
    EnvironmentService environments;

    @Autowired
    DeploymentService deployments;

    @Autowired
    AccessLeaseService access;

    @Autowired
    BoardListener listener;

    @Autowired
    AuthenticationContext authentication;

    @Test
    void aBookingChangesOnlyTheCardOfItsEnvironment() {
        openUiAs(Person.ALICE);
        BoardView board = new BoardView(
                bookings,
                boardService,
                waitlist,
                environments,
                deployments,
                access,
                listener,
                authentication,
                Clock.fixed(Instant.now(), ZoneOffset.UTC));
        UI.getCurrent().add(board);
        Div booked = card(board, "emea-demo-1");
        Div other = card(board, "na-demo-1");
        Div grid = (Div) booked.getParent().orElseThrow();
        StateTree tree = UI.getCurrent().getInternals().getStateTree();
        tree.collectChanges(change -> {});

        board.refresh();
        assertThat(changes(tree)).as("a redraw with nothing changed").isEmpty();

        BookingSummary booking = bookings.claim("emea-demo-1", Duration.ofHours(2), "Redraw check", null);
        try {
            board.refresh();
            List<NodeChange> changes = changes(tree);

            Div redrawn = card(board, "emea-demo-1");
            assertThat(texts(redrawn)).contains("Redraw check", "3 of 4 free");
            assertThat(redrawn).isNotSameAs(booked);
            assertThat(card(board, "na-demo-1")).isSameAs(other);
            assertThat(redrawn.getParent()).containsSame(grid);
            assertThat(changes)
                    .isNotEmpty()
                    .allSatisfy(change -> assertThat(within(
                                            change.getNode(),
                                            redrawn.getElement().getNode())
                                    || within(
                                            change.getNode(),
                                            booked.getElement().getNode())
                                    || change.getNode() == grid.getElement().getNode())
                            .as("a change outside the booked card (old and new) and its place in the grid: %s", change)
                            .isTrue());
        } finally {
            bookings.release(booking.id());
        }
    }

    private static Div card(BoardView board, String slug) {
        return _get(board, Div.class, spec -> spec.withId("board-" + slug));
    }

    private static List<NodeChange> changes(StateTree tree) {
        List<NodeChange> changes = new ArrayList<>();
        tree.collectChanges(changes::add);
        return changes;
    }

    private static boolean within(@Nullable StateNode node, StateNode root) {
        for (StateNode n = node; n != null; n = n.getParent()) {
            if (n == root) {
                return true;
            }
        }
        return false;
    }
}
