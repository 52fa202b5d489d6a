package dev.demoportal.environment.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.DeploymentSummary;
import dev.demoportal.environment.EnvironmentSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * What pipelines deployed to an environment: the current report of the environment and of each
 * slot, then the history, in the viewer's time zone.
 */
public class DeploymentSection extends Div {

    public DeploymentSection(DeploymentService deployments, EnvironmentSummary env, ZoneId zone, Clock clock) {
        Instant now = clock.instant();
        add(new H3("Deployed"));
        addClassName("dp-detail-section");
        setId("deployments");
        Map<Integer, DeploymentSummary> current = deployments.current(env.id());
        if (current.isEmpty()) {
            Span none = new Span("No pipeline has reported a deployment yet (PUT /api/v1/environments/" + env.slug()
                    + "/deployment).");
            none.addClassName("dp-muted");
            add(none);
            return;
        }
        current.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(d -> {
            Div line = DeploymentLine.of(d.getValue(), now, zone);
            line.addComponentAsFirst(new Span(d.getKey() == 0 ? "Environment:" : "Slot " + d.getKey() + ":"));
            add(line);
        });
        UnorderedList history = new UnorderedList();
        history.addClassName("dp-deployment-history");
        for (DeploymentSummary d : deployments.history(env.slug(), DeploymentService.HISTORY)) {
            history.add(new ListItem(ViewerTime.format(d.at(), zone, now) + " · "
                    + (d.slot() == null ? "environment" : "slot " + d.slot()) + " · " + d.label() + " · "
                    + d.status().label() + " · " + d.reportedBy()));
        }
        Span caption = new Span("History");
        caption.addClassName("dp-muted");
        add(caption, history);
    }
}
