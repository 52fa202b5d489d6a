package dev.demoportal.usage.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.usage.SandboxReport;
import dev.demoportal.usage.SandboxReport.ActiveDay;
import dev.demoportal.usage.SandboxReport.StepFailures;
import dev.demoportal.usage.SandboxReport.Timing;
import dev.demoportal.usage.UsageFilter;
import dev.demoportal.usage.UsageService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sandboxes: the funnel, how many are active, how long requests take, where provisioning fails. */
@Route("dashboards/sandboxes")
@PageTitle("Dashboards · Sandboxes")
@RolesAllowed({"MANAGER", "ADMIN"})
public class SandboxesView extends DashboardView {

    record Stage(String stage, long sandboxes) {}

    record TimingRow(String measure, Timing timing) {}

    final EChart funnel = new EChart("chart-funnel", "340px");
    final EChart active = new EChart("chart-active", "340px");
    final EChart timings = new EChart("chart-timings", "300px");
    final EChart failures = new EChart("chart-failures", "340px");
    final Grid<Stage> funnelTable = table("table-funnel");
    final Grid<ActiveDay> activeTable = table("table-active");
    final Grid<TimingRow> timingTable = table("table-timings");
    final Grid<StepFailures> failureTable = table("table-failures");
    final Div rates = new Div();
    private final Paragraph note = new Paragraph();

    SandboxesView(UsageService usage, Clock clock) {
        super(
                usage,
                clock,
                EnumSet.of(UsageFilters.Field.REGION, UsageFilters.Field.ORGANISATION, UsageFilters.Field.TEMPLATE));
        funnelTable.addColumn(Stage::stage).setHeader("Stage").setFlexGrow(2);
        funnelTable.addColumn(Stage::sandboxes).setHeader("Sandboxes");
        activeTable.addColumn(a -> a.day().toString()).setHeader("Day");
        activeTable.addColumn(a -> region(a.region())).setHeader("Region");
        activeTable.addColumn(a -> template(a.template())).setHeader("Template");
        activeTable.addColumn(ActiveDay::active).setHeader("Active");
        timingTable.addColumn(TimingRow::measure).setHeader("Measure").setFlexGrow(2);
        timingTable.addColumn(t -> t.timing().count()).setHeader("Sandboxes");
        timingTable.addColumn(t -> minutes(t.timing().p50Minutes())).setHeader("p50");
        timingTable.addColumn(t -> minutes(t.timing().p95Minutes())).setHeader("p95");
        timingTable.setHeight("200px");
        failureTable.addColumn(StepFailures::layer).setHeader("Layer");
        failureTable.addColumn(StepFailures::step).setHeader("Step").setFlexGrow(2);
        failureTable.addColumn(StepFailures::runs).setHeader("Runs");
        failureTable.addColumn(StepFailures::failed).setHeader("Failed");
        failureTable.addColumn(f -> percent(f.rate())).setHeader("Failure rate");
        note.addClassName("dp-muted");
        content.add(
                note,
                rates,
                section("Requested → approved → ready → extended → torn down", funnel, funnelTable, "sandbox-funnel"),
                section("Active sandboxes per day, by region and template", active, activeTable, "sandbox-activity"),
                section("Lead time, approval and provisioning (p50 / p95)", timings, timingTable, "sandbox-timings"),
                section("Provisioning failures by layer and step", failures, failureTable, "step-failures"));
    }

    @Override
    void show(UsageFilter filter) {
        SandboxReport s = usage.sandboxes(filter);
        note.setText(zoneNote() + " The funnel and timings are of sandboxes requested in the range; failures are "
                + "of jobs created in it.");
        SandboxReport.Funnel f = s.funnel();
        Map<String, Long> stages = new LinkedHashMap<>();
        stages.put("Requested", f.requested());
        stages.put("Approved", f.approved());
        stages.put("Ready", f.ready());
        stages.put("Extended", f.extended());
        stages.put("Torn down", f.tornDown());
        funnel.draw(Charts.funnel(stages), "Sandbox funnel: " + stages);
        List<Stage> rows = new ArrayList<>();
        stages.forEach((k, v) -> rows.add(new Stage(k, v)));
        rows.add(new Stage("of which approved by policy", f.autoApproved()));
        rows.add(new Stage("Rejected", f.rejected()));
        rows.add(new Stage("Failed", f.failed()));
        funnelTable.setItems(rows);

        List<String> x = new ArrayList<>();
        for (LocalDate d = filter.from(); !d.isAfter(filter.to()); d = d.plusDays(1)) {
            x.add(d.toString());
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (ActiveDay a : s.active()) {
            series.computeIfAbsent(
                            region(a.region()) + " · " + template(a.template()),
                            k -> new ArrayList<>(Collections.nCopies(x.size(), 0.0)))
                    .set(x.indexOf(a.day().toString()), (double) a.active());
        }
        active.setHeight(340 + Charts.legendExtraHeight(series.keySet()) + "px");
        active.draw(
                Charts.series(
                        "Day (region's local date)", x, "Active sandboxes (count)", series, "line", Charts.Scale.COUNT),
                "Active sandboxes per day, per region and template");
        activeTable.setItems(s.active());

        List<TimingRow> timingRows = List.of(
                new TimingRow("Lead time: request → ready", s.leadTime()),
                new TimingRow("Approval: request → decision by a person", s.approval()),
                new TimingRow("Provisioning: decision → ready", s.provisioning()));
        Map<String, List<Double>> timingSeries = new LinkedHashMap<>();
        timingSeries.put(
                "p50",
                timingRows.stream().map(t -> orZero(t.timing().p50Minutes())).toList());
        timingSeries.put(
                "p95",
                timingRows.stream().map(t -> orZero(t.timing().p95Minutes())).toList());
        timings.draw(
                Charts.horizontalBars("Minutes (min)", List.of("Lead time", "Approval", "Provisioning"), timingSeries),
                "Sandbox timings p50 and p95");
        timingTable.setItems(timingRows);

        Map<String, List<Double>> failureSeries = new LinkedHashMap<>();
        failureSeries.put(
                "Failure rate (%)",
                s.failures().stream()
                        .map(x2 -> Math.round(x2.rate() * 1000) / 10.0)
                        .toList());
        failures.draw(
                Charts.horizontalBars(
                        "Failed runs (%)",
                        s.failures().stream()
                                .map(x2 -> x2.layer() + " / " + x2.step())
                                .toList(),
                        failureSeries),
                "Failure rate of " + s.failures().size() + " steps");
        failureTable.setItems(s.failures());

        rates.removeAll();
        rates.add(stats(
                stat("stat-requested", String.valueOf(f.requested()), "sandboxes requested"),
                stat("stat-ready", String.valueOf(f.ready()), "became ready"),
                stat("stat-extension-rate", percent(s.extensionRate()), "of ready sandboxes were extended"),
                stat("stat-lead-time", minutes(s.leadTime().p50Minutes()), "median request → ready")));
    }

    private static double orZero(@org.jspecify.annotations.Nullable Double value) {
        return value == null ? 0 : value;
    }
}
