package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingStatus;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.shell.NotAvailableView;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** The live board as field engineers, managers and customers meet it, on the seeded demo data. */
class BoardViewIT extends ViewTestSupport {

    @Autowired
    BookingService bookings;

    @Autowired
    WaitlistService waitlist;

    @Autowired
    EnvironmentService environments;

    @Test
    void internalPeopleLandOnTheBoard() {
        openUiAs(Person.ALICE);

        UI.getCurrent().navigate("");

        _assertOne(BoardView.class);
        assertThat(card("na-demo-1").select("a.dp-env-name[router-link][href=environments/na-demo-1]"))
                .singleElement()
                .satisfies(link -> assertThat(link.text()).isEqualTo("NA Demo 1"));
        assertThat(texts(card("na-demo-1"))).contains("4 of 4 free");
        assertThat(texts(card("na-perf-lab"))).contains("In maintenance");
        assertThat(card("na-perf-lab").select("vaadin-button:containsOwn(Claim)"))
                .isEmpty();
        assertThat(card("na-demo-1").select("vaadin-button[aria-label=\"Claim slot 4 of NA Demo 1\"]"))
                .singleElement()
                .satisfies(claim -> assertThat(claim.text()).isEqualTo("Claim"));
    }

    @Test
    void boardShowsWhoHoldsASlotAfterABooking() {
        openUiAs(Person.ALICE);
        bookings.claim("emea-demo-1", Duration.ofHours(2), "Acme workshop", "Acme Corp");

        UI.getCurrent().navigate("board");

        org.jsoup.nodes.Element card = card("emea-demo-1");
        assertThat(texts(card)).contains("Alice Field", "Acme workshop · Acme Corp", "3 of 4 free");
        assertThat(texts(card)).anyMatch(t -> t.startsWith("since ") && t.contains(" · until "));
    }

    @Test
    void claimFromTheBoardCreatesABooking() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("board");

        BoardCards.press("Claim slot 1 of NA Demo 2");
        ClaimDialog dialog = _get(ClaimDialog.class);
        assertThat(dialog.length.getValue()).isEqualTo(ClaimDialog.ClaimLength.H2);
        _setValue(dialog.length, ClaimDialog.ClaimLength.H1);
        _setValue(dialog.purpose, "Pipeline demo");
        _click(dialog.claim);

