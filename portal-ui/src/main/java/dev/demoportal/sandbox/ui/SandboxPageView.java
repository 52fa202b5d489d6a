package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.provisioning.JobView;
import dev.demoportal.sandbox.RevealedSecret;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxExtensionService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxView;
import dev.demoportal.sandbox.TimelineEntry;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One sandbox: its state, access details, provisioning steps per layer with progress and timings,
 * the timeline of who did what, and what the viewer may do (cancel the request, extend, tear down,
 * retry, reveal the secrets). Times in the viewer's time zone, named once under the header. Another
 * organisation's sandbox is "not available", exactly like one that does not exist.
 *
 * <p>The page redraws itself on every change of the sandbox (live updates), and revealing the
 * secrets is such a change (it is audited): revealed secrets are therefore page state, drawn apart
 * from the rest and kept until the viewer hides them or leaves, never revealed again by a redraw.
 */
@Route("sandboxes/:id")
@PermitAll
public class SandboxPageView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final SandboxService sandboxes;
    private final SandboxRequestService requestService;
    private final SandboxExtensionService extensionService;
    private final Clock clock;
    private final UserAccount me;
    private @Nullable UUID id;
    private @Nullable SandboxView sandbox;
    private ZoneId zone = ViewerTime.zone();
    /** What the viewer revealed, shown until hidden, the page is left, or the sandbox stops being ready. */
    private List<RevealedSecret> revealed = List.of();
    private @Nullable Button reveal;
    final Div header = new Div();
    final Div actions = new Div();
    /** The access card: its details are redrawn with the page, the revealed {@link #secrets} below them are not. */
    final Div access = new Div();
    private final Div accessDetails = new Div();
    final Div jobs = new Div();
    final UnorderedList timeline = new UnorderedList();
    final IntegerField extendHours = new IntegerField();
    final Div secrets = new Div();

    SandboxPageView(SandboxService sandboxes, SandboxRequestService requestService,
            SandboxExtensionService extensionService, SandboxListener listener, UserService users, Clock clock) {
        this.sandboxes = sandboxes;
        this.requestService = requestService;
        this.extensionService = extensionService;
        this.clock = clock;
        this.me = users.me();
        header.addClassName("dp-sandbox-header");
        actions.addClassName("dp-toolbar");
        timeline.setId("timeline");
        jobs.setId("jobs");
        access.setId("access");
        extendHours.setAriaLabel("Hours to extend by");
        extendHours.setMin(1);
        extendHours.setValue(24);
        extendHours.setStepButtonsVisible(true);
        extendHours.setWidth("9em");
        access.addClassName("dp-card");
        access.add(new H3("Access"), accessDetails, secrets);
        access.setVisible(false);
        add(header, actions, access, new H3("Provisioning"), jobs, new H3("Timeline"), timeline);
        listener.follow(this, changed -> changed.equals(id), this::refresh);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            refresh();
        }));
        addDetachListener(detached -> showSecrets(List.of()));
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
        draw();
    }

    @Override
    public String getPageTitle() {
        return sandbox == null ? "Sandbox" : "Sandbox " + sandbox.name();
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
        SandboxView s = sandbox;
        if (s == null) {
            return;
        }
        header.removeAll();
        Instant now = clock.instant();
        Span meta = new Span(s.name() + " · " + s.organisation().name() + " · region " + s.region());
        meta.addClassName("dp-muted");
        header.add(new H3(s.templateName()), SandboxText.status(s.status()), new Div(meta));
        Paragraph facts = new Paragraph();
        facts.add(new Span("Requested by " + s.requestedBy().name() + " at " + SandboxText.when(s.requestedAt(), zone,
                now) + " for " + s.lifetimeHours() + " hours: " + s.useCase()));
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
                    + SandboxText.when(s.expiresAt(), zone, now) + ")" + (s.extensionCount() > 0 ? ", extended "
                    + s.extensionCount() + "×" : ""));
            expiry.setId("expiry");
            expiry.addClassName("dp-countdown");
            header.add(new Div(expiry));
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
                    + "). Until it is torn down it counts against " + s.organisation().name() + "'s quota of "
                    + s.templateName() + " sandboxes.");
            cleanup.setId("cleanup");
            header.add(new Div(cleanup));
        }
        Span zoneNote = new Span(ViewerTime.note(zone));
        zoneNote.setId("zone-note");
        zoneNote.addClassName("dp-muted");
        header.add(new Div(zoneNote));
        drawActions(s);
        drawAccess(s);
        drawJobs();
        timeline.removeAll();
        for (TimelineEntry entry : sandboxes.timeline(s.id())) {
            timeline.add(new ListItem(SandboxText.when(entry.at(), zone, now) + " — " + entry.label() + " — "
                    + entry.actor()));
        }
    }

    private void drawActions(SandboxView s) {
        actions.removeAll();
        boolean owner = me.customer() && me.organisation() != null && me.organisation().id().equals(
                s.organisation().id());
        boolean staff = !me.customer();
        if (s.status() == SandboxStatus.REQUESTED && (owner || s.requestedBy().id().equals(me.id()))) {
            Button cancel = new Button("Cancel request", e -> {
                ConfirmDialog confirm = new ConfirmDialog("Cancel the request for " + s.name() + "?",
                        "It is withdrawn before anyone decides, and frees its place in the quota. To have it "
                                + "after all, request it again.", "Cancel request",
                        c -> perform(() -> {
                            requestService.cancel(s.id());
                            return "Request cancelled";
                        }));
                confirm.setConfirmButtonTheme("error primary");
                confirm.setCancelable(true);
                confirm.setCancelText("Keep it");
                confirm.open();
            });
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
            cancel.setId("cancel-request");
            actions.add(cancel);
        }
        if ((owner || staff) && s.status() == SandboxStatus.READY && s.extendableHours() > 0) {
            extendHours.setMax(s.extendableHours());
            extendHours.setHelperText("Up to " + s.extendableHours() + " h");
            Button extend = new Button("Extend", e -> perform(() -> {
                Integer hours = extendHours.getValue();
                extensionService.extend(s.id(), hours == null ? 0 : hours);
                return "Extended by " + hours + " hours";
            }));
            extend.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            extend.setId("extend");
            actions.add(extendHours, extend);
        }
        if ((owner || staff) && s.status() == SandboxStatus.READY && s.extendableHours() == 0) {
            Span max = new Span("It has reached its template's maximum lifetime.");
            max.addClassName("dp-muted");
            actions.add(max, longerExtension(s));
        }
        if ((owner || staff) && (s.status() == SandboxStatus.READY || s.status() == SandboxStatus.FAILED)) {
            Button teardown = new Button("Tear down", e -> {
                ConfirmDialog confirm = new ConfirmDialog("Tear down " + s.name() + "?",
                        s.status() == SandboxStatus.FAILED
                                ? "Whatever it made before it failed is deleted, and it no longer counts against "
                                        + "the quota. It cannot be retried afterwards."
                                : "Everything in it is deleted. This cannot be undone.", "Tear down",
                        c -> perform(() -> {
                            sandboxes.teardown(s.id());
                            return "Teardown started";
                        }));
                confirm.setConfirmButtonTheme("error primary");
                confirm.setCancelable(true);
                confirm.open();
            });
            teardown.addThemeVariants(ButtonVariant.LUMO_ERROR);
            teardown.setId("teardown");
            actions.add(teardown);
        }
        if (s.status() == SandboxStatus.FAILED && (me.hasRole(Role.FIELD_ENGINEER) || me.hasRole(Role.ADMIN))) {
            Button retry = new Button("Retry", e -> perform(() -> {
                sandboxes.retry(s.id());
                return "Retrying from the failed step";
            }));
            retry.setId("retry");
            actions.add(retry);
        }
    }

    /** Beyond the template's maximum: an extension request someone else approves. */
    private Div longerExtension(SandboxView s) {
        Div box = new Div();
        box.setId("longer-extension");
        var open = extensionService.openExtension(s.id());
        if (open.isPresent()) {
            Span waiting = new Span("An extension by " + open.get().hours() + " hours is waiting for approval.");
            waiting.addClassName("dp-muted");
            box.add(waiting);
            return box;
        }
        IntegerField hours = new IntegerField();
        hours.setAriaLabel("Hours beyond the maximum");
        hours.setPlaceholder("hours");
        hours.setMin(1);
        hours.setWidth("8em");
        TextField reason = new TextField();
        reason.setAriaLabel("Why");
        reason.setPlaceholder("why it needs longer");
        Button ask = new Button("Request longer extension", e -> {
            try {
                extensionService.requestExtension(s.id(), hours.getValue() == null ? 0 : hours.getValue(), reason.getValue());
                Notification.show("Extension requested; you will be told when it is decided", 4000,
                        Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (ValidationFailed failed) {
                Notification.show(failed.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
                return;
            } catch (Conflict conflict) {
                Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
            refresh();
        });
        ask.setId("request-extension");
        box.add(hours, reason, ask);
        box.addClassName("dp-toolbar");
        return box;
    }

    private void drawAccess(SandboxView s) {
        accessDetails.removeAll();
        reveal = null;
        access.setVisible(s.status() == SandboxStatus.READY);
        if (s.status() != SandboxStatus.READY) {
            showSecrets(List.of());
            return;
        }
        if (s.accessUrl() != null) {
            Anchor url = new Anchor(s.accessUrl(), s.accessUrl(), AnchorTarget.BLANK);
            url.setId("access-url");
            accessDetails.add(new Div(url));
        }
        UnorderedList details = new UnorderedList();
        s.accessDetails().forEach((k, v) -> details.add(new ListItem(k + ": " + v)));
        accessDetails.add(details);
        boolean owner = me.customer() && me.organisation() != null
                && me.organisation().id().equals(s.organisation().id());
        if (!s.secretNames().isEmpty()) {
            if (owner) {
                reveal = new Button("Reveal " + String.join(", ", s.secretNames()), e -> reveal(s));
                reveal.setId("reveal-secrets");
                reveal.setVisible(revealed.isEmpty());
                accessDetails.add(reveal);
            } else {
                Span hidden = new Span("Secrets (" + String.join(", ", s.secretNames())
                        + ") are shown to the customer only.");
                hidden.addClassName("dp-muted");
                accessDetails.add(hidden);
            }
        }
    }

    private void reveal(SandboxView s) {
        try {
            showSecrets(sandboxes.revealSecrets(s.id()));
        } catch (Conflict conflict) {
            Notification.show(conflict.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
    }

    /**
     * Draws the revealed secrets, each with a button that copies it; only when what is shown
     * changes (a reveal, hiding them, the sandbox no longer ready), never on a redraw, so a value
     * being selected or copied stays put.
     */
    private void showSecrets(List<RevealedSecret> shown) {
        if (shown.equals(revealed)) {
            return;
        }
        revealed = List.copyOf(shown);
        if (reveal != null) {
            reveal.setVisible(revealed.isEmpty());
        }
        secrets.removeAll();
        if (revealed.isEmpty()) {
            return;
        }
        UnorderedList list = new UnorderedList();
        revealed.forEach(r -> {
            Span value = new Span(r.value());
            value.addClassName("dp-secret");
            Button copy = new Button("Copy", VaadinIcon.COPY_O.create(), e -> copy(r.name(), value));
            copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            copy.setAriaLabel("Copy " + r.name());
            list.add(new ListItem(new Span(r.name() + ": "), value, copy));
        });
        Button hide = new Button("Hide", VaadinIcon.EYE_SLASH.create(), e -> showSecrets(List.of()));
        hide.addThemeVariants(ButtonVariant.LUMO_SMALL);
        hide.setId("hide-secrets");
        Span note = new Span("Shown until you hide them or leave this page; each reveal is recorded.");
        note.addClassName("dp-muted");
        secrets.add(list, new Div(hide, note));
    }

    /** Copies the value shown in the page (the browser's clipboard needs the click that asks for it). */
    private static void copy(String name, Span value) {
        value.getElement().executeJs("return navigator.clipboard.writeText(this.textContent)").then(
                copied -> Notification.show("Copied " + name + " to the clipboard", 3000,
                        Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS),
                refused -> Notification.show("Your browser did not let the page copy; select the value and copy it",
                        5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_WARNING));
    }

    private void drawJobs() {
        jobs.removeAll();
        Instant now = clock.instant();
        SandboxView s = sandbox;
        if (s != null && s.status() == SandboxStatus.CANCELLED) {
            jobs.add(new Paragraph("Cancelled before approval: nothing was provisioned."));
            return;
        }
        if (s == null || s.decidedAt() == null || s.status() == SandboxStatus.REJECTED) {
            jobs.add(new Paragraph("Provisioning starts once the request is approved."));
            return;
        }
        List<JobView> all = sandboxes.jobs(s.id());
        if (all.isEmpty()) {
            jobs.add(new Paragraph("Queued."));
            return;
        }
        for (JobView job : all) {
            Div box = new Div();
            box.addClassName("dp-job");
            String title = job.kind().name().toLowerCase(Locale.ROOT) + " — " + job.status().name()
                    .toLowerCase(Locale.ROOT) + (job.simulated() ? " (simulated)" : "");
            box.add(new Span(title));
            ProgressBar bar = new ProgressBar(0, 1, job.progress());
            bar.getElement().setAttribute("aria-label", title);
            box.add(bar);
            Grid<JobView.StepView> steps = new Grid<>();
            steps.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
            steps.addColumn(st -> st.layer().code()).setHeader("Layer");
            steps.addColumn(JobView.StepView::name).setHeader("Step");
            steps.addColumn(st -> st.status().name().toLowerCase(Locale.ROOT)
                    + (st.attempts() > 1 ? " (" + st.attempts() + " attempts)" : "")).setHeader("Status");
            steps.addColumn(st -> SandboxText.when(st.startedAt(), zone, now)).setHeader("Started");
            steps.addColumn(st -> SandboxText.when(st.finishedAt(), zone, now)).setHeader("Finished");
            steps.addColumn(st -> SandboxText.took(st.startedAt(), st.finishedAt())).setHeader("Took");
            steps.addColumn(st -> st.error() == null ? "" : st.error()).setHeader("Error");
            steps.setItems(job.steps());
            steps.setAllRowsVisible(true);
            box.add(steps);
            box.add(new PipelineRuns(job));
            jobs.add(box);
            if (job != all.getFirst()) {
                box.addClassName("dp-job-older");
            }
        }
    }

    private void perform(Supplier<String> run) {
        try {
            String done = run.get();
            Notification.show(done, 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (Conflict | ValidationFailed refused) {
            Notification.show(refused.getMessage(), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
        refresh();
    }
}
