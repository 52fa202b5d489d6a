package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.ResetPlan;
import dev.demoportal.environment.ResetPlanService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Admins edit an environment's reset plan: up to ten steps, each a Kubernetes Job (name, image,
 * arguments, service account, timeout) run in the slot's namespace after each holding.
 */
class ResetPlanDialog extends Dialog {

    private final ResetPlanService plans;
    private final EnvironmentSummary environment;
    private final Consumer<@Nullable ResetPlan> saved;
    private final List<StepFields> rows = new ArrayList<>();
    private final Div stepsBox = new Div();
    private final Div errors = new Div();

    /** The fields of one step. */
    private static final class StepFields {
        final TextField name = new TextField("Name");
        final TextField image = new TextField("Image");
        final TextField command = new TextField("Arguments");
        final TextField serviceAccount = new TextField("Service account");
        final IntegerField timeout = new IntegerField("Timeout (min)");

        StepFields(ResetPlan.@Nullable Step step) {
            image.setPlaceholder("bitnami/kubectl:1.31");
            command.setPlaceholder("delete all --all");
            command.setHelperText("Separated by spaces; empty: the image's entrypoint");
            timeout.setMin(1);
            timeout.setMax(120);
            timeout.setValue(step == null ? ResetPlan.Step.DEFAULT_TIMEOUT_MINUTES : step.timeoutMinutes());
            if (step != null) {
                name.setValue(step.name());
                image.setValue(step.image());
                command.setValue(String.join(" ", step.command()));
                serviceAccount.setValue(step.serviceAccount() == null ? "" : step.serviceAccount());
            }
        }

        ResetPlan.Step toStep() {
            List<String> args = command.getValue().isBlank()
                    ? List.of()
                    : Arrays.asList(command.getValue().strip().split("\\s+"));
            return new ResetPlan.Step(
                    name.getValue(),
                    image.getValue(),
                    args,
                    serviceAccount.getValue(),
                    timeout.getValue() == null ? 0 : timeout.getValue());
        }
    }

    ResetPlanDialog(
            ResetPlanService plans,
            EnvironmentSummary environment,
            @Nullable ResetPlan current,
            Consumer<@Nullable ResetPlan> saved) {
        this.plans = plans;
        this.environment = environment;
        this.saved = saved;
        setHeaderTitle("Reset plan of " + environment.name());
        setWidth("820px");
        add(new Paragraph("Steps run in order in the slot's namespace after each holding ends. The slot goes to"
                + " nobody new until they all succeeded; the first that fails takes the slot out of service."));
        if (current != null) {
            current.steps().forEach(s -> rows.add(new StepFields(s)));
        }
        if (rows.isEmpty()) {
            rows.add(new StepFields(null));
        }
        errors.addClassName("dp-form-errors");
        add(stepsBox, errors);
        drawSteps();

        Button addStep = new Button("Add step", e -> {
            rows.add(new StepFields(null));
            drawSteps();
        });
        addStep.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button save = new Button("Save plan", e -> save(false));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button remove = new Button("Remove plan", e -> save(true));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(addStep, remove, cancel, save);
    }

    private void drawSteps() {
        stepsBox.removeAll();
        for (int i = 0; i < rows.size(); i++) {
            StepFields row = rows.get(i);
            int index = i;
            Button drop = new Button("Remove", e -> {
                rows.remove(index);
                drawSteps();
            });
            drop.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            drop.setAriaLabel("Remove step " + (i + 1));
            Div line = new Div(
                    new Span((i + 1) + "."), row.name, row.image, row.command, row.serviceAccount, row.timeout, drop);
            line.addClassName("dp-reset-step");
            stepsBox.add(line);
        }
    }

    private void save(boolean removePlan) {
        errors.removeAll();
        try {
            ResetPlan plan = removePlan
                    ? null
                    : new ResetPlan(rows.stream().map(StepFields::toStep).toList());
            saved.accept(plans.update(environment.id(), plan).orElse(null));
            close();
        } catch (ValidationFailed failed) {
            failed.errors().forEach(error -> {
                Span line = new Span(error.field() + ": " + error.message());
                line.addClassName("dp-error-text");
                errors.add(new Div(line));
            });
        }
    }
}
