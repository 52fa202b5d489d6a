package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Queueing for a full environment from its page, and getting the slot when the holder releases it. */
class WaitlistPanelIT extends ViewTestSupport {

    @Autowired
    BookingService bookings;

    @Autowired
    WaitlistService waitlist;

    @Autowired
    EnvironmentService environments;

    @Autowired
    Clock clock;

    @Test
    void joinTheQueueOfAFullEnvironmentAndGetTheSlotWhenItIsReleased() {
        SystemTask.run(
                "test",
                List.of("ADMIN"),
                () -> environments.createEnvironment(new EnvironmentForm(
                        "solo-wl", "Solo WL", "emea", 1, EnvironmentStatus.AVAILABLE, "", List.of())));
        openUiAs(Person.MARIA);
        BookingSummary held = bookings.claim("solo-wl", Duration.ofHours(2), "Board review", null);

        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("environments/solo-wl");
        WaitlistPanel panel = _get(WaitlistPanel.class);
        // the browser-less UI has no client time zone, so the view works in UTC
        LocalDateTime now =
                LocalDateTime.ofInstant(clock.instant(), ZoneId.of("UTC")).truncatedTo(ChronoUnit.MINUTES);
        _setValue(panel.form.from, now);
        _setValue(panel.form.until, now.plusMinutes(110));
        _setValue(panel.form.length, Duration.ofHours(1));
        _setValue(panel.form.purpose, "Workshop prep");
        _click(panel.form.join);

        expectNotifications("You are number 1 in line");
        assertThat(panel.queue.getElement().getText()
                        + panel.queue
                                .getChildren()
                                .map(c -> c.getElement().getTextRecursively())
                                .reduce("", String::concat))
                .contains("Alice Field")
                .contains("Workshop prep");

        openUiAs(Person.MARIA);
        bookings.release(held.id());

        openUiAs(Person.ALICE);
        assertThat(bookings.mine()).singleElement().satisfies(b -> {
            assertThat(b.environmentSlug()).isEqualTo("solo-wl");
            assertThat(b.purpose()).isEqualTo("Workshop prep");
        });
        assertThat(waitlist.waitlist("solo-wl")).isEmpty();
    }

    @Test
    void joiningWhenASlotIsFreeSaysToBookInstead() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("environments/emea-demo-1");
        WaitlistPanel panel = _get(WaitlistPanel.class);
        _setValue(panel.form.purpose, "Demo");
        _click(panel.form.join);

        assertThat(NotificationsKt.getNotifications())
                .map(n -> n.getElement().getProperty("text"))
                .anySatisfy(text -> assertThat(text).contains("book it instead of queueing"));
        assertThat(waitlist.waitlist("emea-demo-1")).isEmpty();
    }
}
