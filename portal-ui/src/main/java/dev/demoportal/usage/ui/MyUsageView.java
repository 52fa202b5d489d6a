package dev.demoportal.usage.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.usage.HolderReport.CustomerRow;
import dev.demoportal.usage.HolderReport.HolderEnvironmentRow;
import dev.demoportal.usage.PersonalUsage;
import dev.demoportal.usage.UsageService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A field engineer's own usage: hours held per environment and per customer, no-shows. Nobody else's. */
@Route("my-usage")
@PageTitle("My usage")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class MyUsageView extends VerticalLayout {

    private final UsageService usage;
    final DatePicker from = Pickers.date("From");
    final DatePicker to = Pickers.date("To");
    final EChart chart = new EChart("chart-my-usage", "300px");
    final Grid<HolderEnvironmentRow> environments = DashboardView.table("table-my-environments");
    final Grid<CustomerRow> customers = DashboardView.table("table-my-customers");
    final Div totals = new Div();

    private final Map<String, String> regionNames = new HashMap<>();

    MyUsageView(UsageService usage, EnvironmentService environmentService, Clock clock) {
        this.usage = usage;
        environmentService.regions().forEach(r -> regionNames.put(r.code(), r.name()));
        setWidthFull();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ViewerTime.zone());
        from.setValue(today.minusDays(29));
        to.setValue(today);
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        Div bar = new Div(from, to);
        bar.addClassName("dp-toolbar");
        environments
                .addColumn(HolderEnvironmentRow::environmentName)
                .setHeader("Environment")
                .setFlexGrow(2);
        environments
                .addColumn(r -> regionNames.getOrDefault(r.region(), r.region()))
                .setHeader("Region");
        environments.addColumn(HolderEnvironmentRow::bookings).setHeader("Bookings");
        environments.addColumn(r -> DashboardView.number(r.hours())).setHeader("Hours");
        customers.addColumn(CustomerRow::customer).setHeader("Customer").setFlexGrow(2);
        customers.addColumn(CustomerRow::bookings).setHeader("Bookings");
        customers.addColumn(c -> DashboardView.number(c.hours())).setHeader("Hours");
        Paragraph note = new Paragraph("Your own bookings only. Days are each region's local days; hours are the "
                + "part of each booking inside the range.");
        note.addClassName("dp-muted");
        H3 heading = new H3("My hours per environment");
        heading.getStyle().set("margin", "0");
        add(bar, note, totals, heading, chart, environments, customers);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        refresh();
    }

    void refresh() {
        if (from.getValue() == null || to.getValue() == null) {
            return;
        }
        PersonalUsage mine;
        try {
            mine = usage.mine(from.getValue(), to.getValue());
        } catch (ValidationFailed e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE);
            return;
        }
        totals.removeAll();
        totals.add(DashboardView.stats(
                DashboardView.stat("stat-my-hours", DashboardView.number(mine.hours()), "hours held"),
                DashboardView.stat("stat-my-bookings", String.valueOf(mine.bookings()), "bookings"),
                DashboardView.stat("stat-my-no-shows", String.valueOf(mine.noShows()), "no-shows")));
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put(
                "Hours held",
                mine.byEnvironment().stream().map(HolderEnvironmentRow::hours).toList());
        chart.draw(
                Charts.horizontalBars(
                        "Hours held (h)",
                        mine.byEnvironment().stream()
                                .map(HolderEnvironmentRow::environmentName)
                                .toList(),
                        series),
                "My hours per environment");
        environments.setItems(mine.byEnvironment());
        customers.setItems(mine.byCustomer());
    }
}
