package dev.demoportal.audit.ui;

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
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.identity.UserService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A customer's export of their own organisation's audit entries (sandbox requests, approvals,
 * secrets revealed, ...). The server limits the export to their organisation whatever is asked.
 */
@Route("activity")
@PageTitle("Activity export")
@RolesAllowed("CUSTOMER")
public class OrganisationActivityView extends VerticalLayout {

    final DatePicker from = Pickers.date("From");
    final DatePicker to = Pickers.date("To");
    final Anchor csv = new Anchor("api/v1/audit.csv", "");
    private final ZoneId zone = ViewerTime.zone();

    OrganisationActivityView(UserService users, Clock clock) {
        var me = users.me();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        from.setValue(today.minusDays(89));
        to.setValue(today);
        from.addValueChangeListener(e -> update());
        to.addValueChangeListener(e -> update());
        csv.add(VaadinIcon.DOWNLOAD_ALT.create(), new Span(" Download CSV"));
        csv.setRouterIgnore(true);
        csv.getElement().setAttribute("download", true);
        csv.setId("activity-csv");
        String organisation = me.organisation() == null ? "your organisation" : me.organisation().name();
        add(new Paragraph("Everything the portal recorded about " + organisation
                + " in the chosen days (your time zone): who requested, approved, extended or tore down sandboxes, "
                + "and who revealed their secrets. One row per entry."), new Div(from, to), csv);
        update();
    }

    private void update() {
        AuditQuery query = AuditQuery.ALL.between(
                from.getValue() == null ? null : from.getValue().atStartOfDay(zone).toInstant(),
                to.getValue() == null ? null : to.getValue().plusDays(1).atStartOfDay(zone).toInstant());
        csv.setHref("api/v1/audit.csv?" + AuditView.parameters(query));
    }
}
