package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.tabs.Tabs;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.SystemTask;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.SlotResetJob;
import dev.demoportal.booking.SlotResetService;
import dev.demoportal.booking.SlotResetSummary;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.ResetPlanService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One environment's timeline (bookings, maintenance, slots out of service), rules and maintenance. */
class EnvironmentDetailViewIT extends ViewTestSupport {

    @Autowired
    BookingService bookings;

    @Autowired
    EnvironmentService environments;

    @Autowired
    SlotResetService resets;

    @Autowired
    ResetPlanService plans;

    @Autowired
    Clock clock;

    @Test
    void showsBookingsOnTheTimelineAndTheRules() {
        openUiAs(Person.ALICE);
        bookings.claim("emea-demo-2", Duration.ofHours(3), "GitOps walkthrough", null);

        UI.getCurrent().navigate("environments/emea-demo-2");

        assertThat(_get(H2.class).getText()).isEqualTo("EMEA Demo 2");
        List<Div> blocks = _find(Div.class, spec -> spec.withClasses("dp-tl-booking"));
        assertThat(blocks).isNotEmpty();
        assertThat(_find(blocks.getFirst(), Span.class).stream().map(Span::getText))
                .contains("Alice Field", " · GitOps walkthrough");
        assertThat(_find(ListItem.class).stream().map(ListItem::getText))
                .contains("Shortest booking: 30 minutes", "Book up to 60 days ahead");
    }

    @Test
    void clickingAFreeHourOpensTheBookDialogAtThatTime() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("environments/apj-demo-1");
        ZoneId zone = _get(EnvironmentDetailView.class).zone();
        if (!nextHour()
                .atZone(zone)
                .toLocalDate()
                .equals(clock.instant().atZone(zone).toLocalDate())) {
            _click(_get(Button.class, spec -> spec.withAttribute("aria-label", "Later")));
        }

        // the hour that is running may propose the same start (from 14:58, 15:00): take the later cell
        Div nextHourCell = _find(
                        Div.class,
                        spec -> spec.withClasses("dp-tl-free")
                                .withAttribute(
                                        "aria-label",
                                        "Book slot 1 from " + ViewerTime.format(nextHour(), zone, clock.instant())))
                .getLast();
        ComponentUtil.fireEvent(nextHourCell, new ClickEvent<>(nextHourCell));

