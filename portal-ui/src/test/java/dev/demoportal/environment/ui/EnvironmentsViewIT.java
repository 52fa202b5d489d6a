package dev.demoportal.environment.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.shell.NotAvailableView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The environments page as field engineers read it and admins maintain it, on the seeded demo data. */
class EnvironmentsViewIT extends ViewTestSupport {

    @Test
    void fieldEngineerSeesEachRegionWithItsEnvironments() {
        openUiAs(Person.ALICE);

        UI.getCurrent().navigate("environments");

        _assertOne(EnvironmentsView.class);
        assertThat(_find(H3.class).stream().map(H3::getText)).containsExactly("EMEA", "Japan / APAC", "North America");
        Grid<EnvironmentSummary> na = grid("na");
        assertThat(slugs(na)).containsExactly("na-demo-1", "na-demo-2", "na-perf-lab");
        assertThat(slugs(grid("emea"))).containsExactly("emea-demo-1", "emea-demo-2");
        assertThat(slugs(grid("apj"))).containsExactly("apj-demo-1", "apj-demo-2");
        List<String> perfLab = _getFormattedRow(na, _get(na, 2));
        assertThat(perfLab)
                .anyMatch(cell -> cell.contains("In maintenance"))
                .contains("Larger nodes for load-testing demos. Being resized this week.");
    }

    @Test
    void onlyAdminsAreOfferedToCreateOrEditEnvironments() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("environments");

        _assertNone(Button.class, spec -> spec.withText("New environment"));
        _assertNone(Button.class, spec -> spec.withAttribute("aria-label", "Edit EMEA Demo 1"));
    }

    @Test
    void searchNarrowsEveryRegion() {
        openUiAs(Person.MARIA);
        UI.getCurrent().navigate("environments");

        _setValue(_get(TextField.class, spec -> spec.withPlaceholder("Search name, slug or description")), "dublin");

        assertThat(slugs(grid("emea"))).containsExactly("emea-demo-1");
        assertThat(_size(grid("na"))).isZero();
        assertThat(_size(grid("apj"))).isZero();
    }

    @Test
    void customersDoNotGetTheView() {
        openUiAs(Person.CAROL);

        UI.getCurrent().navigate("environments");

        // refused: the friendly "not available" page instead of the view
        _assertOne(NotAvailableView.class);
        _assertNone(EnvironmentsView.class);
        _assertNone(Grid.class);
    }

    @SuppressWarnings("unchecked")
    private static Grid<EnvironmentSummary> grid(String region) {
        return _get(Grid.class, spec -> spec.withId("environments-" + region));
    }

    private static List<String> slugs(Grid<EnvironmentSummary> grid) {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < _size(grid); i++) {
            slugs.add(_get(grid, i).slug());
        }
        return slugs;
    }
}
