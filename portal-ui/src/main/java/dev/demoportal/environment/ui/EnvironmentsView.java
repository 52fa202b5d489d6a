package dev.demoportal.environment.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.RegionSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared demo environments, one section per region, each read page by page from the database.
 * Admins create and edit environments here.
 */
@Route("environments")
@PageTitle("Environments")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class EnvironmentsView extends VerticalLayout {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE HH:mm");

    private final EnvironmentService service;
    private final Clock clock;
    private final boolean admin;
    private final TextField search = new TextField();
    private final Checkbox showRetired = new Checkbox("Show retired");
    private final Div sections = new Div();
    private final List<Grid<EnvironmentSummary>> grids = new ArrayList<>();

    EnvironmentsView(EnvironmentService service, AuthenticationContext authentication, Clock clock) {
        this.service = service;
        this.clock = clock;
        this.admin = authentication.hasRole("ADMIN");
        setSizeFull();

        search.setPlaceholder("Search name, slug or description");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidth("22em");
        search.addValueChangeListener(e -> refresh());
        showRetired.addValueChangeListener(e -> refresh());

        HorizontalLayout toolbar = new HorizontalLayout(search, showRetired);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWidthFull();
        if (admin) {
            Button create = new Button("New environment", VaadinIcon.PLUS.create(), e -> openEditor(null));
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.getStyle().set("margin-left", "auto");
            toolbar.add(create);
        }
        sections.setWidthFull();
        add(toolbar, sections);
        build();
        // the booking rules dialog takes and shows maintenance times in the viewer's zone
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), zone -> {}));
    }

    private void build() {
        sections.removeAll();
        grids.clear();
        for (RegionSummary region : service.regions()) {
            sections.add(header(region), grid(region));
        }
    }

    private Component header(RegionSummary region) {
        String now =
                ZonedDateTime.now(clock.withZone(ZoneId.of(region.timeZone()))).format(LOCAL_TIME);
        Span meta = new Span(region.awsRegion() + " · local time " + now);
        meta.addClassName("dp-muted");
        Div header = new Div(new H3(region.name()), meta);
        header.addClassName("dp-region-header");
        return header;
    }

    private Grid<EnvironmentSummary> grid(RegionSummary region) {
        Grid<EnvironmentSummary> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setId("environments-" + region.code());
        grid.addColumn(new ComponentRenderer<>(EnvironmentsView::nameCell))
                .setHeader("Environment")
                .setFlexGrow(2);
        grid.addColumn(new ComponentRenderer<>(EnvironmentsView::slotsCell))
                .setHeader("Slots")
                .setFlexGrow(0)
                .setWidth("11em");
        grid.addColumn(new ComponentRenderer<>(EnvironmentsView::statusCell))
                .setHeader("Status")
                .setFlexGrow(0)
                .setWidth("10em");
        grid.addColumn(EnvironmentSummary::description).setHeader("Description").setFlexGrow(3);
        grid.addColumn(new ComponentRenderer<>(EnvironmentsView::linksCell))
                .setHeader("Links")
                .setFlexGrow(1);
        if (admin) {
            grid.addComponentColumn(env -> {
                        Button edit = new Button(VaadinIcon.EDIT.create(), e -> openEditor(env));
                        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                        edit.setAriaLabel("Edit " + env.name());
                        Button rules = new Button(
                                VaadinIcon.CALENDAR_CLOCK.create(),
                                e -> new BookingRulesDialog(service, clock, env, saved -> refresh()).open());
                        rules.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                        rules.setAriaLabel("Booking rules and maintenance of " + env.name());
                        rules.setTooltipText("Booking rules and maintenance");
                        return new Span(edit, rules);
                    })
                    .setKey("actions")
                    .setFlexGrow(0)
                    .setWidth("7em");
        }
        grid.setItems(
                query -> service.environments(filter(region), query.getOffset(), query.getLimit()).stream(),
                query -> (int) service.countEnvironments(filter(region)));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No environments in " + region.name() + (search.isEmpty() ? "" : " match"));
        grids.add(grid);
        return grid;
    }

    private EnvironmentFilter filter(RegionSummary region) {
        return new EnvironmentFilter(region.code(), search.getValue(), showRetired.getValue());
    }

    private void refresh() {
        grids.forEach(g -> g.getDataProvider().refreshAll());
    }

    private void openEditor(EnvironmentSummary existing) {
        new EnvironmentEditor(service, service.regions(), existing, saved -> {
                    refresh();
                    Notification.show(
                                    (existing == null ? "Created " : "Saved ") + saved.name(),
                                    3000,
                                    Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                })
                .open();
    }

    private static Component nameCell(EnvironmentSummary env) {
        Span slug = new Span(env.slug());
        slug.addClassName("dp-muted");
        // by address, not by class: the booking screens build on this feature, not the other way round
        Anchor name = new Anchor("environments/" + env.slug(), env.name());
        name.getElement().setAttribute("router-link", true);
        Div cell = new Div(new Div(name), slug);
        return cell;
    }

    private static Component slotsCell(EnvironmentSummary env) {
        Span boxes = new Span();
        boxes.addClassName("dp-slots");
        for (int i = 0; i < Math.min(env.tenantSlots(), 16); i++) {
            Span slot = new Span();
            slot.addClassName("dp-slot");
            boxes.add(slot);
        }
        Span count = new Span(" " + env.tenantSlots() + (env.tenantSlots() == 1 ? " slot" : " slots"));
        return new Span(boxes, count);
    }

    private static Component statusCell(EnvironmentSummary env) {
        Span status = new Span(env.status().label());
        status.addClassNames("dp-status", "dp-status-" + env.status().name().toLowerCase());
        return status;
    }

    private static Component linksCell(EnvironmentSummary env) {
        Div links = new Div();
        env.links().forEach(l -> {
            Anchor a = new Anchor(l.url(), l.label());
            a.setTarget("_blank");
            a.getStyle().set("margin-right", "var(--lumo-space-s)");
            links.add(a);
        });
        return links;
    }
}
