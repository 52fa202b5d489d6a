package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.SlotResetService;
import dev.demoportal.booking.SlotResetSummary;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.ResetPlan;
import dev.demoportal.environment.ResetPlanService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The environment page's "Hand-off" section: the reset plan run on a slot after each holding, and
 * each slot's state (resetting, clean since, out of service). Admins edit the plan and return
 * slots that are out of service to service here.
 */
class ResetSection extends Div {

    private final ResetPlanService plans;
    private final SlotResetService resets;
    private final EnvironmentSummary environment;
    private final boolean admin;
    private final ZoneId zone;
    private final Clock clock;

    ResetSection(
            ResetPlanService plans,
            SlotResetService resets,
            EnvironmentSummary environment,
            boolean admin,
            ZoneId zone,
            Clock clock) {
        this.plans = plans;
        this.resets = resets;
        this.environment = environment;
        this.admin = admin;
        this.zone = zone;
        this.clock = clock;
        addClassName("dp-reset-section");
        draw();
    }

    private void draw() {
        removeAll();
        Instant now = clock.instant();
        add(new H3("Hand-off"));
        Optional<ResetPlan> plan = plans.plan(environment.id());
        if (plan.isEmpty()) {
            add(new Paragraph("No reset plan: a slot is handed to the next holder as the last one left it."));
        } else {
            Div steps = new Div();
            steps.addClassName("dp-reset-plan");
            int n = 1;
            for (String step : plan.get().describe()) {
                steps.add(new Div(new Span(n++ + ". " + step)));
            }
            add(
                    new Paragraph("After each holding the worker runs these steps in the slot's namespace; the next"
                            + " holder gets the slot only once they succeeded."),
                    steps);
        }
        Map<Integer, SlotResetSummary> latest = resets.latest(environment.id());
        for (int slot = 1; slot <= environment.tenantSlots(); slot++) {
            SlotResetSummary reset = latest.get(slot);
            Div row = new Div(new Span("Slot " + slot + ": "));
            row.addClassName("dp-reset-slot");
            if (reset == null) {
                Span never = new Span("never reset");
                never.addClassName("dp-muted");
                row.add(never);
            } else {
                row.add(ResetText.badge(reset, zone, now));
                if (reset.error() != null && reset.state() == SlotResetSummary.SlotState.OUT_OF_SERVICE) {
                    Span error = new Span(" " + reset.error());
                    error.addClassName("dp-muted");
                    row.add(error);
                }
                if (admin && reset.state() == SlotResetSummary.SlotState.OUT_OF_SERVICE) {
                    int number = slot;
                    Button back = new Button("Return to service", e -> returnToService(number));
                    back.addThemeVariants(ButtonVariant.LUMO_SMALL);
                    back.setAriaLabel("Return slot " + slot + " of " + environment.name() + " to service");
                    row.add(back);
                }
            }
            add(row);
        }
        if (admin) {
            Button edit = new Button(
                    plan.isEmpty() ? "Add a reset plan…" : "Edit reset plan…",
                    e -> new ResetPlanDialog(plans, environment, plan.orElse(null), saved -> draw()).open());
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            add(edit);
        }
    }

    private void returnToService(int slot) {
        try {
            resets.returnToService(environment.slug(), slot, "Returned from the environment page");
            Notification.show(
                            "Slot " + slot + " is back in service ("
                                    + ViewerTime.format(clock.instant(), zone, clock.instant()) + ")",
                            3000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (Conflict conflict) {
            Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
        draw();
    }
}
