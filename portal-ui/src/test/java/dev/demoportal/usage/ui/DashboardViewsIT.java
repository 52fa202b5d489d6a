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
        assertThat(option.get("title").get("text").asString()).isEqualTo("Utilisation by region and day");
        assertThat(option.get("yAxis").get("name").asString()).isEqualTo("Utilisation (%)");
        assertThat(option.get("xAxis").get("name").asString()).contains("Day");
        assertThat(option.get("legend").get("data")).extracting(JsonNode::asString).contains("apj");
        JsonNode bars = JSON.readTree(view.byEnvironment.option());
        assertThat(bars.get("xAxis").get("name").asString()).isEqualTo("Slot-hours (h)");
        assertThat(JSON.readTree(view.heatmap.option()).get("xAxis").get("name").asString())
                .isEqualTo("Hour of day (region's local time)");

        var apj = GridKt._findAll(view.environmentTable).stream()
                .filter(e -> e.environment().equals("apj-demo-1")).findFirst().orElseThrow();
        assertThat(apj.bookedHours()).isEqualTo(4.0);
        assertThat(GridKt._getFormattedRow(view.environmentTable, GridKt._findAll(view.environmentTable).indexOf(apj)))
                .contains("4");
        assertThat(_get(Span.class, spec -> spec.withId("stat-no-show")).getText()).isEqualTo("0 %");

        // a filter narrows the charts and tables, and the CSV links follow it
        _setValue(view.filters.region, view.filters.region.getListDataView().getItems()
                .filter(o -> o.value().equals("apj")).findFirst().orElseThrow());
        view.refresh();
        assertThat(GridKt._findAll(view.environmentTable)).allSatisfy(e -> assertThat(e.region()).isEqualTo("apj"));
        assertThat(view.getElement().getOuterHTML()).contains("api/v1/usage/environment-days.csv?from=");
        assertThat(view.getElement().getOuterHTML()).contains("region=apj");
    }

    @Test
    void everyDashboardOpensForManagersAndAdmins() {
        for (Person person : List.of(Person.MARIA, Person.ADAM)) {
            openUiAs(person);
            UI.getCurrent().navigate("dashboards/holders");
            _assertOne(HoldersView.class);
            UI.getCurrent().navigate("dashboards/sandboxes");
            SandboxesView sandboxes = _get(SandboxesView.class);
            assertThat(JSON.readTree(sandboxes.funnel.option()).get("series").get(0).get("type").asString())
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
        Instant start = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3).atTime(9, 0)
                .toInstant(java.time.ZoneOffset.UTC);
        new UsageRows(dataSource).booking(env, 1, alice.id(), start, start.plusSeconds(3 * 3600), "RELEASED", null);

        for (String route : List.of("dashboards", "dashboards/holders", "dashboards/sandboxes", "dashboards/now",
                "audit", "activity")) {
            UI.getCurrent().navigate(route);
            _assertOne(NotAvailableView.class);
        }
        UI.getCurrent().navigate("my-usage");
        MyUsageView mine = _get(MyUsageView.class);
        assertThat(_get(Span.class, spec -> spec.withId("stat-my-hours")).getText()).isEqualTo("3");
        assertThat(GridKt._findAll(mine.environments)).singleElement()
                .satisfies(r -> assertThat(r.holder()).isEqualTo("Alice Field"));
    }

    @Test
    void customersSeeNoDashboardsButCanExportTheirActivity() {
        openUiAs(Person.CAROL);
        for (String route : List.of("dashboards", "dashboards/holders", "dashboards/sandboxes", "dashboards/now",
                "my-usage", "audit")) {
            UI.getCurrent().navigate(route);
            _assertOne(NotAvailableView.class);
            _assertNone(DashboardView.class);
        }
        UI.getCurrent().navigate("activity");
        _assertOne(OrganisationActivityView.class);
        assertThat(_get(Anchor.class, spec -> spec.withId("activity-csv")).getHref()).startsWith("api/v1/audit.csv?from=");
    }
}
