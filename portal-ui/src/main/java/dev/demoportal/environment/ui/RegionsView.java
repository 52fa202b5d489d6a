package dev.demoportal.environment.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.RegionForm;
import dev.demoportal.environment.RegionSummary;
import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;

/** Regions the demo platform runs in (admins). A region's code is permanent once created. */
@Route("admin/regions")
@PageTitle("Regions")
@RolesAllowed("ADMIN")
public class RegionsView extends VerticalLayout {

    private final EnvironmentService service;
    private final Grid<RegionSummary> grid = new Grid<>();

    RegionsView(EnvironmentService service) {
        this.service = service;
        Button create = new Button("New region", VaadinIcon.PLUS.create(), e -> openEditor(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.addColumn(RegionSummary::code).setHeader("Code").setFlexGrow(0).setWidth("8em");
        grid.addColumn(RegionSummary::name).setHeader("Name");
        grid.addColumn(RegionSummary::awsRegion).setHeader("AWS region");
        grid.addColumn(RegionSummary::timeZone).setHeader("Time zone");
        grid.addComponentColumn(r -> {
                    Button edit = new Button(VaadinIcon.EDIT.create(), e -> openEditor(r));
                    edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                    edit.setAriaLabel("Edit " + r.name());
                    return edit;
                })
                .setFlexGrow(0)
                .setWidth("5em");
        grid.setAllRowsVisible(true);
        // regions are a handful of reference rows; the list is small by nature
        grid.setItems(service.regions());
        add(create, grid);
    }

    private void openEditor(@Nullable RegionSummary existing) {
        Dialog dialog = new Dialog(existing == null ? "New region" : "Edit " + existing.name());
        TextField code = new TextField("Code");
        code.setHelperText("Short and permanent, e.g. latam");
        TextField name = new TextField("Name");
        TextField awsRegion = new TextField("AWS region");
        awsRegion.setHelperText("e.g. sa-east-1");
        TextField timeZone = new TextField("Time zone");
        timeZone.setHelperText("IANA name, e.g. America/Sao_Paulo");
        if (existing != null) {
            code.setValue(existing.code());
            code.setReadOnly(true);
            name.setValue(existing.name());
            awsRegion.setValue(existing.awsRegion());
            timeZone.setValue(existing.timeZone());
        }
        FieldErrors errors = new FieldErrors()
                .field("code", code)
                .field("name", name)
                .field("awsRegion", awsRegion)
                .field("timeZone", timeZone);
        Button save = new Button(existing == null ? "Create" : "Save", e -> {
            RegionForm form = new RegionForm(
                    code.getValue().strip(),
                    name.getValue(),
                    awsRegion.getValue().strip(),
                    timeZone.getValue().strip());
            try {
                RegionSummary saved = existing == null
                        ? service.createRegion(form)
                        : service.updateRegion(existing.code(), existing.version(), form);
                dialog.close();
                grid.setItems(service.regions());
                Notification.show("Saved " + saved.name(), 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (ValidationFailed failed) {
                errors.show(failed);
            } catch (Conflict conflict) {
                Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new FormLayout(code, name, awsRegion, timeZone));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
