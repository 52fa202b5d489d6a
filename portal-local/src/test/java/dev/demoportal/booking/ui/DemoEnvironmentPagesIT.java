package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import dev.demoportal.DemoHistoryTest;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Local mode's demo environments as the roles that may open them meet them: every environment's
 * page opens with a timeline row per slot, and on the demo environment whose slot 3's last reset
 * failed ({@code DemoData}) the timeline marks that slot out of service, as the board does, and no
 * other. {@link DemoHistoryTest}: the same context as {@code DemoHistorySandboxesIT}.
 */
@DemoHistoryTest
class DemoEnvironmentPagesIT extends ViewTestSupport {

    @Autowired
    EnvironmentService environments;

    @Test
    void everyDemoEnvironmentPageOpensForEveryRoleThatMayOpenIt() {
        for (Person person : List.of(Person.ALICE, Person.MARIA, Person.ADAM)) {
            openUiAs(person);
            List<EnvironmentSummary> all = environments.allEnvironments(EnvironmentFilter.ACTIVE);
            assertThat(all).as("environments %s sees", person).isNotEmpty();
            for (EnvironmentSummary env : all) {
                UI.getCurrent().navigate("environments/" + env.slug());
                assertThat(_get(H2.class).getText())
                        .as("page of %s for %s", env.slug(), person)
                        .isEqualTo(env.name());
                assertThat(_find(Span.class, spec -> spec.withClasses("dp-tl-slot")))
                        .as("timeline rows of %s for %s", env.slug(), person)
                        .hasSize(env.tenantSlots());
            }
        }
    }

    @Test
    void theDemoSlotOutOfServiceIsMarkedOnItsEnvironmentsTimeline() {
        openUiAs(Person.ALICE);

        UI.getCurrent().navigate("environments/emea-demo-2");

        List<Div> marks = _find(Div.class, spec -> spec.withClasses("dp-tl-out-of-service"));
        assertThat(marks).hasSize(1);
        Div mark = marks.getFirst();
        assertThat(mark.getElement().getAttribute("aria-label"))
                .startsWith("Slot 3 out of service: reset failed ")
                .endsWith("BackoffLimitExceeded");
        assertThat(_get(mark, Span.class).getText()).startsWith("out of service: reset failed ");
    }
}