        BookDialog dialog = _get(BookDialog.class);
        assertThat(dialog.environment.getValue().slug()).isEqualTo("apj-demo-1");
        assertThat(dialog.start.getValue()).isEqualTo(LocalDateTime.ofInstant(nextHour(), zone));
    }

    @Test
    void maintenanceWindowsAreShown() {
        openUiAs(Person.ADAM);
        // from now, so it is on today's timeline whatever the hour
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        environments.scheduleMaintenance(
                environments.environment("na-demo-2").id(),
                start,
                start.plus(Duration.ofHours(3)),
                "Kubernetes upgrade");

        UI.getCurrent().navigate("environments/na-demo-2");

        assertThat(_find(Div.class, spec -> spec.withClasses("dp-tl-maintenance")))
                .isNotEmpty();
        assertThat(_find(ListItem.class).stream().map(ListItem::getText))
                .anyMatch(t -> t.endsWith(": Kubernetes upgrade"));
    }

    /**
     * Slot 2's reset fails, slot 1's succeeds (the test plays the worker, as {@code BoardResetIT}
     * does): the timeline marks slot 2 out of service from then on in the board's words, with the
     * error on hover, and offers none of its hours for booking; slot 1 carries no mark.
     */
    @Test
    void aSlotOutOfServiceIsMarkedOnTheTimelineFromWhenItsResetFailed() {
        String slug = "oos-timeline-" + UUID.randomUUID().toString().substring(0, 6);
        ResettableEnvironment.create(environments, plans, slug, "Out " + slug, 2);
        openUiAs(Person.ALICE);
        ResettableEnvironment.holdAndReleaseEach(bookings, slug, 2);
        SlotResetSummary failed = SystemTask.run("test", List.of("ADMIN"), () -> {
            SlotResetSummary outOfService = null;
            int done = 0;
            while (done < 2) {
                // another test's reset left waiting may come first: this test's two are what count
                SlotResetJob job = resets.claimNext().orElseThrow();
                if (!job.environmentSlug().equals(slug)) {
                    continue;
                }
                done++;
                if (job.slot() == 2) {
                    outOfService = resets.failed(job.resetId(), "step 1 (wipe): Job failed");
                } else {
                    resets.succeeded(job.resetId());
                }
            }
            return outOfService;
        });

        UI.getCurrent().navigate("environments/" + slug);

        ZoneId zone = _get(EnvironmentDetailView.class).zone();
        Div mark = _get(row(2), Div.class, spec -> spec.withClasses("dp-tl-out-of-service"));
        assertThat(_get(mark, Span.class).getText())
                .isEqualTo("out of service: reset failed "
                        + ViewerTime.format(failed.finishedAt(), zone, clock.instant()));
        assertThat(mark.getClassNames()).contains("dp-reset", "dp-reset-out-of-service");
        assertThat(title(mark)).endsWith(" · Error: step 1 (wipe): Job failed");
        assertThat(_find(row(1), Div.class, spec -> spec.withClasses("dp-tl-out-of-service")))
                .isEmpty();

        // out of service until an admin returns it: tomorrow too, and none of its hours can be booked
        _click(_get(Button.class, spec -> spec.withAttribute("aria-label", "Later")));
        assertThat(_get(row(2), Div.class, spec -> spec.withClasses("dp-tl-out-of-service"))
                        .getStyle()
                        .get("width"))
                .isEqualTo("100.000%");
        assertThat(_find(row(2), Div.class, spec -> spec.withClasses("dp-tl-free")))
                .isEmpty();
        assertThat(_find(row(1), Div.class, spec -> spec.withClasses("dp-tl-free")))
                .isNotEmpty();
        assertThat(_find(row(1), Div.class, spec -> spec.withClasses("dp-tl-out-of-service")))
                .isEmpty();
    }

    /** The timeline's row of a slot. */
    private static Div row(int slot) {
        return _find(Div.class, spec -> spec.withClasses("dp-tl-row")).stream()
                .filter(row -> _find(row, Span.class, spec -> spec.withClasses("dp-tl-slot")).stream()
                        .anyMatch(label -> label.getText().equals("Slot " + slot)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anUnknownEnvironmentSaysSo() {
        openUiAs(Person.ALICE);

        UI.getCurrent().navigate("environments/nowhere-1");

        assertThat(_get(H2.class).getText()).isEqualTo("No such environment");
    }

    private Instant nextHour() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    }

    @Test
    void theWeekTellsHoldersApartByColourAndNameAndMarksTheViewersOwn() {
        SystemTask.run(
                "test",
                List.of("ADMIN"),
                () -> environments.createEnvironment(new EnvironmentForm(
                        "duo-week", "Duo Week", "emea", 2, EnvironmentStatus.AVAILABLE, "", List.of())));
        UUID maria = openUiAs(Person.MARIA).id();
        bookings.claim("duo-week", Duration.ofHours(2), "Board review", null);
        openUiAs(Person.ALICE);
        bookings.claim("duo-week", Duration.ofHours(3), "GitOps walkthrough", null);

        UI.getCurrent().navigate("environments/duo-week");
        _get(Tabs.class).setSelectedIndex(1);

        List<Div> blocks = _find(Div.class, spec -> spec.withClasses("dp-tl-booking"));
        assertThat(blocks).hasSize(2);
        Div marias = blocks.stream()
                .filter(b -> title(b).startsWith("Maria Manager ·"))
                .findFirst()
                .orElseThrow();
        Div alices = blocks.stream()
                .filter(b -> title(b).startsWith("Alice Field (you) ·"))
                .findFirst()
                .orElseThrow();
        // the holder's own colour, the same wherever they appear; the viewer's own in a style of its own
        int colour = Math.floorMod(maria.hashCode(), 7);
        assertThat(marias.getClassNames()).contains("dp-holder-" + colour).doesNotContain("dp-tl-mine");
        assertThat(alices.getClassNames()).contains("dp-tl-mine").noneMatch(c -> c.startsWith("dp-holder-"));
        // full name, initials and first initial: the stylesheet shows the one that fits the block's width
        assertThat(_find(marias, Span.class).stream().map(Span::getText)).contains("Maria Manager", "MM", "M");
        assertThat(title(marias)).contains("Board review");
        // and a legend says whose colour is whose
        Div legend = _get(Div.class, spec -> spec.withClasses("dp-tl-legend"));
        assertThat(_find(legend, Span.class).stream().map(Span::getText))
                .containsSubsequence("Alice Field (you)", "Maria Manager");
    }

    private static String title(Div block) {
        return String.valueOf(block.getElement().getAttribute("title"));
    }
}
