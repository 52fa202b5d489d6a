package dev.demoportal.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.VaadinSession;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.SystemTask;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.booking.BookingRequest;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.SlotUnavailable;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.notification.ui.NotificationBell;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the portal tells a person (a notification in the bell, a refusal, a form's error) names its
 * times in the reader's time zone and in the portal's one format, never as a raw UTC instant.
 * Karibu's browser reports Europe/Helsinki, so a UTC time cannot pass for the viewer's.
 */
class TimesInMessagesIT extends ViewTestSupport {

    /** The portal's one way to write a moment in running text. */
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);
    /** What a raw instant looks like: 2026-12-06T01:37. */
    private static final String RAW_INSTANT = ".*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*";

    @Autowired
    BookingService bookings;

    @Autowired
    WaitlistService waitlist;

    @Autowired
    EnvironmentService environments;

    @Autowired
    Clock clock;

    @Test
    void theBellNamesAWaitlistHandOffsTimesInTheViewersZone() {
        environment("bell-handoff");
        openUiAs(Person.ALICE);
        BookingSummary held = bookings.claim("bell-handoff", Duration.ofHours(2), "Demo", null);
        openUiAs(Person.MARIA);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        waitlist.joinWaitlist(
                "bell-handoff", now, now.plus(Duration.ofMinutes(110)), Duration.ofHours(1), "Partner training");
        openUiAs(Person.ALICE);
        bookings.release(held.id());

        openUiAs(Person.MARIA);
        openAPage();
        BookingSummary handedOff = bookings.mine().stream()
                .filter(b -> b.environmentSlug().equals("bell-handoff"))
                .findFirst()
                .orElseThrow();
        NotificationBell bell = _get(NotificationBell.class);
        _click(_get(bell, Button.class));

        ZoneId zone = viewerZone();
        Dialog dialog = _get(Dialog.class);
        // Maria approves sandboxes too, so her bell also holds the approval requests of the fixtures
        String message = _get(
                        dialog,
                        Anchor.class,
                        spec -> spec.withPredicate(a -> a.getText().startsWith("A slot freed up")))
                .getText();
        assertThat(message)
                .isEqualTo("A slot freed up: you now hold Env bell-handoff (slot 1) from "
                        + SHOWN.format(handedOff.start().atZone(zone)) + " to "
                        + SHOWN.format(handedOff.end().atZone(zone))
                        + ", from the waitlist.")
                .doesNotMatch(RAW_INSTANT);
        List<String> texts = dialog.getChildren()
                .filter(Span.class::isInstance)
                .map(c -> ((Span) c).getText())
                .toList();
        assertThat(texts).contains("Times in your time zone (" + ViewerTime.place(zone) + ").");
    }

    @Test
    void aRefusalNamesTheNextFreeStartInTheViewersZoneAndTheApiKeepsUtc() {
        environment("refusal-solo");
        openUiAs(Person.ALICE);
        bookings.claim("refusal-solo", Duration.ofHours(2), "Demo", null);
        openUiAs(Person.MARIA);
        openAPage();
        SlotUnavailable refused = catchThrowableOfType(
                SlotUnavailable.class, () -> bookings.claim("refusal-solo", Duration.ofHours(1), "Also a demo", null));

        VaadinSession.getCurrent().getErrorHandler().error(new ErrorEvent(refused));
        MockVaadin.runUIQueue();

        ZoneId zone = viewerZone();
        expectNotifications("Every slot of Env refusal-solo is taken for that time; the next free start is "
                + SHOWN.format(refused.nextFreeAt().atZone(zone)) + ".");
        // the API's problem detail: ISO-8601 UTC, for machines
        assertThat(refused.getMessage()).contains("the next free start is " + refused.nextFreeAt() + ".");
    }

    @Test
    void aFormErrorNamesTheMaintenanceWindowInTheViewersZone() {
        EnvironmentSummary environment = environment("maintained-solo");
        Instant start = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        openUiAs(Person.ADAM);
        environments.scheduleMaintenance(environment.id(), start, start.plus(Duration.ofHours(2)), "Patching");
        openUiAs(Person.ALICE);
        openAPage();
        ValidationFailed refused = catchThrowableOfType(
                ValidationFailed.class,
                () -> bookings.book(new BookingRequest(
                        "maintained-solo",
                        start.plus(Duration.ofMinutes(30)),
                        start.plus(Duration.ofMinutes(90)),
                        "Demo",
                        null)));
        TextField field = new TextField("Start");

        new FieldErrors().field("start", field).show(refused);

        ZoneId zone = viewerZone();
        assertThat(field.getErrorMessage())
                .isEqualTo("Overlaps maintenance (Patching) from " + SHOWN.format(start.atZone(zone)) + " to "
                        + SHOWN.format(start.plus(Duration.ofHours(2)).atZone(zone)));
    }

    /** Any page: the browser then tells the portal its time zone, as it does on a person's first page. */
    private static void openAPage() {
        UI.getCurrent().navigate("account");
        MockVaadin.runUIQueue();
    }

    private EnvironmentSummary environment(String slug) {
        return SystemTask.run(
                "test",
                List.of("ADMIN"),
                () -> environments.createEnvironment(new EnvironmentForm(
                        slug, "Env " + slug, "emea", 1, EnvironmentStatus.AVAILABLE, "", List.of())));
    }

    /** The zone Karibu's browser reports; never UTC, so UTC text cannot pass for it. */
    private ZoneId viewerZone() {
        ZoneId zone = ViewerTime.zone();
        assertThat(zone.getRules().getOffset(clock.instant()))
                .as("the test browser's zone %s", zone)
                .isNotEqualTo(ZoneOffset.UTC);
        return zone;
    }
}
