package dev.demoportal.usage.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouterLink;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.usage.FilterOptions;
import dev.demoportal.usage.UsageFilter;
import dev.demoportal.usage.UsageService;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every dashboard shares: the tabs between them, the filter bar, and sections that put a
 * chart beside its numbers with a CSV download of the same table. The numbers are read again
 * whenever a filter changes.
 */
abstract class DashboardView extends VerticalLayout {

    private static final DecimalFormat NUMBER =
            new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ENGLISH));

    protected final UsageService usage;
    protected final Clock clock;
    protected final UsageFilters filters;
    protected final Div content = new Div();
    protected ZoneId zone = ViewerTime.zone();
    private final List<Anchor> downloads = new ArrayList<>();
    private final Map<String, String> regionNames;
    private final Map<String, String> templateNames;

    DashboardView(UsageService usage, Clock clock, Set<UsageFilters.Field> fields) {
        this.usage = usage;
        this.clock = clock;
        setWidthFull();
        addClassName("dp-dashboard");
        Div tabs = new Div(
                tab("Utilisation", UtilisationView.class),
                tab("Holders", HoldersView.class),
                tab("Sandboxes", SandboxesView.class),
                tab("Now", NowView.class));
        tabs.addClassName("dp-dashboard-tabs");
        tabs.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)");
        FilterOptions options = usage.options();
        regionNames = names(options.regions());
        templateNames = names(options.templates());
        filters = new UsageFilters(options, fields, clock, zone, this::refresh);
        content.setWidthFull();
        content.getStyle()
                .set("display", "flex")
                .set("flex-direction", "column")
                .set("gap", "var(--lumo-space-l)");
        add(tabs, filters, content);
    }

    private RouterLink tab(String label, Class<? extends Component> view) {
        RouterLink link = new RouterLink(label, view);
        link.setHighlightCondition((l, e) -> e.getLocation().getPath().equals(l.getHref()));
        link.getStyle().set("font-weight", "600");
        return link;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        ViewerTime.resolve(event.getUI(), z -> {
            zone = z;
            filters.viewerZone(z);
            refresh();
        });
        refresh();
    }

    /** Reads the numbers for the current filter and shows them. */
    void refresh() {
        UsageFilter filter = filters.value();
        try {
            show(filter);
            String query = UsageFilters.query(filter);
            downloads.forEach(a -> a.setHref(a.getElement().getAttribute("data-base") + "?" + query));
        } catch (ValidationFailed e) {
            Notification n = Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE);
            n.addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
    }

    /** Draws the dashboard for {@code filter}. */
    abstract void show(UsageFilter filter);

    /** A titled section: the chart and, beside it, its numbers and a CSV link for {@code table}. */
    Div section(String title, Component chart, Component numbers, String table) {
        H3 heading = new H3(title);
        heading.getStyle().set("margin", "0");
        Div side = new Div(numbers, download(table));
        side.getStyle().set("min-width", "0");
        Div chartBox = new Div(chart);
        chartBox.getStyle().set("min-width", "0");
        // chart and numbers side by side where there is room, stacked on narrow screens
        Div row = new Div(chartBox, side);
        row.getStyle()
                .set("display", "grid")
                .set("gap", "var(--lumo-space-l)")
                .set("grid-template-columns", "repeat(auto-fit, minmax(min(100%, 440px), 1fr))");
        Div card = new Div(heading, row);
        card.addClassName("dp-card");
        card.getStyle()
                .set("padding", "var(--lumo-space-m)")
                .set("box-sizing", "border-box")
                .set("width", "100%")
                .set("max-width", "none");
        return card;
    }

    /** A titled table with its CSV link, for tables that have no chart of their own. */
    Div tableCard(String title, Component table, String csv) {
        H3 heading = new H3(title);
        heading.getStyle().set("margin", "0");
        Div card = new Div(heading, table, download(csv));
        card.addClassName("dp-card");
        card.getStyle()
                .set("padding", "var(--lumo-space-m)")
                .set("box-sizing", "border-box")
                .set("width", "100%")
                .set("max-width", "none");
        return card;
    }

    /** A download link for a table of the usage API, kept on the current filter. */
    Anchor download(String table) {
        Anchor link = new Anchor("api/v1/usage/" + table + ".csv", "");
        link.getElement().setAttribute("data-base", "api/v1/usage/" + table + ".csv");
        link.add(VaadinIcon.DOWNLOAD_ALT.create(), new Span(" CSV: " + table));
        link.setRouterIgnore(true);
        link.getElement().setAttribute("download", true);
        link.addClassName("dp-csv");
        link.getStyle().set("display", "inline-block").set("margin-top", "var(--lumo-space-s)");
        downloads.add(link);
        return link;
    }

    /** A grid of rows sized for a side panel. */
    static <T> Grid<T> table(String id) {
        Grid<T> grid = new Grid<>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setHeight("320px");
        return grid;
    }

    /** A big number with a label under it. */
    static Div stat(String id, String value, String label) {
        Span number = new Span(value);
        number.setId(id);
        number.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("font-weight", "600");
        Span caption = new Span(label);
        caption.addClassName("dp-muted");
        Div box = new Div(number, new Div(caption));
        box.addClassName("dp-stat");
        box.getStyle().set("min-width", "160px");
        return box;
    }

    static Div stats(Component... stats) {
        Div row = new Div(stats);
        row.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-l)");
        return row;
    }

    static String number(double value) {
        return NUMBER.format(value);
    }

    static String percent(double ratio) {
        return NUMBER.format(ratio * 100) + " %";
    }

    static String minutes(@org.jspecify.annotations.Nullable Double minutes) {
        if (minutes == null) {
            return "–";
        }
        return minutes < 120 ? NUMBER.format(minutes) + " min" : NUMBER.format(minutes / 60) + " h";
    }

    /** A region as the rest of the portal names it ("Japan / APAC"), never by its code ("apj"). */
    String region(String code) {
        return regionNames.getOrDefault(code, code);
    }

    /** A template by its name, not its slug. */
    String template(String slug) {
        return templateNames.getOrDefault(slug, slug);
    }

    static Map<String, String> names(List<FilterOptions.Option> options) {
        Map<String, String> names = new HashMap<>();
        options.forEach(o -> names.put(o.value(), o.label()));
        return names;
    }

    /** "Days are each region's local days; times in your zone (Berlin)." */
    String zoneNote() {
        return "Days are each region's local days; times in your time zone (" + ViewerTime.place(zone) + ").";
    }
}
