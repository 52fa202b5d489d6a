package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.sandbox.SandboxTemplateService;
import dev.demoportal.sandbox.TemplateForm;
import dev.demoportal.sandbox.TemplateSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Creates or edits a template. Parameters are {@code key=value} lines, handed to the layers as they are. */
class TemplateEditor extends Dialog {

    final TextField slug = new TextField("Slug");
    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final TextArea offering = new TextArea("What the customer gets (one item a line)");
    final MultiSelectComboBox<String> regions = new MultiSelectComboBox<>("Regions");
    final IntegerField defaultLifetime = new IntegerField("Default lifetime (hours)");
    final IntegerField maxLifetime = new IntegerField("Maximum lifetime (hours)");
    final Checkbox autoApprove = new Checkbox("Approve automatically within the default lifetime and quota");
    final IntegerField quota = new IntegerField("Active sandboxes per organisation");
    final TextArea parameters = new TextArea("Provisioning parameters (key=value a line)");
    final Checkbox active = new Checkbox("Can be requested");
    final Button save = new Button("Save");

    TemplateEditor(
            SandboxTemplateService templates,
            List<String> regionCodes,
            @Nullable TemplateSummary existing,
            Consumer<TemplateSummary> saved) {
        setHeaderTitle(existing == null ? "New template" : "Edit " + existing.name());
        regions.setItems(regionCodes);
        FormLayout form = new FormLayout(
                slug,
                name,
                description,
                offering,
                regions,
                defaultLifetime,
                maxLifetime,
                quota,
                autoApprove,
                active,
                parameters);
        form.setColspan(description, 2);
        form.setColspan(offering, 2);
        form.setColspan(parameters, 2);
        add(form);
        if (existing != null) {
            slug.setValue(existing.slug());
            name.setValue(existing.name());
            description.setValue(existing.description());
            offering.setValue(existing.offering());
            regions.setValue(new TreeSet<>(existing.regions()));
            defaultLifetime.setValue(existing.defaultLifetimeHours());
            maxLifetime.setValue(existing.maxLifetimeHours());
            autoApprove.setValue(existing.autoApprove());
            quota.setValue(existing.organisationQuota());
            parameters.setValue(existing.parameters().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .sorted()
                    .collect(Collectors.joining("\n")));
            active.setValue(existing.active());
        } else {
            defaultLifetime.setValue(72);
            maxLifetime.setValue(336);
            quota.setValue(2);
            active.setValue(true);
        }
        FieldErrors errors = new FieldErrors()
                .field("slug", slug)
                .field("name", name)
                .field("description", description)
                .field("offering", offering)
                .field("regions", regions)
                .field("defaultLifetimeHours", defaultLifetime)
                .field("maxLifetimeHours", maxLifetime)
                .field("organisationQuota", quota)
                .field("parameters", parameters);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            try {
                TemplateForm f = new TemplateForm(
                        slug.getValue().strip(),
                        name.getValue(),
                        description.getValue(),
                        offering.getValue(),
                        new ArrayList<>(regions.getValue()),
                        value(defaultLifetime),
                        value(maxLifetime),
                        autoApprove.getValue(),
                        value(quota),
                        parse(parameters.getValue()),
                        active.getValue());
                TemplateSummary result =
                        existing == null ? templates.create(f) : templates.update(existing.id(), existing.version(), f);
                saved.accept(result);
                close();
            } catch (ValidationFailed failed) {
                String rest = errors.show(failed);
                if (!rest.isEmpty()) {
                    Notification.show(rest, 5000, Notification.Position.MIDDLE);
                }
            } catch (Conflict conflict) {
                Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private static int value(IntegerField field) {
        return field.getValue() == null ? 0 : field.getValue();
    }

    static Map<String, String> parse(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw ValidationFailed.of("parameters", "Write each parameter as key=value: " + l);
            }
            map.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return map;
    }
}
