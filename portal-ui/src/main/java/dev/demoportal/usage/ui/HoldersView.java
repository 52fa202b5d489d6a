package dev.demoportal.usage.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.usage.HolderReport;
import dev.demoportal.usage.HolderReport.CustomerRow;
import dev.demoportal.usage.HolderReport.HolderEnvironmentRow;
import dev.demoportal.usage.HolderReport.HolderRow;
import dev.demoportal.usage.UsageFilter;
import dev.demoportal.usage.UsageService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who books what: hours per field engineer, per customer they were for, per engineer and environment. */
@Route("dashboards/holders")
@PageTitle("Dashboards · Holders")
@RolesAllowed({"MANAGER", "ADMIN"})
public class HoldersView extends DashboardView {

    /** Charts show the biggest; the tables and CSV have everyone. */
    private static final int TOP = 15;

    final EChart byHolder = new EChart("chart-holders", "360px");
    final EChart byCustomer = new EChart("chart-customers", "360px");
    final Grid<HolderRow> holderTable = table("table-holders");
    final Grid<CustomerRow> customerTable = table("table-customers");
    final Grid<HolderEnvironmentRow> environmentTable = table("table-holder-environments");
    private final Paragraph note = new Paragraph();

    HoldersView(UsageService usage, Clock clock) {
        super(
                usage,
                clock,
                EnumSet.of(UsageFilters.Field.REGION, UsageFilters.Field.ENVIRONMENT, UsageFilters.Field.HOLDER));
        holderTable.addColumn(HolderRow::holder).setHeader("Field engineer").setFlexGrow(2);
        holderTable.addColumn(HolderRow::bookings).setHeader("Bookings");
        holderTable.addColumn(h -> number(h.hours())).setHeader("Hours");
        holderTable.addColumn(HolderRow::noShows).setHeader("No-shows");
        customerTable.addColumn(CustomerRow::customer).setHeader("Customer").setFlexGrow(2);
        customerTable.addColumn(CustomerRow::bookings).setHeader("Bookings");
        customerTable.addColumn(c -> number(c.hours())).setHeader("Hours");
        customerTable.addColumn(CustomerRow::holders).setHeader("Engineers");
        environmentTable
                .addColumn(HolderEnvironmentRow::holder)
                .setHeader("Field engineer")
                .setFlexGrow(2);
        environmentTable
                .addColumn(HolderEnvironmentRow::environmentName)
                .setHeader("Environment")
                .setFlexGrow(2);
        environmentTable.addColumn(r -> region(r.region())).setHeader("Region");
        environmentTable.addColumn(HolderEnvironmentRow::bookings).setHeader("Bookings");
        environmentTable.addColumn(r -> number(r.hours())).setHeader("Hours");
        environmentTable.setHeight("420px");
        note.addClassName("dp-muted");
        Div raw = new Div(new Paragraph("Every booking in the range, one row each (streamed):"), download("bookings"));
        content.add(
                note,
                section("Hours per field engineer (chart: top " + TOP + ")", byHolder, holderTable, "holders"),
                section("Hours per customer (chart: top " + TOP + ")", byCustomer, customerTable, "customers"),
                tableCard("Field engineers and environments", environmentTable, "holder-environments"),
                raw);
    }

    @Override
    void show(UsageFilter filter) {
        HolderReport report = usage.holders(filter);
        note.setText(zoneNote() + " Hours are the part of each booking inside the range.");
        List<HolderRow> topHolders = report.holders().stream().limit(TOP).toList();
        Map<String, List<Double>> holderSeries = new LinkedHashMap<>();
        holderSeries.put("Hours held", topHolders.stream().map(HolderRow::hours).toList());
        byHolder.draw(
                Charts.horizontalBars(
                        "Hours held (h)",
                        topHolders.stream().map(HolderRow::holder).toList(),
                        holderSeries),
                "Hours held by " + topHolders.size() + " field engineers");
        holderTable.setItems(report.holders());

        List<CustomerRow> topCustomers = report.customers().stream().limit(TOP).toList();
        Map<String, List<Double>> customerSeries = new LinkedHashMap<>();
        customerSeries.put(
                "Hours held for them",
                topCustomers.stream().map(CustomerRow::hours).toList());
        byCustomer.draw(
                Charts.horizontalBars(
                        "Hours held (h)",
                        topCustomers.stream().map(CustomerRow::customer).toList(),
                        customerSeries),
                "Hours held for " + topCustomers.size() + " customers");
        customerTable.setItems(report.customers());
        environmentTable.setItems(report.byEnvironment());
    }
}
