package dev.demoportal.booking.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.environment.DeploymentReport;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What pipelines reported deploying, as the board and the environment page show it, with its age. */
class BoardDeploymentIT extends ViewTestSupport {

    @Autowired
    DeploymentService deployments;

    @Test
    void theBoardShowsTheDeployedVersionOfTheEnvironmentAndOfASlotWithTheirAge() {
        openUiAs(Person.ALICE);
        Instant seen = Instant.now().minus(Duration.ofHours(3)).minus(Duration.ofMinutes(5))
                .truncatedTo(ChronoUnit.SECONDS);
        deployments.report("emea-demo-2", null, new DeploymentReport("2.14.0", "4f2a9c1d0e", null,
                DeploymentStatus.HEALTHY, seen));
        deployments.report("emea-demo-2", 3, new DeploymentReport("feature-x", null, "https://ci.example/run/7",
                DeploymentStatus.FAILED, null));

        UI.getCurrent().navigate("board");

        Div card = BoardViewIT.card("emea-demo-2");
        List<String> lines = _find(card, Div.class, spec -> spec.withClasses("dp-deployment")).stream()
                .map(d -> _find(d, Span.class).stream().map(Span::getText).filter(t -> !t.isEmpty())
                        .reduce((a, b) -> a + " " + b).orElse(""))
                .toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("2\\.14\\.0 \\(4f2a9c1\\) · healthy · 3 hours [5-9] minutes ago");
        assertThat(lines.get(1)).isEqualTo("feature-x · failed · just now");
        assertThat(_find(card, Div.class, spec -> spec.withClasses("dp-deployment-failed"))).hasSize(1);
    }

    @Test
    void theEnvironmentPageListsTheCurrentReportsAndTheHistory() {
        openUiAs(Person.ALICE);
        deployments.report("apj-demo-1", null, new DeploymentReport("1.0.0", null, null, DeploymentStatus.DEPLOYING,
                Instant.now().minus(Duration.ofMinutes(2))));
        deployments.report("apj-demo-1", null, new DeploymentReport("1.0.0", null, null, DeploymentStatus.HEALTHY,
                null));

        UI.getCurrent().navigate("environments/apj-demo-1");

        Div section = _get(Div.class, spec -> spec.withId("deployments"));
        assertThat(_find(section, Span.class).stream().map(Span::getText).toList())
                .contains("Environment:", "1.0.0 · healthy · just now");
        assertThat(_find(section, ListItem.class).stream().map(ListItem::getText).toList())
                .hasSize(2)
                .allMatch(t -> t.contains("environment · 1.0.0"))
                .anyMatch(t -> t.contains("deploying · Alice Field"));
    }
}
