package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.sandbox.SandboxFilter;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A customer's sandboxes as cards: state, region, expiry countdown, and a progress bar while it is
 * being provisioned; times in the viewer's time zone. Follows changes live. An organisation holds a
 * handful, so the list is read whole (finished ones last and only the latest few).
 */
@Route("sandboxes")
@PageTitle("My sandboxes")
@RolesAllowed("CUSTOMER")
public class MySandboxesView extends VerticalLayout {

    private static final int FINISHED_SHOWN = 6;

    private final SandboxService sandboxes;
    private final Clock clock;
    final Div cards = new Div();
    final Span hint = new Span();
    private final Set<UUID> shown = new HashSet<>();
    private ZoneId zone = ViewerTime.zone();

    MySandboxesView(SandboxService sandboxes, SandboxListener listener, Clock clock) {
        this.sandboxes = sandboxes;
        this.clock = clock;
        Button request = new Button(
                "Request a sandbox",
                VaadinIcon.PLUS.create(),
                e -> e.getSource().getUI().ifPresent(ui -> ui.navigate(RequestSandboxView.class)));
        request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        hint.setId("zone-note");
        hint.addClassName("dp-muted");
        Div toolbar = new Div(hint, request);
        toolbar.addClassName("dp-toolbar");
        cards.addClassName("dp-cards");
        cards.setId("my-sandboxes");
        add(toolbar, cards);
        refresh();
        listener.follow(this, shown::contains, this::refresh);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            refresh();
        }));
    }

    void refresh() {
        List<SandboxSummary> all = sandboxes.sandboxes(SandboxFilter.ALL, 0, 200);
        List<SandboxSummary> current =
                all.stream().filter(s -> !s.status().finished()).toList();
        List<SandboxSummary> finished = all.stream()
                .filter(s -> s.status().finished())
                .limit(FINISHED_SHOWN)
                .toList();
        hint.setText("Your organisation's sandboxes. " + ViewerTime.note(zone));
        cards.removeAll();
        shown.clear();
        if (all.isEmpty()) {
            cards.add(new Paragraph("No sandboxes yet. Request one to try our platform in your own space."));
        }
        current.forEach(s -> cards.add(card(s)));
        finished.forEach(s -> cards.add(card(s)));
    }

    private Component card(SandboxSummary s) {
        shown.add(s.id());
        RouterLink name =
                new RouterLink(s.templateName(), SandboxPageView.class, new RouteParameters("id", s.id().toString()));
        Div card = new Div(new H3(name), SandboxText.status(s.status()));
        card.addClassNames("dp-card", "dp-sandbox-card");
        card.getElement().setAttribute("data-sandbox", s.id().toString());
        Span meta = new Span(s.name() + " · region " + s.region());
        meta.addClassName("dp-muted");
        card.add(new Div(meta));
        Instant now = clock.instant();
        if (s.status() == SandboxStatus.PROVISIONING
                || s.status() == SandboxStatus.APPROVED
                || s.status() == SandboxStatus.TEARING_DOWN) {
            List<JobSummary> jobs = sandboxes.jobs(s.id());
            ProgressBar bar =
                    new ProgressBar(0, 1, jobs.isEmpty() ? 0 : jobs.getFirst().progress());
            bar.getElement().setAttribute("aria-label", "Progress of " + s.name());
            card.add(bar);
        }
        if (s.status() == SandboxStatus.READY) {
            Span countdown = new Span("Expires " + SandboxText.countdown(s.expiresAt(), now) + " ("
                    + SandboxText.when(s.expiresAt(), zone, now) + ")");
            countdown.addClassName("dp-countdown");
            card.add(new Div(countdown));
        }
        if (s.status() == SandboxStatus.REQUESTED) {
            card.add(new Div(new Span(
                    "Requested at " + SandboxText.when(s.requestedAt(), zone, now) + "; waiting for approval.")));
        }
        if (s.status() == SandboxStatus.FAILED) {
            card.add(new Div(new Span(SandboxText.failure(s))));
        }
        if (s.cleanupAt() != null) {
            Span cleanup = new Span("Torn down " + SandboxText.due(s.cleanupAt(), now) + " ("
                    + SandboxText.when(s.cleanupAt(), zone, now) + ") unless it is retried");
            cleanup.addClassName("dp-countdown");
            card.add(new Div(cleanup));
        }
        return card;
    }
}
