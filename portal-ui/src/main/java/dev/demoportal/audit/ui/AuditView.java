package dev.demoportal.audit.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.audit.AuditQuery;
import dev.demoportal.audit.AuditService;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.RecentDays;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.usage.FilterOptions.Option;
import dev.demoportal.usage.UsageService;
import jakarta.annotation.security.RolesAllowed;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The audit trail for managers and admins: who did what to which thing, when, in words and names
 * ({@link AuditText}). Filtered by days (in the viewer's time zone), actor, action, target,
 * organisation and any text shown; the grid pages lazily from the database; the CSV link exports
 * the same search.
 */
@Route("audit")
@PageTitle("Audit trail")
@RolesAllowed({"MANAGER", "ADMIN"})
public class AuditView extends VerticalLayout {

    private final AuditService audit;
    private final AuditText lines;
    final DatePicker from = Pickers.date("From");
    final DatePicker to = Pickers.date("To");
    final TextField actor = new TextField("Who");
    final TextField action = new TextField("Action code");
    final TextField target = new TextField("Target id");
    final TextField text = new TextField("Search");
    final ComboBox<Option> organisation = new ComboBox<>("Organisation");
    final AuditGrid grid;
    final Span count = new Span();
    final Anchor csv = new Anchor("api/v1/audit.csv", "");
    private ZoneId zone = ViewerTime.zone();
    private final RecentDays days;

    AuditView(AuditService audit, UsageService usage, AuditText lines, Clock clock) {
        this.audit = audit;
        this.lines = lines;
        this.grid = new AuditGrid(clock, () -> zone);
        setSizeFull();
        this.days = new RecentDays(from, to, 7, clock, zone);
        action.setPlaceholder("e.g. booking. or sandbox.approved");
        text.setPlaceholder("e.g. revealed, NA Demo 1");
        text.setHelperText("In what the trail shows: what happened, names, details");
        organisation.setItems(usage.options().organisations());
        organisation.setItemLabelGenerator(Option::label);
        organisation.setClearButtonVisible(true);
        for (TextField field : new TextField[] {actor, action, target, text}) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setClearButtonVisible(true);
            field.addValueChangeListener(e -> refresh());
        }
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        organisation.addValueChangeListener(e -> refresh());
        Div filters = new Div(from, to, actor, action, target, text, organisation);
        filters.addClassName("dp-toolbar");
        filters.getStyle().set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)");

        csv.add(VaadinIcon.DOWNLOAD_ALT.create(), new Span(" CSV of this search"));
        csv.setRouterIgnore(true);
        csv.getElement().setAttribute("download", true);
        csv.setId("audit-csv");
        count.setId("audit-count");
        Div summary = new Div(count, new Span(" · "), csv);

        grid.setId("audit-grid");
        Paragraph note = new Paragraph("Days and times in your time zone. The trail is append-only.");
        note.addClassName("dp-muted");
        add(filters, note, summary, grid);
        setFlexGrow(1, grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        ViewerTime.resolve(event.getUI(), z -> {
            zone = z;
            days.viewerZone(z);
            refresh();
        });
        refresh();
    }

    AuditQuery query() {
        Instant start = from.getValue() == null
                ? null
                : from.getValue().atStartOfDay(zone).toInstant();
        Instant end = to.getValue() == null
                ? null
                : to.getValue().plusDays(1).atStartOfDay(zone).toInstant();
        UUID org = organisation.getValue() == null
                ? null
                : UUID.fromString(organisation.getValue().value());
        return new AuditQuery(
                start,
                end,
                blank(actor.getValue()),
                blank(action.getValue()),
                null,
                blank(target.getValue()),
                org,
                blank(text.getValue()));
    }

    void refresh() {
        AuditQuery query = query();
        long total = audit.count(query);
        count.setText(total + (total == 1 ? " entry" : " entries"));
        grid.show((offset, limit) -> audit.search(query, offset, limit), total, lines, () -> zone);
        csv.setHref("api/v1/audit.csv?" + parameters(query));
    }

    static String parameters(AuditQuery q) {
        Map<String, @Nullable Object> p = new LinkedHashMap<>();
        p.put("from", q.from());
        p.put("to", q.to());
        p.put("actor", q.actor());
        p.put("action", q.action());
        p.put("targetId", q.targetId());
        p.put("organisation", q.organisation());
        p.put("q", q.text());
        return p.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
