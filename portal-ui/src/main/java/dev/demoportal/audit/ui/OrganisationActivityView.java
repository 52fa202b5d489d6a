package dev.demoportal.audit.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.audit.AuditQuery;
import dev.demoportal.audit.AuditService;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.RecentDays;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.identity.UserService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.ZoneId;

/**
 * A customer's view of their own organisation's audit entries (sandbox requests, approvals,
 * secrets revealed, ...), read as the audit trail reads ({@link AuditText}), with a CSV export of
 * the same days. The server limits both to their organisation whatever is asked.
 */
@Route("activity")
@PageTitle("Activity export")
@RolesAllowed("CUSTOMER")
public class OrganisationActivityView extends VerticalLayout {

    private final AuditService audit;
    private final AuditText lines;
    final DatePicker from = Pickers.date("From");
    final DatePicker to = Pickers.date("To");
    final Anchor csv = new Anchor("api/v1/audit.csv", "");
    final Span count = new Span();
    final AuditGrid grid;
    private ZoneId zone = ViewerTime.zone();
    private final RecentDays days;

    OrganisationActivityView(AuditService audit, UserService users, AuditText lines, Clock clock) {
        this.audit = audit;
        this.lines = lines;
        this.grid = new AuditGrid(clock, () -> zone);
        setSizeFull();
        var me = users.me();
        this.days = new RecentDays(from, to, 90, clock, zone);
        from.addValueChangeListener(e -> update());
        to.addValueChangeListener(e -> update());
        csv.add(VaadinIcon.DOWNLOAD_ALT.create(), new Span(" Download CSV"));
        csv.setRouterIgnore(true);
        csv.getElement().setAttribute("download", true);
        csv.setId("activity-csv");
        count.setId("activity-count");
        grid.setId("activity-grid");
        String organisation = me.organisation() == null
                ? "your organisation"
                : me.organisation().name();
        Paragraph note = new Paragraph("Everything the portal recorded about " + organisation
                + " in the chosen days (your time zone): who requested, approved, extended or tore down sandboxes, "
                + "and who revealed their secrets.");
        Div filters = new Div(from, to);
        filters.addClassName("dp-toolbar");
        add(note, filters, new Div(count, new Span(" · "), csv), grid);
        setFlexGrow(1, grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        ViewerTime.resolve(event.getUI(), z -> {
            zone = z;
            days.viewerZone(z);
            update();
        });
        update();
    }

    private void update() {
        AuditQuery query = AuditQuery.ALL.between(
                from.getValue() == null
                        ? null
                        : from.getValue().atStartOfDay(zone).toInstant(),
                to.getValue() == null
                        ? null
                        : to.getValue().plusDays(1).atStartOfDay(zone).toInstant());
        long total = audit.exportCount(query);
        count.setText(total + (total == 1 ? " entry" : " entries"));
        grid.show((offset, limit) -> audit.exportPage(query, offset, limit), total, lines, () -> zone);
        csv.setHref("api/v1/audit.csv?" + AuditView.parameters(query));
    }
}
