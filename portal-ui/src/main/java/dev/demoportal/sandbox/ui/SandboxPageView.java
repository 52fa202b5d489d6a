package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.provisioning.TemplateContents;
import dev.demoportal.sandbox.SandboxExtensionService;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import dev.demoportal.sandbox.TimelineEntry;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One sandbox: its state, access details, provisioning steps per layer with progress and timings,
 * the timeline of who did what, and what the viewer may do (cancel the request, extend, tear down,
 * retry, reveal the secrets). Times in the viewer's time zone, named once under the header. Another
 * organisation's sandbox is "not available", exactly like one that does not exist.
 *
 * <p>The page redraws itself on every change of the sandbox (live updates). Its parts:
 * {@link SandboxActions} (what the viewer may do), {@link SandboxAccessCard} (access details and
 * revealed secrets, which a redraw keeps), {@link SandboxJobs} (provisioning), and the header and
 * timeline drawn here.
 */
@Route("sandboxes/:id")
@PermitAll
public class SandboxPageView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final SandboxService sandboxes;
    private final Clock clock;
    private @Nullable UUID id;
    private @Nullable SandboxSummary sandbox;
    private ZoneId zone = ViewerTime.zone();
    final Div header = new Div();
    final SandboxActions actions;
    final SandboxAccessCard access;
    final SandboxJobs jobs;
    final TeardownReceiptCard receipt = new TeardownReceiptCard();
    final UnorderedList timeline = new UnorderedList();
    final UnorderedList contents = new UnorderedList();
    private final Div contentsSection = new Div();
    private final SandboxRequestService requests;

    SandboxPageView(
            SandboxService sandboxes,
            SandboxRequestService requestService,
            SandboxExtensionService extensionService,
            SandboxListener listener,
            UserService users,
            Clock clock) {
        this.sandboxes = sandboxes;
        this.requests = requestService;
        this.clock = clock;
        UserAccount me = users.me();
        actions = new SandboxActions(sandboxes, requestService, extensionService, me, this::refresh);
        access = new SandboxAccessCard(sandboxes, me);
        jobs = new SandboxJobs(sandboxes, clock);
        header.addClassName("dp-sandbox-header");
        timeline.setId("timeline");
        contents.setId("contents");
        contentsSection.add(new H3("Contents"), contents);
        contentsSection.setVisible(false);
        add(
                header,
                actions,
                access,
                receipt,
                contentsSection,
                new H3("Provisioning"),
                jobs,
                new H3("Timeline"),
                timeline);
        listener.follow(this, changed -> changed.equals(id), this::refresh);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            refresh();
        }));
        addDetachListener(detached -> access.hideSecrets());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            id = UUID.fromString(event.getRouteParameters().get("id").orElse(""));
            sandbox = sandboxes.sandbox(id);
        } catch (IllegalArgumentException | NotFound notVisible) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        showContents(sandbox.templateSlug(), sandbox.name());
        draw();
    }

    @Override
    public String getPageTitle() {
        return sandbox == null ? "Sandbox" : "Sandbox " + sandbox.name();
    }

    /**
     * What the template declares the sandbox gets (the step logs say what was, or with the
     * simulated driver would have been, installed). Templates withdrawn from the catalogue show
     * nothing here. The sandbox's own name stands where the template says {@code ${sandbox.name}}.
     */
    private void showContents(String templateSlug, String sandboxName) {
        contents.removeAll();
        requests.templates().stream()
                .filter(t -> t.slug().equals(templateSlug))
                .findFirst()
                .map(t -> TemplateContents.of(t.parameters()).describe())
                .ifPresent(lines -> lines.forEach(
                        line -> contents.add(new ListItem(line.replace("${sandbox.name}", sandboxName)))));
        contentsSection.setVisible(contents.getChildren().findAny().isPresent());
    }

    void refresh() {
        if (id == null) {
            return;
        }
        try {
            sandbox = sandboxes.sandbox(id);
        } catch (NotFound gone) {
            return;
        }
        draw();
    }

    private void draw() {
        SandboxSummary s = sandbox;
        if (s == null) {
            return;
        }
        header.removeAll();
        Instant now = clock.instant();
        Span meta = new Span(s.name() + " · " + s.organisation().name() + " · region " + s.region());
        meta.addClassName("dp-muted");
        header.add(new H3(s.templateName()), SandboxText.status(s.status()), new Div(meta));
        Paragraph facts = new Paragraph();
        facts.add(new Span(
                "Requested by " + s.requestedBy().name() + " at " + SandboxText.when(s.requestedAt(), zone, now)
                        + " for " + s.lifetimeHours() + " hours: " + s.useCase()));
        header.add(facts);
        if (s.decidedAt() != null) {
            header.add(new Paragraph((s.status() == SandboxStatus.REJECTED ? "Rejected" : "Approved") + " by "
                    + s.decidedByLabel() + " at " + SandboxText.when(s.decidedAt(), zone, now)
                    + (s.decisionNote() == null ? "" : ": " + s.decisionNote())));
        }
        if (s.cancelledAt() != null) {
            header.add(new Paragraph("Request cancelled at " + SandboxText.when(s.cancelledAt(), zone, now)
                    + ", before anyone decided."));
        }
        if (s.readyAt() != null) {
            Span ready = new Span("Ready at " + SandboxText.when(s.readyAt(), zone, now));
            ready.setId("ready");
            header.add(new Div(ready));
        }
        if (s.expiresAt() != null && !s.status().finished()) {
            Span expiry = new Span("Expires " + SandboxText.countdown(s.expiresAt(), now) + " ("
                    + SandboxText.when(s.expiresAt(), zone, now) + ")"
                    + (s.extensionCount() > 0 ? ", extended " + s.extensionCount() + "×" : ""));
            expiry.setId("expiry");
            expiry.addClassName("dp-countdown");
            header.add(new Div(expiry));
        }
        if (s.rolledBackAt() != null) {
            Span rolledBack = new Span(
                    "What its failed provision made was removed at " + SandboxText.when(s.rolledBackAt(), zone, now));
            rolledBack.setId("rolled-back");
            header.add(new Div(rolledBack));
        }
        if (s.tornDownAt() != null) {
            Span gone = new Span("Torn down at " + SandboxText.when(s.tornDownAt(), zone, now));
            gone.setId("torn-down");
            header.add(new Div(gone));
        }
        if (s.status() == SandboxStatus.FAILED) {
            Paragraph failure = new Paragraph(SandboxText.failure(s));
            failure.addClassName("dp-error");
            header.add(failure);
        }
        if (s.cleanupAt() != null) {
            Span cleanup = new Span("Unless a field engineer retries it, it is torn down "
                    + SandboxText.due(s.cleanupAt(), now) + " (" + SandboxText.when(s.cleanupAt(), zone, now)
                    + "). Until it is torn down it counts against "
                    + s.organisation().name() + "'s quota of "
                    + s.templateName() + " sandboxes.");
            cleanup.setId("cleanup");
            header.add(new Div(cleanup));
        }
        Span zoneNote = new Span(ViewerTime.note(zone));
        zoneNote.setId("zone-note");
        zoneNote.addClassName("dp-muted");
        header.add(new Div(zoneNote));
        actions.show(s);
        access.show(s);
        receipt.show(s, zone, now);
        jobs.show(s, zone);
        timeline.removeAll();
        for (TimelineEntry entry : sandboxes.timeline(s.id())) {
            timeline.add(new ListItem(
                    SandboxText.when(entry.at(), zone, now) + " — " + entry.label() + " — " + entry.actor()));
        }
    }
}
