package dev.demoportal.environment.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import dev.demoportal.environment.EnvironmentView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.EnvironmentService;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Admins set an environment's booking rules and maintenance windows; the service's rules show on the fields. */
class BookingRulesDialogIT extends ViewTestSupport {

    @Autowired
    EnvironmentService environments;

    @BeforeEach
    void openRulesOfEmeaDemo1() {
        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("environments");
        @SuppressWarnings("unchecked")
        Grid<EnvironmentView> emea = (Grid<EnvironmentView>) _get(Grid.class, spec -> spec.withId("environments-emea"));
        Component actions = _getCellComponent(emea, 0, "actions");
        _click(_get(actions, Button.class, spec -> spec.withAttribute("aria-label",
                "Booking rules and maintenance of EMEA Demo 1")));
    }

    @Test
    void savesNewRules() {
        _setValue(_get(IntegerField.class, spec -> spec.withLabel("Shortest booking (minutes)")), 60);
        _setValue(_get(IntegerField.class, spec -> spec.withLabel("Check-in grace (minutes)")), 15);
        _click(_get(Button.class, spec -> spec.withText("Save rules")));

        var rules = rulesOf("emea-demo-1");
        assertThat(rules.minMinutes()).isEqualTo(60);
        assertThat(rules.checkInGraceMinutes()).isEqualTo(15);
    }

    @Test
    void refusesAShortestBookingLongerThanTheLongest() {
        IntegerField shortest = _get(IntegerField.class, spec -> spec.withLabel("Shortest booking (minutes)"));
        _setValue(shortest, 1000);
        _setValue(_get(IntegerField.class, spec -> spec.withLabel("Longest booking (minutes)")), 500);
        _click(_get(Button.class, spec -> spec.withText("Save rules")));

        assertThat(shortest.isInvalid()).isTrue();
        assertThat(shortest.getErrorMessage()).contains("cannot be longer than the longest");
        assertThat(rulesOf("emea-demo-1").minMinutes()).isEqualTo(30);
    }

    @Test
    void schedulesMaintenanceAndRefusesAWindowThatEndsBeforeItStarts() {
        LocalDateTime tomorrow = LocalDateTime.now(ZoneId.of("Europe/Dublin")).plusDays(1).truncatedTo(ChronoUnit.HOURS);
        BookingRulesDialog dialog = _get(BookingRulesDialog.class);
        _setValue(_get(DateTimePicker.class, spec -> spec.withLabel("Maintenance from")), tomorrow);
        _setValue(_get(DateTimePicker.class, spec -> spec.withLabel("until")), tomorrow.minusHours(1));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Reason")), "Cluster upgrade");
        _click(_get(Button.class, spec -> spec.withText("Schedule maintenance")));
        assertThat(_get(DateTimePicker.class, spec -> spec.withLabel("until")).isInvalid()).isTrue();
        assertThat(_size(dialog.windows)).isZero();

        _setValue(_get(DateTimePicker.class, spec -> spec.withLabel("until")), tomorrow.plusHours(4));
        _click(_get(Button.class, spec -> spec.withText("Schedule maintenance")));
        assertThat(_size(dialog.windows)).isEqualTo(1);
    }

    private dev.demoportal.environment.BookingRules rulesOf(String slug) {
        return SystemTask.run("test", List.of("ADMIN"), () -> environments.environment(slug).rules());
    }
}
