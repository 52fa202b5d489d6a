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
        Instant seen = Instant.now()
                .minus(Duration.ofHours(3))
                .minus(Duration.ofMinutes(5))
                .truncatedTo(ChronoUnit.SECONDS);
        deployments.report(
                "emea-demo-2",
                null,
                new DeploymentReport("2.14.0", "4f2a9c1d0e", null, DeploymentStatus.HEALTHY, null));
        deployments.report(
                "emea-demo-2", 1, new DeploymentReport("2.13.0", "aaaaaaa1b2", null, DeploymentStatus.HEALTHY, seen));
        deployments.report(
                "emea-demo-2",
                3,
                new DeploymentReport("feature-x", null, "https://ci.example/run/7", DeploymentStatus.FAILED, null));

        UI.getCurrent().navigate("board");

        org.jsoup.nodes.Element card = BoardViewIT.card("emea-demo-2");
        List<String> lines = card.select("div.dp-deployment").stream()
                .map(d -> d.select("span").stream()
                        .map(org.jsoup.nodes.Element::text)
                        .filter(t -> !t.isEmpty())
                        .reduce((a, b) -> a + " " + b)
                        .orElse(""))
                .toList();
        // the environment's own, then slot 1's and slot 3's
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("2.14.0 (4f2a9c1) · healthy · ");
        assertThat(lines.get(1)).matches("2\\.13\\.0 \\(aaaaaaa\\) · healthy · 3 hours [5-9] minutes ago");
        assertThat(lines.get(2)).isEqualTo("feature-x · failed · just now");
        assertThat(card.select("div.dp-deployment-failed")).hasSize(1);
        assertThat(card.select("div.dp-deployment-failed a[target=_blank]"))
                .singleElement()
                .satisfies(a -> assertThat(a.attr("href")).isEqualTo("https://ci.example/run/7"));
    }

    @Test
    void theEnvironmentPageListsTheCurrentReportsAndTheHistory() {
        openUiAs(Person.ALICE);
        deployments.report(
                "apj-demo-1", null, new DeploymentReport("1.0.0", null, null, DeploymentStatus.DEPLOYING, null));
        deployments.report(
                "apj-demo-1", null, new DeploymentReport("1.0.0", null, null, DeploymentStatus.HEALTHY, null));

        UI.getCurrent().navigate("environments/apj-demo-1");

        Div section = _get(Div.class, spec -> spec.withId("deployments"));
        assertThat(_find(section, Span.class).stream().map(Span::getText).toList())
                .contains("Environment:", "1.0.0 · healthy · just now");
        assertThat(_find(section, ListItem.class).stream()
                        .map(ListItem::getText)
                        .toList())
                .filteredOn(t -> t.contains("environment · 1.0.0"))
                .hasSize(2)
                .anyMatch(t -> t.contains("deploying · Alice Field"));
    }
}
