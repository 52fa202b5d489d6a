package dev.demoportal.environment.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.DeploymentSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** What a pipeline last reported deploying, with its age: "2.14.0 (4f2a9c1) · healthy · 12 minutes ago". */
public final class DeploymentLine {

    private DeploymentLine() {}

    public static Div of(DeploymentSummary d, Instant now, ZoneId zone) {
        Span text = new Span(text(d, now));
        text.getElement().setAttribute("title", title(d, zone));
        Div line = new Div(new Span(VaadinIcon.PACKAGE.create()), text);
        if (d.pipelineUrl() != null) {
            Anchor run = new Anchor(d.pipelineUrl(), "pipeline");
            run.setTarget("_blank");
            line.add(run);
        }
        line.addClassNames("dp-deployment", "dp-deployment-" + d.status().name().toLowerCase());
        return line;
    }

    /** Who reported it, when. */
    public static String title(DeploymentSummary d, ZoneId zone) {
        return "Reported by " + d.reportedBy() + "; seen " + ViewerTime.at(d.at(), zone);
    }

    /** The line's words, the age in whole minutes (the board redraws once a minute). */
    public static String text(DeploymentSummary d, Instant now) {
        return d.label() + " · " + d.status().label() + " · " + age(d.age(now));
    }

    static String age(Duration age) {
        Duration minutes = age.truncatedTo(ChronoUnit.MINUTES);
        return minutes.isZero() ? "just now" : ViewerTime.roughly(minutes) + " ago";
    }
}
