package dev.demoportal.usage.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.audit.ui.AuditView;
import dev.demoportal.audit.ui.OrganisationActivityView;
import dev.demoportal.shell.NotAvailableView;
import dev.demoportal.testing.UsageRows;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboards as managers, field engineers and customers meet them (browserless): who may open
 * which page, and that charts and tables show the service's numbers with titles, axis names and
 * units.
 */
class DashboardViewsIT extends ViewTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    /** History needs environments that existed then: days before an environment was created are not counted. */
    @BeforeEach
    void environmentsHaveAPast() {
        jdbc.update("update shared_environment set created_at = now() - interval '90 days'");
    }

    @Test
    void managersSeeUtilisationDrawnWithTheNumbersBeside() {
        var maria = openUiAs(Person.MARIA);
        UsageRows rows = new UsageRows(dataSource);
        UUID env = jdbc.queryForObject("select id from shared_environment where slug = 'apj-demo-1'", UUID.class);
        // 22:00–02:00 in Tokyo, yesterday UTC: always inside the default range (the last 30 days)
        LocalDate day = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2);
        Instant start = day.atTime(13, 0).toInstant(java.time.ZoneOffset.UTC);
        rows.booking(env, 3, maria.id(), start, start.plusSeconds(4 * 3600), "BOOKED", "Initech");

        UI.getCurrent().navigate("dashboards");

        UtilisationView view = _get(UtilisationView.class);
        JsonNode option = JSON.readTree(view.byDay.option());
        assertThat(option.get("yAxis").get("name").asString()).isEqualTo("Utilisation (%)");
        assertThat(option.get("xAxis").get("name").asString()).contains("Day");
        // regions by name, as everywhere else in the portal
        assertThat(option.get("legend").get("data"))
                .extracting(JsonNode::asString)
                .contains("Japan / APAC")
                .doesNotContain("apj");
        JsonNode bars = JSON.readTree(view.byEnvironment.option());
        assertThat(bars.get("xAxis").get("name").asString()).isEqualTo("Slot-hours (h)");
        assertThat(JSON.readTree(view.heatmap.option()).get("xAxis").get("name").asString())
                .isEqualTo("Hour of day (region's local time)");

        var apj = GridKt._findAll(view.environmentTable).stream()
                .filter(e -> e.environment().equals("apj-demo-1"))
                .findFirst()
                .orElseThrow();
        assertThat(apj.bookedHours()).isEqualTo(4.0);
        assertThat(GridKt._getFormattedRow(
                        view.environmentTable,
                        GridKt._findAll(view.environmentTable).indexOf(apj)))
                .contains("4");
        assertThat(_get(Span.class, spec -> spec.withId("stat-no-show")).getText())
                .isEqualTo("0 %");

        // a filter narrows the charts and tables, and the CSV links follow it
        _setValue(
                view.filters.region,
                view.filters
                        .region
                        .getListDataView()
                        .getItems()
                        .filter(o -> o.value().equals("apj"))
                        .findFirst()
                        .orElseThrow());
        view.refresh();
        assertThat(GridKt._findAll(view.environmentTable))
                .allSatisfy(e -> assertThat(e.region()).isEqualTo("apj"));
        assertThat(GridKt._getFormattedRow(view.environmentTable, 0))
                .contains("Japan / APAC")
                .doesNotContain("apj");
        assertThat(GridKt._getFormattedRow(view.regionTable, 0))
                .contains("Japan / APAC")
                .doesNotContain("apj");
        assertThat(view.getElement().getOuterHTML()).contains("api/v1/usage/environment-days.csv?from=");
        assertThat(view.getElement().getOuterHTML()).contains("region=apj");
    }

    @Test
    void aPercentAxisIsScaledToItsDataAndEveryChartHasOneReadableTitle() {
        var maria = openUiAs(Person.MARIA);
        UUID env = jdbc.queryForObject("select id from shared_environment where slug = 'na-demo-1'", UUID.class);
        Instant start = LocalDate.now(java.time.ZoneOffset.UTC)
                .minusDays(4)
                .atTime(15, 0)
                .toInstant(java.time.ZoneOffset.UTC);
        new UsageRows(dataSource).booking(env, 1, maria.id(), start, start.plusSeconds(5 * 3600), "BOOKED", null);

        UI.getCurrent().navigate("dashboards");
        UtilisationView view = _get(UtilisationView.class);

        JsonNode option = JSON.readTree(view.byDay.option());
        double highest = 0;
        for (JsonNode series : option.get("series")) {
            for (JsonNode value : series.get("data")) {
                highest = Math.max(highest, value.asDouble());
            }
        }
        assertThat(highest).isPositive().isLessThan(20);
        // the axis ends at a round number just above the data, not at 100 %
        assertThat(option.get("yAxis").get("max").asDouble())
                .isGreaterThanOrEqualTo(highest)
                .isLessThanOrEqualTo(20);
        // one title per chart: the section's heading; the chart draws none of its own
        for (EChart chart : List.of(view.byDay, view.byEnvironment, view.heatmap)) {
            assertThat(JSON.readTree(chart.option()).has("title"))
                    .as(chart.getId().orElseThrow())
                    .isFalse();
        }
        _assertOne(H3.class, spec -> spec.withText("Utilisation by region and day"));
        // the series legend wraps onto more lines where needed instead of paging
        assertThat(option.get("legend").get("type").asString()).isEqualTo("plain");
    }

    @Test
    void theHeatmapThinsItsHourLabelsAndHasNoLabelsInItsCorners() {
        openUiAs(Person.MARIA);
        UI.getCurrent().navigate("dashboards");
        JsonNode heatmap = JSON.readTree(_get(UtilisationView.class).heatmap.option());

        // every other hour is labelled (00, 02, ... 22), so 24 labels never touch on a half-width chart
        assertThat(heatmap.get("xAxis").get("axisLabel").get("interval").asInt())
                .isEqualTo(1);
        // the weekday axis needs no name (Mon ... Sun say it); its name sat on top of the first hour
        assertThat(heatmap.get("yAxis").has("name")).isFalse();
        // no draggable handles, whose numbers sat over the scale's own labels
        assertThat(heatmap.get("visualMap").get("calculable").asBoolean()).isFalse();
    }

    @Test
    void regionsAreNamedInTheFiltersAndOnEveryDashboard() {
        var maria = openUiAs(Person.MARIA);
        UUID env = jdbc.queryForObject("select id from shared_environment where slug = 'emea-demo-2'", UUID.class);
        Instant at = Instant.now();
        new UsageRows(dataSource)
                .booking(env, 2, maria.id(), at.minusSeconds(3600), at.plusSeconds(3600), "BOOKED", null);
        UI.getCurrent().navigate("dashboards");
        UtilisationView view = _get(UtilisationView.class);
        assertThat(view.filters.environment.getListDataView().getItems().map(o -> o.label()))
                .contains("APJ Demo 1 (Japan / APAC)")
                .noneMatch(label -> label.endsWith("(apj)"));

        UI.getCurrent().navigate("dashboards/now");
        NowView now = _get(NowView.class);
        JsonNode option = JSON.readTree(now.perRegion.option());
        assertThat(option.get("xAxis").get("data"))
                .extracting(JsonNode::asString)
                .contains("EMEA")
                .noneMatch(x -> List.of("na", "emea", "apj").contains(x));
        assertThat(GridKt._getFormattedRow(now.held, 0).getFirst()).startsWith("EMEA Demo 2");
    }

    @Test
    void everyDashboardOpensForManagersAndAdmins() {
        for (Person person : List.of(Person.MARIA, Person.ADAM)) {
            openUiAs(person);
            UI.getCurrent().navigate("dashboards/holders");
            _assertOne(HoldersView.class);
            UI.getCurrent().navigate("dashboards/sandboxes");
            SandboxesView sandboxes = _get(SandboxesView.class);
            assertThat(JSON.readTree(sandboxes.funnel.option())
                            .get("series")
                            .get(0)
                            .get("type")
                            .asString())
                    .isEqualTo("funnel");
            UI.getCurrent().navigate("dashboards/now");
            _assertOne(NowView.class);
            UI.getCurrent().navigate("audit");
            _assertOne(AuditView.class);
            MockVaadin.tearDown();
        }
    }

    @Test
    void fieldEngineersGetTheirOwnSummaryNotTheDashboards() {
        var alice = openUiAs(Person.ALICE);
        UUID env = jdbc.queryForObject("select id from shared_environment where slug = 'emea-demo-2'", UUID.class);
        Instant start = LocalDate.now(java.time.ZoneOffset.UTC)
                .minusDays(3)
                .atTime(9, 0)
                .toInstant(java.time.ZoneOffset.UTC);
        new UsageRows(dataSource).booking(env, 1, alice.id(), start, start.plusSeconds(3 * 3600), "RELEASED", null);

        for (String route : List.of(
                "dashboards", "dashboards/holders", "dashboards/sandboxes", "dashboards/now", "audit", "activity")) {
            UI.getCurrent().navigate(route);
            _assertOne(NotAvailableView.class);
        }
        UI.getCurrent().navigate("my-usage");
        MyUsageView mine = _get(MyUsageView.class);
        assertThat(_get(Span.class, spec -> spec.withId("stat-my-hours")).getText())
                .isEqualTo("3");
        assertThat(GridKt._findAll(mine.environments))
                .singleElement()
                .satisfies(r -> assertThat(r.holder()).isEqualTo("Alice Field"));
    }

    @Test
    void customersSeeNoDashboardsButCanExportTheirActivity() {
        openUiAs(Person.CAROL);
        for (String route : List.of(
                "dashboards", "dashboards/holders", "dashboards/sandboxes", "dashboards/now", "my-usage", "audit")) {
            UI.getCurrent().navigate(route);
            _assertOne(NotAvailableView.class);
            _assertNone(DashboardView.class);
        }
        UI.getCurrent().navigate("activity");
        _assertOne(OrganisationActivityView.class);
        assertThat(_get(Anchor.class, spec -> spec.withId("activity-csv")).getHref())
                .startsWith("api/v1/audit.csv?from=");
    }
}
