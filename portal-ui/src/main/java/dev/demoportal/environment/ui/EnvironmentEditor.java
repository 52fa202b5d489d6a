package dev.demoportal.environment.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentLink;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.RegionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Create or edit a shared environment (admins). Rules are the service's; the dialog shows its verdict. */
class EnvironmentEditor extends Dialog {

    final TextField slug = new TextField("Slug");
    final TextField name = new TextField("Name");
    final Select<RegionSummary> region = new Select<>();
    final IntegerField tenantSlots = new IntegerField("Tenant slots");
    final Select<EnvironmentStatus> status = new Select<>();
    final TextArea description = new TextArea("Description");
    final TextArea links = new TextArea("Links");
    final Button save = new Button();

    private final FieldErrors errors = new FieldErrors();

    EnvironmentEditor(
            EnvironmentService service,
            List<RegionSummary> regions,
            @Nullable EnvironmentSummary existing,
            Consumer<EnvironmentSummary> saved) {
        setHeaderTitle(existing == null ? "New environment" : "Edit " + existing.name());
        setWidth("640px");

        slug.setRequiredIndicatorVisible(true);
        slug.setHelperText("Used in URLs and the API, e.g. emea-demo-3");
        name.setRequiredIndicatorVisible(true);
        region.setLabel("Region");
        region.setItems(regions);
        region.setItemLabelGenerator(r -> r.name() + " (" + r.awsRegion() + ")");
        region.setRequiredIndicatorVisible(true);
        tenantSlots.setMin(1);
        tenantSlots.setMax(64);
        tenantSlots.setStepButtonsVisible(true);
        tenantSlots.setHelperText("How many teams can use it at once (1–64)");
        status.setLabel("Status");
        status.setItems(EnvironmentStatus.values());
        status.setItemLabelGenerator(EnvironmentStatus::label);
        description.setMaxLength(4000);
        links.setHelperText("One per line: Label | https://…");

        errors.field("slug", slug)
                .field("name", name)
                .field("regionCode", region)
                .field("tenantSlots", tenantSlots)
                .field("status", status)
                .field("description", description)
                .field("links", links);

        if (existing != null) {
            slug.setValue(existing.slug());
            name.setValue(existing.name());
            region.setValue(regions.stream()
                    .filter(r -> r.code().equals(existing.region().code()))
                    .findFirst()
                    .orElse(null));
            tenantSlots.setValue(existing.tenantSlots());
            status.setValue(existing.status());
            description.setValue(existing.description());
            links.setValue(existing.links().stream()
                    .map(l -> l.label() + " | " + l.url())
                    .collect(Collectors.joining("\n")));
        } else {
            tenantSlots.setValue(4);
            status.setValue(EnvironmentStatus.AVAILABLE);
        }

        FormLayout form = new FormLayout(slug, name, region, tenantSlots, status, description, links);
        form.setColspan(description, 2);
        form.setColspan(links, 2);
        add(form);

        save.setText(existing == null ? "Create" : "Save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            try {
                EnvironmentForm input = read();
                EnvironmentSummary result = existing == null
                        ? service.createEnvironment(input)
                        : service.updateEnvironment(existing.id(), existing.version(), input);
                close();
                saved.accept(result);
            } catch (ValidationFailed failed) {
                String rest = errors.show(failed);
                if (!rest.isEmpty()) {
                    Notification.show(rest, 5000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
            } catch (Conflict conflict) {
                Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private EnvironmentForm read() {
        List<EnvironmentLink> parsed = new ArrayList<>();
        String[] lines = links.getValue().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int bar = line.indexOf('|');
            if (bar < 0) {
                throw ValidationFailed.of("links", "Line " + (i + 1) + ": write it as Label | https://…");
            }
            parsed.add(new EnvironmentLink(
                    line.substring(0, bar).strip(), line.substring(bar + 1).strip()));
        }
        return new EnvironmentForm(
                slug.getValue().strip(),
                name.getValue(),
                region.getValue() == null ? "" : region.getValue().code(),
                tenantSlots.getValue() == null ? 0 : tenantSlots.getValue(),
                status.getValue(),
                description.getValue(),
                parsed);
    }
}
