package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The book dialog tells as you type whether a slot is free, and what to do instead. */
class BookDialogIT extends ViewTestSupport {

    @Autowired
    BookingService bookings;

    @Autowired
    Clock clock;

    @Test
    void aFullEnvironmentShowsItsNextFreeTimeAndTheRegionsAlternatives() {
        openUiAs(Person.ALICE);
        // APJ Demo 2 has two slots: both held for the next two hours
        BookingSummary first = bookings.claim("apj-demo-2", Duration.ofHours(2), "Partner enablement", null);
        bookings.claim("apj-demo-2", Duration.ofHours(2), "Partner enablement, day 2", null);
        UI.getCurrent().navigate("board");

        BoardCards.press("Book APJ Demo 2");
        BookDialog dialog = _get(BookDialog.class);
        ZoneId zone = ViewerTime.zone();
        assertThat(dialog.environment.getValue().slug()).isEqualTo("apj-demo-2");

        Instant proposal = BookDialog.ceilMinute(first.end());
        String nextFree = ViewerTime.format(proposal, zone, clock.instant());
        assertThat(availability(dialog))
                .contains(
                        "Taken for that time; next free in this environment: " + nextFree,
                        "Free at that time in Japan / APAC:");
        _get(dialog.availability, Button.class, spec -> spec.withText("APJ Demo 1"));

        _click(_get(dialog.availability, Button.class, spec -> spec.withText("Use " + nextFree)));

        assertThat(dialog.start.getValue()).isEqualTo(LocalDateTime.ofInstant(proposal, zone));
        assertThat(availability(dialog)).containsExactly("A slot is free for that time.");
        _setValue(dialog.purpose, "Late partner session");
        _click(dialog.book);

        assertThat(bookings.mine())
                .filteredOn(b -> b.purpose().equals("Late partner session"))
                .singleElement()
                .satisfies(b -> assertThat(b.start()).isEqualTo(proposal));
    }

    @Test
    void bookingATakenTimeAnyway_saysWhenItIsFree() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("board");
        BoardCards.press("Book EMEA Demo 2");
        BookDialog dialog = _get(BookDialog.class);
        ZoneId zone = ViewerTime.zone();
        Instant start = dialog.start.getValue().atZone(zone).toInstant();
        // meanwhile someone takes all three slots for that time
        for (int i = 0; i < 3; i++) {
            bookings.book(new dev.demoportal.booking.BookingRequest(
                    "emea-demo-2", start, start.plus(Duration.ofHours(3)), "Workshop " + i, null));
        }
        _setValue(dialog.purpose, "My demo");
        _click(dialog.book);

        assertThat(dialog.isOpened()).isTrue();
        assertThat(availability(dialog))
                .anyMatch(t -> t.startsWith("Every slot is taken for that time; next free in this environment: "
                        + ViewerTime.format(
                                BookDialog.ceilMinute(start.plus(Duration.ofHours(3))), zone, clock.instant())));
    }

    @Test
    void invalidInputIsShownOnTheFields() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("board");
        BoardCards.press("Book NA Demo 1");
        BookDialog dialog = _get(BookDialog.class);

        dialog.end.setValue(dialog.start.getValue().plusMinutes(10));
        _click(dialog.book);

        assertThat(dialog.purpose.isInvalid()).isTrue();
        assertThat(dialog.purpose.getErrorMessage()).isEqualTo("Say what it is for");
        _setValue(dialog.purpose, "Short demo");
        _click(dialog.book);
        assertThat(dialog.end.isInvalid()).isTrue();
        assertThat(dialog.end.getErrorMessage()).isEqualTo("Book at least 30 minutes");
        assertThat(dialog.isOpened()).isTrue();
    }

    private static List<String> availability(BookDialog dialog) {
        return _find(dialog.availability, Span.class).stream()
                .map(Span::getText)
                .toList();
    }
}
