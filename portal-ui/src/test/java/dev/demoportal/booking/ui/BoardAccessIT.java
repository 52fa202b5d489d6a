package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.AccessLeaseService;
import dev.demoportal.booking.AccessWork;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.environment.AccessSettings;
import dev.demoportal.environment.AccessSettings.SubjectKind;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A holding's access as the board and My bookings show it, on fixture environments the test turns
 * access leases on for. No worker runs here: the test plays it, granting or failing by hand.
 */
class BoardAccessIT extends ViewTestSupport {

    @Autowired
    BookingService bookings;

    @Autowired
    AccessLeaseService leases;

    @Autowired
    EnvironmentService environments;

    /** Turns access leases on for {@code slug} (a fixture environment has none). */
    private void leased(String slug) {
        SystemTask.run("test", List.of("ADMIN"), () -> {
            EnvironmentSummary env = environments.environment(slug);
            return environments.updateAccessSettings(
                    env.id(),
                    env.version(),
                    new AccessSettings("{environment}-slot-{slot}", SubjectKind.USER, "oidc:{email}", "edit"));
        });
    }

    /** One pass of a worker whose driver succeeds ({@code fail} false) or fails. */
    private void worker(boolean fail) {
        SystemTask.run("test", List.of("ADMIN"), () -> {
            leases.reconcile();
            for (Optional<AccessWork> w = leases.claimNext(); w.isPresent(); w = leases.claimNext()) {
                if (fail) {
                    leases.failed(w.get(), "cluster unreachable");
                } else {
                    leases.done(w.get());
                }
            }
            return null;
        });
    }

    /** The board row of the slot whose purpose is {@code purpose}. */
    private static org.jsoup.nodes.Element slotRow(String slug, String purpose) {
        return BoardViewIT.card(slug).select(".dp-board-slot").stream()
                .filter(row ->
                        row.select("span").stream().anyMatch(s -> s.text().equals(purpose)))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> accessTexts(org.jsoup.nodes.Element row) {
        return row.select("span.dp-access").stream()
                .map(org.jsoup.nodes.Element::text)
                .toList();
    }

    private static List<String> accessTexts(Div container) {
        return _find(container, Span.class, spec -> spec.withClasses("dp-access")).stream()
                .map(Span::getText)
                .toList();
    }

    @Test
    void theBoardSaysPendingThenActiveUntilTheEndAndMyBookingsAgrees() {
        openUiAs(Person.ALICE);
        String purpose = "Leased demo " + UUID.randomUUID().toString().substring(0, 6);
        leased("na-demo-2");
        BookingSummary held = bookings.claim("na-demo-2", Duration.ofHours(2), purpose, null);
        SystemTask.run("test", List.of("ADMIN"), () -> leases.reconcile());

        UI.getCurrent().navigate("board");
        assertThat(accessTexts(slotRow("na-demo-2", purpose))).containsExactly("access pending");

        worker(false);
        UI.getCurrent().navigate("my-bookings");
        UI.getCurrent().navigate("board");
        assertThat(accessTexts(slotRow("na-demo-2", purpose)))
                .singleElement()
                .asString()
                .startsWith("access active until ");

        UI.getCurrent().navigate("my-bookings");
        assertThat(accessTexts(_get(Div.class, spec -> spec.withId("booking-" + held.id()))))
                .singleElement()
                .asString()
                .startsWith("access active until ");
    }

    @Test
    void aFailedGrantShowsOnTheBoardAndTheBookingStands() {
        openUiAs(Person.ALICE);
        String purpose = "Leased demo " + UUID.randomUUID().toString().substring(0, 6);
        leased("apj-demo-1");
        BookingSummary held = bookings.claim("apj-demo-1", Duration.ofHours(1), purpose, null);
        worker(true);

        UI.getCurrent().navigate("board");

        org.jsoup.nodes.Element row = slotRow("apj-demo-1", purpose);
        assertThat(accessTexts(row)).containsExactly("access failed, retrying");
        assertThat(BoardViewIT.texts(row)).contains("Alice Field");
        assertThat(bookings.booking(held.id()).status().name()).isEqualTo("ACTIVE");
    }
}
