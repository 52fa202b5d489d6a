package dev.demoportal.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.identity.NewInvitation;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Shown once after an invitation is made: whether the mail went out, in plain words, and the
 * invitation link with a button that copies it, so the sender can pass it on themselves (the only
 * way when no SMTP server is configured, as in local mode). The link is never shown again: only
 * its hash is kept.
 */
class InvitationLinkDialog extends Dialog {

    /**
     * Copies to the clipboard; where the Clipboard API is unavailable (a plain-http address other
     * than localhost), through a selected text area. Answers whether it worked.
     */
    private static final String COPY = """
            const text = $0;
            if (navigator.clipboard && window.isSecureContext) {
              return navigator.clipboard.writeText(text).then(() => true, () => false);
            }
            const area = document.createElement('textarea');
            area.value = text;
            area.setAttribute('readonly', '');
            area.style.position = 'fixed';
            area.style.opacity = '0';
            document.body.appendChild(area);
            area.select();
            let copied = false;
            try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
            area.remove();
            return copied;""";

    final Paragraph mail = new Paragraph();
    final TextField link = new TextField("Invitation link");
    final Button copy = new Button("Copy link", VaadinIcon.COPY.create());

    InvitationLinkDialog(NewInvitation created, ZoneId zone, Instant now) {
        String email = created.invitation().email();
        setHeaderTitle("Invitation for " + email);
        setWidth("640px");
        mail.setId("invitation-mail");
        mail.setText(
                switch (created.mail()) {
                    case QUEUED ->
                        "A mail to " + email + " is on its way (the delivery log shows when it went out). "
                                + "You can also share this link with them yourself.";
                    case NOT_CONFIGURED ->
                        "This portal sends no mail (kept in its outbox); share this link with " + email + " yourself.";
                });
        link.setId("invitation-link");
        link.setValue(created.link());
        link.setReadOnly(true);
        link.setWidthFull();
        link.setHelperText("Works once, for " + email + " signing in with that address, until "
                + ViewerTime.format(created.invitation().expiresAt(), zone, now) + ". It is not shown again.");
        copy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        copy.addClickListener(e -> copy.getElement()
                .executeJs(COPY, created.link())
                .then(Boolean.class, copied -> {
                    if (Boolean.TRUE.equals(copied)) {
                        Notification.show("Link copied", 2000, Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    } else {
                        Notification.show(
                                "The browser did not allow copying; select the link and copy it",
                                5000,
                                Notification.Position.MIDDLE);
                    }
                }));
        HorizontalLayout row = new HorizontalLayout(link, copy);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(mail, row);
        getFooter().add(new Button("Done", e -> close()));
    }
}
