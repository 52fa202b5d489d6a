package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.server.VaadinSession;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.BookingRequest;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingStatus;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** What a person does with their own bookings; each action changes the booking, and the list shows it. */
class MyBookingsViewIT extends ViewTestSupport {

    @Autowired
    BookingService bookings;

    @Autowired
    WaitlistService waitlist;

    @Autowired
    EnvironmentService environments;

    @Autowired
    Clock clock;

    @Test
    void releaseAnActiveBookingAfterConfirming() {
        openUiAs(Person.ALICE);
        BookingSummary held = bookings.claim("na-demo-1", Duration.ofHours(2), "Release me", null);
        MyBookingsView view = open();

        _click(action(view, held, "Release"));
        _fireConfirm(_get(ConfirmDialog.class));

        assertThat(bookings.booking(held.id()).status()).isEqualTo(BookingStatus.RELEASED);
        assertThat(row(view, held)).isEmpty();
    }

    @Test
    void releasingFromTheListHandsTheSlotToTheFirstPersonWaiting() {
        SystemTask.run(
                "test",
                List.of("ADMIN"),
                () -> environments.createEnvironment(new EnvironmentForm(
                        "solo-release", "Solo Release", "emea", 1, EnvironmentStatus.AVAILABLE, "", List.of())));
        openUiAs(Person.ALICE);
        BookingSummary held = bookings.claim("solo-release", Duration.ofHours(2), "Board review", null);
        Instant now = clock.instant();
        openUiAs(Person.MARIA);
        waitlist.joinWaitlist(
                "solo-release", now, now.plus(Duration.ofMinutes(110)), Duration.ofHours(1), "First in line");
        openUiAs(Person.ADAM);
        waitlist.joinWaitlist(
                "solo-release", now, now.plus(Duration.ofMinutes(110)), Duration.ofHours(1), "Second in line");

        openUiAs(Person.ALICE);
        signedInThroughTheHttpSession();
        MyBookingsView view = open();
        _click(action(view, held, "Release"));
        _fireConfirm(_get(ConfirmDialog.class));

        assertThat(bookings.booking(held.id()).status()).isEqualTo(BookingStatus.RELEASED);
        await().atMost(Duration.ofSeconds(30))
                .pollInSameThread()
                .untilAsserted(() -> assertThat(bookings.bookings(
                                "solo-release", clock.instant(), clock.instant().plusSeconds(1)))
                        .singleElement()
                        .satisfies(b -> {
                            assertThat(b.holder().name()).isEqualTo("Maria Manager");
                            assertThat(b.purpose()).isEqualTo("First in line");
                            assertThat(b.status()).isEqualTo(BookingStatus.ACTIVE);
                        }));
        assertThat(waitlist.waitlist("solo-release"))
                .singleElement()
                .satisfies(w -> assertThat(w.person().name()).isEqualTo("Adam Admin"));
    }

    @Test
    void cancelAReservation() {
        openUiAs(Person.ALICE);
        Instant start = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        BookingSummary reserved = bookings.book(
                new BookingRequest("na-demo-2", start, start.plus(Duration.ofHours(2)), "Tomorrow's demo", "Globex"));
        MyBookingsView view = open();

        assertThat(actions(view, reserved)).containsExactly("Extend", "Cancel");
        _click(action(view, reserved, "Cancel"));
        _fireConfirm(_get(ConfirmDialog.class));

        assertThat(bookings.booking(reserved.id()).status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(row(view, reserved)).isEmpty();
    }

    @Test
    void extendMovesTheEnd() {
        openUiAs(Person.ALICE);
        BookingSummary held = bookings.claim("emea-demo-1", Duration.ofHours(1), "Running long", null);
        MyBookingsView view = open();

        _click(action(view, held, "Extend"));
        ExtendDialog dialog = _get(ExtendDialog.class);
        _click(_get(dialog, Button.class, spec -> spec.withText("+2 h")));
        _click(dialog.extend);

        assertThat(dialog.until.isInvalid())
                .as("%s", dialog.until.getErrorMessage())
                .isFalse();
        Instant wanted = held.end().plus(Duration.ofHours(2));
        assertThat(bookings.booking(held.id()).end()).isBetween(wanted.minusSeconds(60), wanted);
        assertThat(dialog.isOpened()).isFalse();
    }

    @Test
    void checkInToABookingThatHasStarted() {
        openUiAs(Person.ALICE);
        // booked (not claimed) from now: it has started, nobody has checked in yet
        BookingSummary booked = bookings.book(new BookingRequest(
                "apj-demo-1", clock.instant(), clock.instant().plus(Duration.ofHours(1)), "Check me in", null));
        assertThat(booked.checkedIn()).isFalse();
        MyBookingsView view = open();

        _click(action(view, booked, "Check in"));

        assertThat(bookings.booking(booked.id()).checkedIn()).isTrue();
        assertThat(actions(view, booked)).containsExactly("Extend", "Release");
    }

    /**
     * Where the running app keeps a signed-in person's security context: in the HTTP session, which
     * Vaadin's context holder reads first inside a request, whatever the thread's context is.
     */
    private static void signedInThroughTheHttpSession() {
        VaadinSession.getCurrent()
                .getSession()
                .setAttribute(
                        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                        SecurityContextHolder.getContext());
    }

    private MyBookingsView open() {
        UI.getCurrent().navigate("my-bookings");
        return _get(MyBookingsView.class);
    }

    /** The row showing {@code booking}, if it is listed. */
    private static Optional<Div> row(MyBookingsView view, BookingSummary booking) {
        return _find(view.list, Div.class, spec -> spec.withId("booking-" + booking.id())).stream()
                .findFirst();
    }

    private static List<String> actions(MyBookingsView view, BookingSummary booking) {
        return _find(row(view, booking).orElseThrow(), Button.class).stream()
                .map(Button::getText)
                .toList();
    }

    private static Button action(MyBookingsView view, BookingSummary booking, String label) {
        return _get(row(view, booking).orElseThrow(), Button.class, spec -> spec.withText(label));
    }
}
