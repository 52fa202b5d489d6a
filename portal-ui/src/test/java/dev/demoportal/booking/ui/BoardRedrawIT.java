package dev.demoportal.booking.ui;

import static dev.demoportal.booking.ui.BoardViewIT.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.StateTree;
import com.vaadin.flow.internal.change.NodeChange;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.booking.BoardService;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.environment.EnvironmentService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A board redraw changes only what changed: a booking rewrites the card of its environment, in
 * place, and nothing else, so the push to every open board carries that card, not the board. The view's clock
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
    BoardSnapshots snapshots;

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
                snapshots,
                listener,
                authentication,
                Clock.fixed(Instant.now(), ZoneOffset.UTC));
        UI.getCurrent().add(board);
        Element booked = card(board, "emea-demo-1");
        Element other = card(board, "na-demo-1");
        String otherHtml = other.getProperty("innerHTML");
        StateTree tree = UI.getCurrent().getInternals().getStateTree();
        tree.collectChanges(change -> {});

        board.refresh();
        assertThat(changes(tree)).as("a redraw with nothing changed").isEmpty();

        BookingSummary booking = bookings.claim("emea-demo-1", Duration.ofHours(2), "Redraw check", null);
        try {
            board.refresh();
            List<NodeChange> changes = changes(tree);

            assertThat(texts(BoardCards.card(board, "emea-demo-1"))).contains("Redraw check", "3 of 4 free");
            // an Element is a view of its state node: the same node is the same card
            assertThat(card(board, "emea-demo-1").getNode())
                    .as("updated in place")
                    .isSameAs(booked.getNode());
            assertThat(card(board, "na-demo-1").getNode()).isSameAs(other.getNode());
            assertThat(other.getProperty("innerHTML")).isEqualTo(otherHtml);
            assertThat(changes)
                    .isNotEmpty()
                    .allSatisfy(change -> assertThat(change.getNode())
                            .as("a change outside the booked card: %s", change)
                            .isSameAs(booked.getNode()));
        } finally {
            bookings.release(booking.id());
        }
    }

    private static Element card(BoardView board, String slug) {
        return board.getElement()
                .getChildren()
                .flatMap(e -> e.getChildren())
                .flatMap(section -> section.getChildren())
                .flatMap(grid -> grid.getChildren())
                .filter(card -> ("board-" + slug).equals(card.getAttribute("id")))
                .findFirst()
                .orElseThrow();
    }

    private static List<NodeChange> changes(StateTree tree) {
        List<NodeChange> changes = new ArrayList<>();
        tree.collectChanges(changes::add);
        return changes;
    }
}
