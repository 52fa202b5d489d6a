package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import dev.demoportal.sandbox.SandboxSummary;
import java.util.function.Consumer;

/** Approve or reject one request, with an optional note the customer will see. */
class DecisionDialog extends Dialog {

    final TextArea note = new TextArea("Note (the requester sees it)");
    final Button confirm;

    DecisionDialog(SandboxSummary request, boolean approve, Consumer<String> decide) {
        setHeaderTitle((approve ? "Approve " : "Reject ") + request.templateName() + " for "
                + request.organisation().name());
        note.setMaxLength(2000);
        note.setWidthFull();
        add(
                new Paragraph(request.requestedBy().name() + " asks for " + request.lifetimeHours() + " hours in "
                        + request.region() + ": " + request.useCase()),
                note);
        confirm = new Button(approve ? "Approve" : "Reject", e -> {
            decide.accept(note.getValue());
            close();
        });
        confirm.addThemeVariants(approve ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_ERROR);
        getFooter().add(new Button("Cancel", e -> close()), confirm);
    }
}
