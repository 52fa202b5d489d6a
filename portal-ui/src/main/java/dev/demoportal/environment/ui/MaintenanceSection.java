package dev.demoportal.environment.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.MaintenanceWindowSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** An environment's maintenance windows in the next 60 days, in the viewer's time zone. */
public class MaintenanceSection extends Div {

    public MaintenanceSection(EnvironmentService environments, UUID environmentId, ZoneId zone, Clock clock) {
        Instant now = clock.instant();
        List<MaintenanceWindowSummary> upcoming =
                environments.maintenanceWindows(environmentId, now, now.plus(Duration.ofDays(60)));
        add(new H3("Maintenance"));
        addClassName("dp-detail-section");
        if (upcoming.isEmpty()) {
            Span none = new Span("No maintenance scheduled in the next 60 days.");
            none.addClassName("dp-muted");
            add(none);
        } else {
            UnorderedList list = new UnorderedList();
            upcoming.forEach(
                    w -> list.add(new ListItem(ViewerTime.range(w.start(), w.end(), zone, now) + ": " + w.reason())));
            add(list);
        }
    }
}
