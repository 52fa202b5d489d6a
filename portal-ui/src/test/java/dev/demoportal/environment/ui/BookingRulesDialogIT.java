package dev.demoportal.environment.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinSession;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.SystemTask;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.BookingRules;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.MaintenanceWindowSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Admins set an environment's booking rules (lengths in days, hours and minutes, as people say
 * them) and its maintenance windows (in the admin's own time zone, which the dialog names); the
 * service's rules show on the fields.
 */
class BookingRulesDialogIT extends ViewTestSupport {

    /** Not the zone of EMEA Demo 1's region (Europe/Dublin), so the two cannot be mistaken for each other. */
    private static final ZoneId VIEWER = ZoneId.of("Asia/Tokyo");

    @Autowired
    EnvironmentService environments;

    @Autowired
    Clock clock;

    private void openRulesOfEmeaDemo1() {
        openRulesOf(0, "EMEA Demo 1");
    }

    private void openRulesOf(int row, String name) {
        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("environments");
        // once the mock browser has answered for its own zone, as if the real one had reported Tokyo
        // (ViewerTime keeps the zone in the session)
        MockVaadin.clientRoundtrip(false);
        VaadinSession.getCurrent().setAttribute(ViewerTime.class.getName(), VIEWER);
        @SuppressWarnings("unchecked")
        Grid<EnvironmentSummary> emea =
                (Grid<EnvironmentSummary>) _get(Grid.class, spec -> spec.withId("environments-emea"));
        Component actions = _getCellComponent(emea, row, "actions");
        _click(_get(
                actions,
                Button.class,
                spec -> spec.withAttribute("aria-label", "Booking rules and maintenance of " + name)));
    }

    private static TextField field(String label) {
        return _get(TextField.class, spec -> spec.withLabel(label));
    }

    @Test
    void showsAndTakesLengthsInDaysHoursAndMinutes() {
        // no other test here changes this environment's rules
        openRulesOf(1, "EMEA Demo 2");
        // the defaults (30 minutes, 3 days, 30 minutes) as people say them, not as 30, 4320 and 30
        assertThat(field("Shortest booking").getValue()).isEqualTo("30m");
        assertThat(field("Longest booking").getValue()).isEqualTo("3d");
        assertThat(field("Check-in grace").getValue()).isEqualTo("30m");

        _setValue(field("Shortest booking"), "1h 30m");
        _setValue(field("Longest booking"), "2d 12h");
        _setValue(field("Check-in grace"), "15 min");
        _click(_get(Button.class, spec -> spec.withText("Save rules")));

        BookingRules rules = rulesOf("emea-demo-2");
        assertThat(rules.minMinutes()).isEqualTo(90);
        assertThat(rules.maxMinutes()).isEqualTo(60 * 60);
        assertThat(rules.checkInGraceMinutes()).isEqualTo(15);
        assertThat(field("Longest booking").getValue()).isEqualTo("2d 12h");
        assertThat(field("Check-in grace").getValue()).isEqualTo("15m");
    }

    @Test
    void refusesALengthWithoutAUnitAndSavesNothing() {
        openRulesOfEmeaDemo1();
        BookingRules before = rulesOf("emea-demo-1");
        TextField longest = field("Longest booking");
        _setValue(longest, "4320");
        TextField grace = field("Check-in grace");
        _setValue(grace, "3 weeks");
        _click(_get(Button.class, spec -> spec.withText("Save rules")));

        assertThat(longest.isInvalid()).isTrue();
        assertThat(longest.getErrorMessage()).contains("unit").contains("3d");
        assertThat(grace.isInvalid()).isTrue();
        assertThat(grace.getErrorMessage()).contains("weeks");
        assertThat(rulesOf("emea-demo-1")).isEqualTo(before);
    }

    @Test
    void refusesALengthOutsideTheRuleInTheRulesOwnWords() {
        openRulesOfEmeaDemo1();
        TextField longest = field("Longest booking");
        _setValue(longest, "31d");
        _click(_get(Button.class, spec -> spec.withText("Save rules")));

        assertThat(longest.isInvalid()).isTrue();
        assertThat(longest.getErrorMessage()).isEqualTo("At most 30 days");
    }

    @Test
    void refusesAShortestBookingLongerThanTheLongest() {
        openRulesOfEmeaDemo1();
        BookingRules before = rulesOf("emea-demo-1");
        TextField shortest = field("Shortest booking");
        _setValue(shortest, "16h");
        _setValue(field("Longest booking"), "8h");
        _click(_get(Button.class, spec -> spec.withText("Save rules")));

        assertThat(shortest.isInvalid()).isTrue();
        assertThat(shortest.getErrorMessage()).contains("cannot be longer than the longest");
        assertThat(rulesOf("emea-demo-1")).isEqualTo(before);
    }

    @Test
    void schedulesMaintenanceAndRefusesAWindowThatEndsBeforeItStarts() {
        openRulesOfEmeaDemo1();
        LocalDateTime tomorrow = LocalDateTime.now(VIEWER).plusDays(1).truncatedTo(ChronoUnit.HOURS);
        BookingRulesDialog dialog = _get(BookingRulesDialog.class);
        int planned = _size(dialog.windows);
        _setValue(_get(DateTimePicker.class, spec -> spec.withLabel("Maintenance from")), tomorrow);
        _setValue(_get(DateTimePicker.class, spec -> spec.withLabel("until")), tomorrow.minusHours(1));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Reason")), "Cluster upgrade");
        _click(_get(Button.class, spec -> spec.withText("Schedule maintenance")));
        assertThat(_get(DateTimePicker.class, spec -> spec.withLabel("until")).isInvalid())
                .isTrue();
        assertThat(_size(dialog.windows)).isEqualTo(planned);

        _setValue(_get(DateTimePicker.class, spec -> spec.withLabel("until")), tomorrow.plusHours(4));
        _click(_get(Button.class, spec -> spec.withText("Schedule maintenance")));
        assertThat(_size(dialog.windows)).isEqualTo(planned + 1);
    }

    @Test
    void maintenanceIsEnteredAndShownInTheViewersTimeZoneWhichTheDialogNames() {
        openRulesOfEmeaDemo1();
        BookingRulesDialog dialog = _get(BookingRulesDialog.class);
        // the zone is said next to the fields, and it is the viewer's, not the region's
        assertThat(_get(dialog, Span.class, spec -> spec.withId("maintenance-zone"))
                        .getText())
                .contains("your time zone (Tokyo)");
        LocalDateTime tenOClock =
                LocalDateTime.now(VIEWER).plusDays(2).withHour(10).truncatedTo(ChronoUnit.HOURS);
        _setValue(_get(DateTimePicker.class, spec -> spec.withLabel("Maintenance from")), tenOClock);
        _setValue(_get(DateTimePicker.class, spec -> spec.withLabel("until")), tenOClock.plusHours(2));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Reason")), "Storage migration");
        _click(_get(Button.class, spec -> spec.withText("Schedule maintenance")));

        MaintenanceWindowSummary stored = SystemTask.run(
                        "test",
                        List.of("ADMIN"),
                        () -> environments.maintenanceWindows(
                                environments.environment("emea-demo-1").id(),
                                clock.instant(),
                                clock.instant().plus(Duration.ofDays(10))))
                .stream()
                .filter(w -> w.reason().equals("Storage migration"))
                .findFirst()
                .orElseThrow();
        assertThat(stored.start()).isEqualTo(tenOClock.atZone(VIEWER).toInstant());
        assertThat(stored.end()).isEqualTo(tenOClock.plusHours(2).atZone(VIEWER).toInstant());
        // shown as entered: 10:00 to 12:00 Tokyo time (01:00 to 03:00 in Dublin)
        int row = GridKt._findAll(dialog.windows).indexOf(stored);
        assertThat(_getFormattedRow(dialog.windows, row).get(0)).endsWith("10:00");
        assertThat(_getFormattedRow(dialog.windows, row).get(1)).endsWith("12:00");
    }

    private BookingRules rulesOf(String slug) {
        return SystemTask.run(
                "test", List.of("ADMIN"), () -> environments.environment(slug).rules());
    }
}
