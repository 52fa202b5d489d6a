package dev.demoportal.environment.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNoNotifications;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.RegionSummary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An admin maintains environments through the editor dialog; the service's rules show on its fields. */
class EnvironmentEditorIT extends ViewTestSupport {

    @BeforeEach
    void openEnvironmentsAsAdmin() {
        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("environments");
    }

    @Test
    void adminCreatesAnEnvironmentThroughTheDialog() {
        _click(_get(Button.class, spec -> spec.withText("New environment")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Slug")), "emea-demo-3");
        _setValue(_get(TextField.class, spec -> spec.withLabel("Name")), "EMEA Demo 3");
        Select<RegionSummary> region = select("Region");
        _setValue(
                region,
                region.getListDataView()
                        .getItems()
                        .filter(r -> r.code().equals("emea"))
                        .findFirst()
                        .orElseThrow());
        _setValue(_get(IntegerField.class, spec -> spec.withLabel("Tenant slots")), 6);
        _click(_get(Button.class, spec -> spec.withText("Create")));

        expectNotifications("Created EMEA Demo 3");
        MockVaadin.clientRoundtrip(false);
        _assertNone(EnvironmentEditor.class);
        Grid<EnvironmentSummary> emea = grid("emea");
        assertThat(slugs(emea)).containsExactly("emea-demo-1", "emea-demo-2", "emea-demo-3");
        EnvironmentSummary created = _get(emea, 2);
        assertThat(created.tenantSlots()).isEqualTo(6);
        assertThat(created.status()).isEqualTo(EnvironmentStatus.AVAILABLE);
    }

    @Test
    void invalidInputIsShownOnTheFieldsAndCreatesNothing() {
        int before = total();
        _click(_get(Button.class, spec -> spec.withText("New environment")));
        TextField slug = _get(TextField.class, spec -> spec.withLabel("Slug"));
        _setValue(slug, "Bad Slug");
        IntegerField slots = _get(IntegerField.class, spec -> spec.withLabel("Tenant slots"));
        _setValue(slots, 0);
        _click(_get(Button.class, spec -> spec.withText("Create")));

        assertThat(slug.isInvalid()).isTrue();
        assertThat(slug.getErrorMessage()).startsWith("Lower-case letters, digits and dashes");
        assertThat(slots.isInvalid()).isTrue();
        assertThat(slots.getErrorMessage()).isEqualTo("At least 1 slot");
        TextField name = _get(TextField.class, spec -> spec.withLabel("Name"));
        assertThat(name.getErrorMessage()).isEqualTo("Enter a name");
        assertThat(select("Region").getErrorMessage()).isEqualTo("Choose a region");
        expectNoNotifications();
        _assertOne(EnvironmentEditor.class);
        assertThat(total()).isEqualTo(before);
    }

    private static int total() {
        return _size(grid("emea")) + _size(grid("na")) + _size(grid("apj"));
    }

    @SuppressWarnings("unchecked")
    private static Grid<EnvironmentSummary> grid(String region) {
        return _get(Grid.class, spec -> spec.withId("environments-" + region));
    }

    @SuppressWarnings("unchecked")
    private static Select<RegionSummary> select(String label) {
        return _get(Select.class, spec -> spec.withLabel(label));
    }

    private static List<String> slugs(Grid<EnvironmentSummary> grid) {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < _size(grid); i++) {
            slugs.add(_get(grid, i).slug());
        }
        return slugs;
    }
}
