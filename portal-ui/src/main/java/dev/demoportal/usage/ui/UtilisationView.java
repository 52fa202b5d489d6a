package dev.demoportal.usage.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.usage.UsageFilter;
import dev.demoportal.usage.UsageService;
import dev.demoportal.usage.Utilisation;
import dev.demoportal.usage.Utilisation.EnvironmentTotal;
import dev.demoportal.usage.Utilisation.HeatCell;
import dev.demoportal.usage.Utilisation.RegionDay;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** How busy the shared environments are: utilisation by region and day, per environment, by weekday and hour. */
@Route("dashboards")
@PageTitle("Dashboards · Utilisation")
@RolesAllowed({"MANAGER", "ADMIN"})
public class UtilisationView extends DashboardView {

    final EChart byDay = new EChart("chart-utilisation-days", "340px");
    final EChart byEnvironment = new EChart("chart-utilisation-environments", "340px");
    final EChart heatmap = new EChart("chart-utilisation-heatmap", "360px");
    final Grid<RegionDay> regionTable = table("table-region-days");
    final Grid<EnvironmentTotal> environmentTable = table("table-environments");
    final Grid<HeatCell> busiest = table("table-busiest");
    final Div outcomes = new Div();
    private final Paragraph note = new Paragraph();

    UtilisationView(UsageService usage, Clock clock) {
        super(usage, clock, EnumSet.of(UsageFilters.Field.REGION, UsageFilters.Field.ENVIRONMENT));
        regionTable.addColumn(r -> r.day().toString()).setHeader("Day");
        regionTable.addColumn(r -> region(r.region())).setHeader("Region").setFlexGrow(2);
        regionTable.addColumn(r -> number(r.bookedHours())).setHeader("Booked h");
        regionTable.addColumn(r -> number(r.availableHours())).setHeader("Available h");
        regionTable.addColumn(r -> percent(r.utilisation())).setHeader("Utilisation");
        environmentTable
                .addColumn(EnvironmentTotal::environmentName)
                .setHeader("Environment")
                .setFlexGrow(3);
        environmentTable.addColumn(e -> region(e.region())).setHeader("Region").setFlexGrow(2);
        environmentTable.addColumn(e -> number(e.bookedHours())).setHeader("Booked h");
        environmentTable.addColumn(e -> number(e.availableHours())).setHeader("Available h");
        environmentTable.addColumn(e -> percent(e.utilisation())).setHeader("Utilisation");
        busiest.addColumn(c -> WEEKDAYS.get(c.weekday() - 1)).setHeader("Weekday");
        busiest.addColumn(c -> String.format("%02d:00", c.hour())).setHeader("Hour");
        busiest.addColumn(c -> number(c.bookedHours())).setHeader("Booked h");
        busiest.addColumn(c -> percent(c.utilisation())).setHeader("Utilisation");
        note.addClassName("dp-muted");
        content.add(
                note,
                outcomes,
                section("Utilisation by region and day", byDay, regionTable, "environment-days"),
                section(
                        "Booked and available slot-hours per environment",
                        byEnvironment,
                        environmentTable,
                        "environment-days"),
                section("When environments are contended (weekday × hour)", heatmap, busiest, "heatmap"));
    }

    private static final List<String> WEEKDAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

    @Override
    void show(UsageFilter filter) {
        Utilisation u = usage.utilisation(filter);
        note.setText(zoneNote() + " Booked time is the time a slot was held (cancellations excluded); available "
                + "time is slots × the day's length less maintenance windows.");

        TreeSet<LocalDate> days = new TreeSet<>();
        u.regions().forEach(r -> days.add(r.day()));
        List<String> x = days.stream().map(LocalDate::toString).toList();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (RegionDay r : u.regions()) {
            series.computeIfAbsent(
                            region(r.region()), k -> new ArrayList<>(java.util.Collections.nCopies(x.size(), 0.0)))
                    .set(x.indexOf(r.day().toString()), Math.round(r.utilisation() * 1000) / 10.0);
        }
        byDay.setHeight(340 + Charts.legendExtraHeight(series.keySet()) + "px");
        byDay.draw(
                Charts.series("Day (region's local date)", x, "Utilisation (%)", series, "line", Charts.Scale.PERCENT),
                "Utilisation per region per day, " + x.size() + " days");
        regionTable.setItems(u.regions());

        List<String> names =
                u.environments().stream().map(EnvironmentTotal::environmentName).toList();
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        bars.put(
                "Booked slot-hours",
                u.environments().stream().map(EnvironmentTotal::bookedHours).toList());
        bars.put(
                "Available slot-hours",
                u.environments().stream().map(EnvironmentTotal::availableHours).toList());
        // one readable bar pair per environment, however many there are
        byEnvironment.setHeight(Math.max(340, 26 * names.size() + 120) + "px");
        byEnvironment.draw(
                Charts.horizontalBars("Slot-hours (h)", names, bars),
                "Booked and available slot-hours of " + names.size() + " environments");
        environmentTable.setItems(u.environments());

        List<List<Number>> cells = new ArrayList<>();
        double max = 0;
        for (HeatCell c : u.heatmap()) {
            double pct = Math.round(c.utilisation() * 1000) / 10.0;
            cells.add(List.of(c.hour(), c.weekday() - 1, pct));
            max = Math.max(max, pct);
        }
        heatmap.draw(
                Charts.heatmap(cells, max, "Utilisation (%)"),
                "Heatmap of utilisation by weekday and hour, in each environment's local time");
        busiest.setItems(u.heatmap().stream()
                .filter(c -> c.bookedHours() > 0)
                .sorted(Comparator.comparingDouble(HeatCell::utilisation).reversed())
                .limit(24)
                .toList());

        Utilisation.Waitlist w = u.waitlist();
        outcomes.removeAll();
        outcomes.add(stats(
                stat("stat-utilisation", percent(total(u)), "utilisation over the range"),
                stat(
                        "stat-no-show",
                        percent(u.outcomes().noShowRate()),
                        "no-shows (" + u.outcomes().noShows() + " of "
                                + u.outcomes().bookingsStarted() + " bookings)"),
                stat("stat-waiting", String.valueOf(w.waitingNow()), "waiting now"),
                stat(
                        "stat-waitlist",
                        String.valueOf(w.joined()),
                        "joined a waitlist (" + w.granted() + " granted, " + w.lapsedOrLeft() + " lapsed or left)"),
                stat(
                        "stat-wait",
                        minutes(w.p50WaitMinutes()) + " / " + minutes(w.p95WaitMinutes()),
                        "wait until granted, p50 / p95")));
    }

    private static double total(Utilisation u) {
        double available = u.environments().stream()
                .mapToDouble(EnvironmentTotal::availableHours)
                .sum();
        double booked = u.environments().stream()
                .mapToDouble(EnvironmentTotal::bookedHours)
                .sum();
        return available == 0 ? 0 : booked / available;
    }
}
