package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.RegionSummary;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.sandbox.SandboxFilter;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import dev.demoportal.sandbox.TemplateSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Every sandbox, paged from the database, filtered by organisation, state, region, template and
 * expiry; times in the viewer's time zone.
 */
@Route("sandboxes/all")
@PageTitle("Sandboxes")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class AllSandboxesView extends VerticalLayout {

    /** "Expiring soon" means within this time. */
    static final Duration SOON = Duration.ofHours(24);

    final ComboBox<OrganisationRef> organisation = new ComboBox<>("Organisation");
    final Select<SandboxStatus> status = new Select<>();
    final Select<String> region = new Select<>();
    final ComboBox<TemplateSummary> template = new ComboBox<>("Template");
    final Checkbox expiringSoon = new Checkbox("Expiring within 24 h");
    final Grid<SandboxSummary> grid = new Grid<>();
    final Span zoneNote = new Span();
    private final CallbackDataProvider<SandboxSummary, Void> data;
    private ZoneId zone = ViewerTime.zone();

    AllSandboxesView(
            SandboxService sandboxes,
            SandboxRequestService requestService,
            OrganisationService organisations,
            EnvironmentService environments,
            SandboxListener listener,
            Clock clock) {
        setSizeFull();
        organisation.setItems(organisations.all());
        organisation.setItemLabelGenerator(OrganisationRef::name);
        organisation.setClearButtonVisible(true);
        status.setLabel("State");
        status.setItems(SandboxStatus.values());
        status.setItemLabelGenerator(s -> s == null ? "Any" : s.label());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any");
        region.setLabel("Region");
        region.setItems(environments.regions().stream().map(RegionSummary::code).toList());
        region.setEmptySelectionAllowed(true);
        region.setEmptySelectionCaption("Any");
        template.setItems(requestService.templates());
        template.setItemLabelGenerator(TemplateSummary::name);
        template.setClearButtonVisible(true);
        Div filters = new Div(organisation, status, region, template, expiringSoon);
        filters.addClassName("dp-toolbar");

        data = DataProvider.fromCallbacks(q -> sandboxes.sandboxes(filter(), q.getOffset(), q.getLimit()).stream(), q ->
                (int) sandboxes.count(filter()));
        grid.setId("all-sandboxes");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_NO_BORDER);
        grid.addComponentColumn(s ->
                        new RouterLink(s.name(), SandboxPageView.class, new RouteParameters("id", s.id().toString())))
                .setHeader("Sandbox")
                .setFlexGrow(2);
        grid.addColumn(s -> s.organisation().name()).setHeader("Organisation");
        grid.addColumn(SandboxSummary::templateName).setHeader("Template");
        grid.addColumn(SandboxSummary::region).setHeader("Region");
        grid.addComponentColumn(s -> SandboxText.status(s.status())).setHeader("State");
        grid.addColumn(s ->
                        s.status() == SandboxStatus.READY ? SandboxText.countdown(s.expiresAt(), clock.instant()) : "")
                .setHeader("Expires");
        grid.addColumn(s -> SandboxText.when(s.requestedAt(), zone, clock.instant()))
                .setHeader("Requested");
        grid.setEmptyStateText("No sandboxes match.");
        grid.setItems(data);
        organisation.addValueChangeListener(e -> data.refreshAll());
        status.addValueChangeListener(e -> data.refreshAll());
        region.addValueChangeListener(e -> data.refreshAll());
        template.addValueChangeListener(e -> data.refreshAll());
        expiringSoon.addValueChangeListener(e -> data.refreshAll());
        zoneNote.setId("zone-note");
        zoneNote.addClassName("dp-muted");
        zoneNote.setText(ViewerTime.note(zone));
        add(filters, zoneNote, grid);
        listener.follow(this, id -> true, data::refreshAll);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            zoneNote.setText(ViewerTime.note(zone));
            data.refreshAll();
        }));
    }

    SandboxFilter filter() {
        return new SandboxFilter(
                organisation.getValue() == null ? null : organisation.getValue().slug(),
                status.getValue(),
                region.getValue(),
                template.getValue() == null ? null : template.getValue().slug(),
                expiringSoon.getValue() ? SOON : null);
    }
}
