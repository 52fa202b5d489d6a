package dev.demoportal.usage.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.usage.NowSnapshot;
import dev.demoportal.usage.NowSnapshot.Expiring;
import dev.demoportal.usage.NowSnapshot.FailedJob;
import dev.demoportal.usage.NowSnapshot.Held;
import dev.demoportal.usage.UsageFilter;
import dev.demoportal.usage.UsageService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The present: who holds which slot, which sandboxes expire within a day, which jobs failed this week. */
@Route("dashboards/now")
@PageTitle("Dashboards · Now")
@RolesAllowed({"MANAGER", "ADMIN"})
public class NowView extends DashboardView {

    final EChart perRegion = new EChart("chart-now", "300px");
    final Grid<Held> held = table("table-held");
    final Grid<Expiring> expiring = table("table-expiring");
    final Grid<FailedJob> failed = table("table-failed-jobs");
    private final Paragraph note = new Paragraph();
    private Instant now = Instant.EPOCH;

    NowView(UsageService usage, Clock clock) {
        super(
                usage,
                clock,
                EnumSet.of(
                        UsageFilters.Field.REGION,
                        UsageFilters.Field.ENVIRONMENT,
                        UsageFilters.Field.ORGANISATION,
                        UsageFilters.Field.TEMPLATE));
        filters.from.setVisible(false);
        filters.to.setVisible(false);
        held.addColumn(h -> h.environmentName() + " · slot " + h.slot())
                .setHeader("Environment")
                .setFlexGrow(2);
        held.addColumn(Held::holder).setHeader("Held by");
        held.addColumn(h -> ViewerTime.range(h.since(), h.until(), zone, now))
                .setHeader("When")
                .setFlexGrow(2);
        held.addColumn(h -> h.purpose() + (h.customer() == null ? "" : " · " + h.customer()))
                .setHeader("Purpose")
                .setFlexGrow(2);
        held.addColumn(h -> h.checkedIn() ? "yes" : "not yet").setHeader("Checked in");
        expiring.addColumn(Expiring::sandbox).setHeader("Sandbox");
        expiring.addColumn(Expiring::organisation).setHeader("Organisation");
        expiring.addColumn(Expiring::template).setHeader("Template");
        expiring.addColumn(e -> ViewerTime.format(e.expiresAt(), zone, now)).setHeader("Expires");
        expiring.addColumn(Expiring::extensions).setHeader("Extensions");
        failed.addColumn(FailedJob::sandbox).setHeader("Sandbox");
        failed.addColumn(FailedJob::kind).setHeader("Job");
        failed.addColumn(j -> region(j.region())).setHeader("Region");
        failed.addColumn(j -> ViewerTime.format(j.failedAt(), zone, now)).setHeader("Failed");
        failed.addColumn(j -> j.error() == null ? "" : j.error())
                .setHeader("Error")
                .setFlexGrow(3);
        note.addClassName("dp-muted");
        content.add(
                note,
                section("Right now, per region", perRegion, held, "held-now"),
                tableCard("Sandboxes expiring in the next 24 hours", expiring, "expiring"),
                tableCard("Provisioning jobs failed in the last 7 days", failed, "failed-jobs"));
    }

    @Override
    void show(UsageFilter filter) {
        NowSnapshot snapshot = usage.now(filter);
        now = snapshot.at();
        note.setText("As of " + ViewerTime.format(now, zone, now) + "; times in your time zone ("
                + ViewerTime.place(zone) + ").");
        TreeSet<String> regions = new TreeSet<>();
        snapshot.held().forEach(h -> regions.add(h.region()));
        snapshot.expiring().forEach(e -> regions.add(e.region()));
        snapshot.failedJobs().forEach(j -> regions.add(j.region()));
        List<String> codes = new ArrayList<>(regions);
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put(
                "Slots held now",
                count(codes, snapshot.held().stream().map(Held::region).toList()));
        series.put(
                "Sandboxes expiring within 24 h",
                count(codes, snapshot.expiring().stream().map(Expiring::region).toList()));
        series.put(
                "Jobs failed in 7 days",
                count(
                        codes,
                        snapshot.failedJobs().stream().map(FailedJob::region).toList()));
        perRegion.draw(
                Charts.series(
                        "Region",
                        codes.stream().map(this::region).toList(),
                        "Count",
                        series,
                        "bar",
                        Charts.Scale.COUNT),
                "Slots held (" + snapshot.held().size() + "), sandboxes expiring ("
                        + snapshot.expiring().size() + ") and failed jobs ("
                        + snapshot.failedJobs().size() + ") per region");
        held.setItems(snapshot.held());
        expiring.setItems(snapshot.expiring());
        failed.setItems(snapshot.failedJobs());
    }

    private static List<Double> count(List<String> regions, List<String> values) {
        return regions.stream()
                .map(r -> (double) values.stream().filter(r::equals).count())
                .toList();
    }
}
