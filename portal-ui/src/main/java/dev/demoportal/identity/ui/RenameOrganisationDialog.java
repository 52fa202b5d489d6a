package dev.demoportal.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;

/** A field engineer or admin gives an organisation a new name; its slug, and so every link, stays. */
class RenameOrganisationDialog extends Dialog {

    final TextField name = new TextField("New name");
    final Button save = new Button("Rename");

    RenameOrganisationDialog(OrganisationService organisations, OrganisationRef organisation, Runnable renamed) {
        setHeaderTitle("Rename " + organisation.name());
        setWidth("480px");
        Paragraph what = new Paragraph("Its slug, " + organisation.slug()
                + ", stays: invitation links, API calls and sign-in mappings that name it keep working.");
        name.setWidthFull();
        name.setMaxLength(120);
        name.setRequiredIndicatorVisible(true);
        name.setValue(organisation.name());
        FieldErrors errors = new FieldErrors().field("name", name);
        add(what, name);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            try {
                OrganisationRef result = organisations.rename(organisation.id(), name.getValue());
                close();
                Notification.show("Renamed to " + result.name(), 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                renamed.run();
            } catch (ValidationFailed failed) {
                errors.show(failed);
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
