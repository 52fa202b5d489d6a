package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import java.util.function.Consumer;

/** A manager or admin ends someone else's hold and says why; the holder is told. */
class ReasonDialog extends Dialog {

    final TextArea reason = new TextArea("Reason");
    final Button release = new Button("Force release");

    ReasonDialog(BookingService bookings, BookingSummary booking, Consumer<BookingSummary> released) {
        setHeaderTitle("Force release slot " + booking.slot() + " of " + booking.environmentName());
        setWidth("480px");
        Paragraph what = new Paragraph(booking.holder().name() + " holds it for \"" + booking.purpose()
                + "\". They will be told, with your reason.");
        reason.setWidthFull();
        reason.setMaxLength(200);
        reason.setRequiredIndicatorVisible(true);
        reason.setPlaceholder("e.g. Needed for the board demo at 15:00; idle since this morning");
        FieldErrors errors = new FieldErrors().field("reason", reason);
        add(what, reason);
        release.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        release.addClickListener(e -> {
            try {
                BookingSummary result = bookings.forceRelease(booking.id(), reason.getValue());
                close();
                Notification.show(
                                "Released slot " + result.slot() + " of " + result.environmentName(),
                                3000,
                                Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                released.accept(result);
            } catch (ValidationFailed failed) {
                errors.show(failed);
            } catch (Conflict conflict) {
                close();
                Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), release);
    }
}