        List<BookingSummary> mine = bookings.mine();
        assertThat(mine)
                .filteredOn(b -> b.purpose().equals("Pipeline demo"))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.environmentSlug()).isEqualTo("na-demo-2");
                    assertThat(b.status()).isEqualTo(BookingStatus.ACTIVE);
                    assertThat(b.checkedIn()).isTrue();
                    // the service keeps whole seconds at the end
                    assertThat(Duration.between(b.start(), b.end()))
                            .isBetween(Duration.ofMinutes(59).plusSeconds(58), Duration.ofHours(1));
                });
        _assertNone(ClaimDialog.class);
        assertThat(texts(card("na-demo-2"))).contains("Alice Field", "Pipeline demo", "3 of 4 free");
    }

    @Test
    void theLengthChosenOnTheCardIsTheClaimDialogs() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("board");

        BoardCards.press("Claim slot 2 of NA Demo 2", ClaimDialog.ClaimLength.H4);

        assertThat(_get(ClaimDialog.class).length.getValue()).isEqualTo(ClaimDialog.ClaimLength.H4);
    }

    @Test
    void whatPeopleTypeIsShownAsTextNeverAsMarkup() {
        openUiAs(Person.ALICE);
        bookings.claim("emea-demo-1", Duration.ofHours(1), "<img src=x onerror=alert(1)> & \"quotes\"", null);

        UI.getCurrent().navigate("board");

        org.jsoup.nodes.Element card = card("emea-demo-1");
        assertThat(texts(card)).contains("<img src=x onerror=alert(1)> & \"quotes\"");
        assertThat(card.select("img")).isEmpty();
    }

    @Test
    void aPressTheBoardDoesNotShowIsIgnored() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("board");
        BoardView board = _get(BoardView.class);
        tools.jackson.databind.node.ObjectNode data = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        data.put(BoardView.ACTION, "CLAIM");
        data.put(BoardView.CARD, "board-no-such-environment");
        data.put(BoardView.SLOT, "1");

        board.act(data);
        data.put(BoardView.CARD, "board-na-demo-1");
        data.put(BoardView.SLOT, "one");
        board.act(data);

        _assertNone(ClaimDialog.class);
    }

    @Test
    void claimWithoutPurposeIsRefusedOnTheField() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("board");

        BoardCards.press("Claim slot 1 of APJ Demo 1");
        ClaimDialog dialog = _get(ClaimDialog.class);
        _click(dialog.claim);

        assertThat(dialog.purpose.isInvalid()).isTrue();
        assertThat(dialog.purpose.getErrorMessage()).isEqualTo("Say what it is for");
        assertThat(dialog.isOpened()).isTrue();
    }

    @Test
    void managersForceReleaseWithAReason() {
        openUiAs(Person.ALICE);
        BookingSummary held = bookings.claim("apj-demo-2", Duration.ofHours(4), "Partner enablement", null);
        MockVaadin.tearDown();

        openUiAs(Person.MARIA);
        UI.getCurrent().navigate("board");
        BoardCards.press("Force release slot 1 of APJ Demo 2");
        ReasonDialog dialog = _get(ReasonDialog.class);
        _setValue(dialog.reason, "Needed for the executive demo");
        _click(dialog.release);

        assertThat(bookings.booking(held.id()).status()).isEqualTo(BookingStatus.RELEASED);
        assertThat(texts(card("apj-demo-2"))).contains("2 of 2 free").doesNotContain("Alice Field");
    }

    @Test
    void fieldEngineersAreNotOfferedForceRelease() {
        openUiAs(Person.ALICE);
        bookings.claim("emea-demo-2", Duration.ofHours(1), "Policy demo", null);

        UI.getCurrent().navigate("board");

        assertThat(BoardCards.buttons("Force release")).isEmpty();
        assertThat(texts(card("emea-demo-2"))).contains("Policy demo");
    }

    @Test
    void customersAreRefused() {
        openUiAs(Person.CAROL);

        for (String route : List.of("board", "my-bookings", "environments/na-demo-1")) {
            UI.getCurrent().navigate(route);
            _assertOne(NotAvailableView.class);
        }
        _assertNone(BoardView.class);
        _assertNone(MyBookingsView.class);
        _assertNone(EnvironmentDetailView.class);
    }

    @Test
    void claimOnAGivenSlotClaimsThatSlot() {
        environment("trio-claim", "Trio Claim", 3);
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("board");

        BoardCards.press("Claim slot 3 of Trio Claim");
        ClaimDialog dialog = _get(ClaimDialog.class);
        assertThat(dialog.getHeaderTitle()).isEqualTo("Claim slot 3 of Trio Claim");
        _setValue(dialog.purpose, "Slot three, please");
        _click(dialog.claim);

        assertThat(bookings.mine())
                .filteredOn(b -> b.purpose().equals("Slot three, please"))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.environmentSlug()).isEqualTo("trio-claim");
                    assertThat(b.slot()).isEqualTo(3);
                });
    }

    @Test
    void aSlotTakenWhileTheDialogIsOpenIsNotSwappedSilentlyForAnother() {
        environment("quad-race", "Quad Race", 4);
        SecurityContext maria = signedIn(Person.MARIA);
        SecurityContext alice = signedIn(Person.ALICE);
        UI.getCurrent().navigate("board");
        BoardCards.press("Claim slot 3 of Quad Race");
        ClaimDialog dialog = _get(ClaimDialog.class);
        _setValue(dialog.purpose, "Customer call");

        // meanwhile Maria claims slots 1, 2 and 3
        SecurityContextHolder.setContext(maria);
        for (int i = 0; i < 3; i++) {
            bookings.claim("quad-race", Duration.ofHours(1), "Maria's demo " + i, null);
        }
        SecurityContextHolder.setContext(alice);
        _click(dialog.claim);

        assertThat(bookings.mine()).noneMatch(b -> b.purpose().equals("Customer call"));
        assertThat(dialog.isOpened()).isTrue();
        assertThat(_get(dialog, Div.class, spec -> spec.withClasses("dp-availability"))
                        .getText())
                .isEqualTo("Someone was faster: slot 3 was taken a moment ago. Slot 4 is free: press Claim to take "
                        + "it instead.");
        assertThat(dialog.purpose.getValue()).isEqualTo("Customer call");

        _click(dialog.claim);

        assertThat(bookings.mine())
                .filteredOn(b -> b.purpose().equals("Customer call"))
                .singleElement()
                .satisfies(b -> assertThat(b.slot()).isEqualTo(4));
    }

    @Test
    void aFullEnvironmentSaysFullAndOffersTheWaitlist() {
        environment("solo-full", "Solo Full", 1);
        signedIn(Person.MARIA);
        bookings.claim("solo-full", Duration.ofHours(2), "Board review", null);
        signedIn(Person.ALICE);
        UI.getCurrent().navigate("board");

        assertThat(texts(card("solo-full"))).contains("Full", "0 of 1 free").doesNotContain("Available");
        BoardCards.press("Join the waitlist of Solo Full");
        Dialog dialog = _get(Dialog.class);
        // a window too short for a 2-hour slot after the current hold: queueing is allowed
        LocalDateTime from = _get(dialog, DateTimePicker.class, spec -> spec.withLabel("From"))
                .getValue();
        _setValue(_get(dialog, DateTimePicker.class, spec -> spec.withLabel("Until")), from.plusHours(3));
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Purpose")), "After the review");
        _click(_get(dialog, Button.class, spec -> spec.withText("Join the waitlist")));

        assertThat(NotificationsKt.getNotifications())
                .map(n -> n.getElement().getProperty("text"))
                .contains("You are number 1 in line");
        assertThat(waitlist.waitlist("solo-full")).singleElement().satisfies(w -> {
            assertThat(w.person().name()).isEqualTo("Alice Field");
            assertThat(w.purpose()).isEqualTo("After the review");
        });
        assertThat(dialog.isOpened()).isFalse();
    }

    private void environment(String slug, String name, int slots) {
        SystemTask.run(
                "test",
                List.of("ADMIN"),
                () -> environments.createEnvironment(
                        new EnvironmentForm(slug, name, "emea", slots, EnvironmentStatus.AVAILABLE, "", List.of())));
    }

    /** Opens a UI as {@code person} and returns their security context, to act as them again later. */
    private SecurityContext signedIn(Person person) {
        openUiAs(person);
        return SecurityContextHolder.getContext();
    }

    static org.jsoup.nodes.Element card(String slug) {
        return BoardCards.card(slug);
    }

    static List<String> texts(org.jsoup.nodes.Element container) {
        return BoardCards.texts(container);
    }

    /** The texts of every {@link Span} in a component (a dialog, a section of another page). */
    static List<String> texts(Div container) {
        return _find(container, Span.class).stream().map(Span::getText).toList();
    }
}
