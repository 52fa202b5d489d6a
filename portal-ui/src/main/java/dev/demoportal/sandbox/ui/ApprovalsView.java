package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.demoportal.base.DomainException;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.sandbox.ExtensionRequestSummary;
import dev.demoportal.sandbox.SandboxExtensionService;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The approval queue for field engineers and managers: oldest request first. One's own requests
 * are listed but cannot be decided here (nor anywhere: the service refuses). Times in the viewer's
 * time zone.
 */
@Route("approvals")
@PageTitle("Approvals")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class ApprovalsView extends VerticalLayout {

    private final SandboxRequestService requestService;
    private final SandboxExtensionService extensionService;
    private final UserAccount me;
    private final Clock clock;
    final Span zoneNote = new Span();
    final Grid<SandboxSummary> grid = new Grid<>();
    final Grid<ExtensionRequestSummary> extensions = new Grid<>();
    private final Set<UUID> shown = new HashSet<>();
    private ZoneId zone = ViewerTime.zone();

    ApprovalsView(
            SandboxRequestService requestService,
            SandboxExtensionService extensionService,
            UserService users,
            SandboxListener listener,
            Clock clock) {
        this.requestService = requestService;
        this.extensionService = extensionService;
        this.me = users.me();
        this.clock = clock;
        setSizeFull();
        grid.setId("approvals");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_NO_BORDER);
        grid.addColumn(s -> SandboxText.when(s.requestedAt(), zone, clock.instant()))
                .setHeader("Requested")
                .setFlexGrow(1);
        grid.addColumn(s -> s.organisation().name()).setHeader("Organisation").setFlexGrow(1);
        grid.addComponentColumn(s -> new RouterLink(
                        s.templateName(), SandboxPageView.class, new RouteParameters("id", s.id().toString())))
                .setHeader("Template")
                .setFlexGrow(1);
        grid.addColumn(s -> s.region() + " · " + s.lifetimeHours() + " h").setHeader("Where, how long");
        grid.addColumn(s -> s.requestedBy().name() + ": " + s.useCase())
                .setHeader("Use case")
                .setFlexGrow(3);
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setFlexGrow(2);
        grid.setEmptyStateText("Nothing waits for a decision.");
        grid.setAllRowsVisible(true);

        extensions.setId("extension-requests");
        extensions.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_NO_BORDER);
        extensions
                .addColumn(r -> SandboxText.when(r.requestedAt(), zone, clock.instant()))
                .setHeader("Requested")
                .setFlexGrow(1);
        extensions
                .addComponentColumn(r -> new RouterLink(
                        r.sandbox().name(),
                        SandboxPageView.class,
                        new RouteParameters("id", r.sandbox().id().toString())))
                .setHeader("Sandbox")
                .setFlexGrow(1);
        extensions.addColumn(r -> r.sandbox().organisation().name()).setHeader("Organisation");
        extensions
                .addColumn(r -> "+" + r.hours() + " h (now until "
                        + SandboxText.when(r.sandbox().expiresAt(), zone, clock.instant()) + ")")
                .setHeader("Extension")
                .setFlexGrow(2);
        extensions
                .addColumn(r -> r.requestedBy().name() + ": " + r.reason())
                .setHeader("Why")
                .setFlexGrow(3);
        extensions
                .addComponentColumn(this::extensionActions)
                .setHeader("")
                .setKey("actions")
                .setFlexGrow(2);
        extensions.setEmptyStateText("No extension waits for a decision.");
        extensions.setAllRowsVisible(true);
        zoneNote.setId("zone-note");
        zoneNote.addClassName("dp-muted");
        add(zoneNote, grid, new H3("Extensions beyond the template's maximum"), extensions);
        refresh();
        // a new request has an id nobody shows yet: every change may matter here
        listener.follow(this, id -> true, this::refresh);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            refresh();
        }));
    }

    void refresh() {
        zoneNote.setText(ViewerTime.note(zone));
        var queue = requestService.approvalQueue();
        shown.clear();
        queue.forEach(s -> shown.add(s.id()));
        grid.setItems(queue);
        extensions.setItems(extensionService.extensionQueue());
    }

    private Component extensionActions(ExtensionRequestSummary r) {
        Div actions = new Div();
        actions.addClassName("dp-row-actions");
        boolean own = r.requestedBy().id().equals(me.id());
        Button approve = new Button(
                "Approve",
                e -> decide(
                        () -> extensionService.approveExtension(r.id(), null),
                        "Extended " + r.sandbox().name() + " by " + r.hours() + " hours"));
        approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        approve.setAriaLabel("Approve extension of " + r.sandbox().name());
        Button reject = new Button(
                "Reject",
                e -> decide(
                        () -> extensionService.rejectExtension(r.id(), null),
                        "Rejected the extension of " + r.sandbox().name()));
        reject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        reject.setAriaLabel("Reject extension of " + r.sandbox().name());
        approve.setEnabled(!own);
        reject.setEnabled(!own);
        actions.add(approve, reject);
        return actions;
    }

    private Component actions(SandboxSummary s) {
        Div actions = new Div();
        actions.addClassName("dp-row-actions");
        boolean own = s.requestedBy().id().equals(me.id());
        Button approve = new Button(
                "Approve",
                e -> new DecisionDialog(
                                s,
                                true,
                                note -> decide(() -> requestService.approve(s.id(), note), "Approved " + s.name()))
                        .open());
        approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        approve.setAriaLabel("Approve " + s.name());
        Button reject = new Button(
                "Reject",
                e -> new DecisionDialog(
                                s,
                                false,
                                note -> decide(() -> requestService.reject(s.id(), note), "Rejected " + s.name()))
                        .open());
        reject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        reject.setAriaLabel("Reject " + s.name());
        if (own) {
            approve.setEnabled(false);
            reject.setEnabled(false);
            approve.setTooltipText("Your own request: someone else decides");
        }
        actions.add(approve, reject);
        return actions;
    }

    private void decide(Runnable decision, String done) {
        try {
            decision.run();
            Notification.show(done, 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (DomainException refused) {
            Notification.show(refused.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
        refresh();
    }
}
