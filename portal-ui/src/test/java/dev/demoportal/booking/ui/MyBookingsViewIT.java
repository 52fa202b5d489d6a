package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.booking.BookingRequest;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingStatus;
import dev.demoportal.booking.BookingView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a person does with their own bookings; each action changes the booking, and the list shows it. */
class MyBookingsViewIT extends ViewTestSupport {

    @Autowired
    BookingService bookings;

    @Autowired
    Clock clock;

    @Test
    void releaseAnActiveBookingAfterConfirming() {
        openUiAs(Person.ALICE);
        BookingView held = bookings.claim("na-demo-1", Duration.ofHours(2), "Release me", null);
        MyBookingsView view = open();

        _click(action(view, row(view, held), "Release"));
        _fireConfirm(_get(ConfirmDialog.class));

        assertThat(bookings.booking(held.id()).status()).isEqualTo(BookingStatus.RELEASED);
        assertThat(row(view, held)).isNegative();
    }

    @Test
    void cancelAReservation() {
        openUiAs(Person.ALICE);
        Instant start = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        BookingView reserved = bookings.book(new BookingRequest("na-demo-2", start, start.plus(Duration.ofHours(2)),
                "Tomorrow's demo", "Globex"));
        MyBookingsView view = open();

        assertThat(_find(_getCellComponent(view.grid, row(view, reserved), "actions"), Button.class).stream()
                .map(Button::getText)).containsExactly("Extend", "Cancel");
        _click(action(view, row(view, reserved), "Cancel"));
        _fireConfirm(_get(ConfirmDialog.class));

        assertThat(bookings.booking(reserved.id()).status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(row(view, reserved)).isNegative();
    }

    @Test
    void extendMovesTheEnd() {
        openUiAs(Person.ALICE);
        BookingView held = bookings.claim("emea-demo-1", Duration.ofHours(1), "Running long", null);
        MyBookingsView view = open();

        _click(action(view, row(view, held), "Extend"));
        ExtendDialog dialog = _get(ExtendDialog.class);
        _click(_get(dialog, Button.class, spec -> spec.withText("+2 h")));
        _click(dialog.extend);

        assertThat(dialog.until.isInvalid()).as("%s", dialog.until.getErrorMessage()).isFalse();
        Instant wanted = held.end().plus(Duration.ofHours(2));
        assertThat(bookings.booking(held.id()).end()).isBetween(wanted.minusSeconds(60), wanted);
        assertThat(dialog.isOpened()).isFalse();
    }

    @Test
    void checkInToABookingThatHasStarted() {
        openUiAs(Person.ALICE);
        // booked (not claimed) from now: it has started, nobody has checked in yet
        BookingView booked = bookings.book(new BookingRequest("apj-demo-1", clock.instant(),
                clock.instant().plus(Duration.ofHours(1)), "Check me in", null));
        assertThat(booked.checkedIn()).isFalse();
        MyBookingsView view = open();

        _click(action(view, row(view, booked), "Check in"));

        assertThat(bookings.booking(booked.id()).checkedIn()).isTrue();
        assertThat(_find(_getCellComponent(view.grid, row(view, booked), "actions"), Button.class).stream()
                .map(Button::getText)).containsExactly("Extend", "Release");
    }

    private MyBookingsView open() {
        UI.getCurrent().navigate("my-bookings");
        return _get(MyBookingsView.class);
    }

    /** The row showing {@code booking}, or -1. */
    private static int row(MyBookingsView view, BookingView booking) {
        for (int i = 0; i < _size(view.grid); i++) {
            if (com.github.mvysny.kaributesting.v10.GridKt._get(view.grid, i).id().equals(booking.id())) {
                return i;
            }
        }
        return -1;
    }

    private static Button action(MyBookingsView view, int row, String label) {
        Component cell = _getCellComponent(view.grid, row, "actions");
        return _get(cell, Button.class, spec -> spec.withText(label));
    }
}
