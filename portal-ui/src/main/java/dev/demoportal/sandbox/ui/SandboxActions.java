package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.sandbox.SandboxExtensionService;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import java.util.function.Supplier;

/**
 * What the viewer may do to one sandbox now: cancel the request, extend it (within the template's
 * maximum, or ask someone to approve a longer one), tear it down, retry it. The buttons hide what
 * the viewer may not do; the services decide. After each action the page is redrawn.
 */
class SandboxActions extends Div {

    private final SandboxService sandboxes;
    private final SandboxRequestService requestService;
    private final SandboxExtensionService extensionService;
    private final UserAccount me;
    private final Runnable refresh;
    final IntegerField extendHours = new IntegerField();

    SandboxActions(
            SandboxService sandboxes,
            SandboxRequestService requestService,
            SandboxExtensionService extensionService,
            UserAccount me,
            Runnable refresh) {
        this.sandboxes = sandboxes;
        this.requestService = requestService;
        this.extensionService = extensionService;
        this.me = me;
        this.refresh = refresh;
        addClassName("dp-toolbar");
        extendHours.setAriaLabel("Hours to extend by");
        extendHours.setMin(1);
        extendHours.setValue(24);
        extendHours.setStepButtonsVisible(true);
        extendHours.setWidth("9em");
    }

    /** Draws what the viewer may do to {@code s} now. */
    void show(SandboxSummary s) {
        removeAll();
        boolean owner = me.customer()
                && me.organisation() != null
                && me.organisation().id().equals(s.organisation().id());
        boolean staff = !me.customer();
        if (s.status() == SandboxStatus.REQUESTED
                && (owner || s.requestedBy().id().equals(me.id()))) {
            Button cancel = new Button("Cancel request", e -> {
                ConfirmDialog confirm = new ConfirmDialog(
                        "Cancel the request for " + s.name() + "?",
                        "It is withdrawn before anyone decides, and frees its place in the quota. To have it "
                                + "after all, request it again.",
                        "Cancel request",
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
            add(cancel);
        }
        if ((owner || staff) && s.status() == SandboxStatus.READY && s.extendableHours() > 0) {
            extendHours.setMax(s.extendableHours());
            extendHours.setHelperText("Up to " + s.extendableHours() + " h");
            Button extend = new Button(
                    "Extend",
                    e -> perform(() -> {
                        Integer hours = extendHours.getValue();
                        extensionService.extend(s.id(), hours == null ? 0 : hours);
                        return "Extended by " + hours + " hours";
                    }));
            extend.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            extend.setId("extend");
            add(extendHours, extend);
        }
        if ((owner || staff) && s.status() == SandboxStatus.READY && s.extendableHours() == 0) {
            Span max = new Span("It has reached its template's maximum lifetime.");
            max.addClassName("dp-muted");
            add(max, longerExtension(s));
        }
        if ((owner || staff) && (s.status() == SandboxStatus.READY || s.status() == SandboxStatus.FAILED)) {
            Button teardown = new Button("Tear down", e -> {
                ConfirmDialog confirm = new ConfirmDialog(
                        "Tear down " + s.name() + "?",
                        s.status() == SandboxStatus.FAILED
                                ? "Whatever it made before it failed is deleted, and it no longer counts against "
                                        + "the quota. It cannot be retried afterwards."
                                : "Everything in it is deleted. This cannot be undone.",
                        "Tear down",
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
            add(teardown);
        }
        if (s.status() == SandboxStatus.FAILED && (me.hasRole(Role.FIELD_ENGINEER) || me.hasRole(Role.ADMIN))) {
            Button retry = new Button(
                    "Retry",
                    e -> perform(() -> {
                        sandboxes.retry(s.id());
                        return "Retrying from the failed step";
                    }));
            retry.setId("retry");
            add(retry);
        }
    }

    /** Beyond the template's maximum: an extension request someone else approves. */
    private Div longerExtension(SandboxSummary s) {
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
                extensionService.requestExtension(
                        s.id(), hours.getValue() == null ? 0 : hours.getValue(), reason.getValue());
                Notification.show(
                                "Extension requested; you will be told when it is decided",
                                4000,
                                Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (ValidationFailed failed) {
                Notification.show(failed.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
                return;
            } catch (Conflict conflict) {
                Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
            refresh.run();
        });
        ask.setId("request-extension");
        box.add(hours, reason, ask);
        box.addClassName("dp-toolbar");
        return box;
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
        refresh.run();
    }
}
