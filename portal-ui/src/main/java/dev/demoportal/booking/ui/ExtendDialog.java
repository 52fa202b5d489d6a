package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.Consumer;

/** Moves a booking's end later, if its slot stays free. */
class ExtendDialog extends Dialog {

    final DateTimePicker until = Pickers.dateTime("New end");
    final Button extend = new Button("Extend");

    ExtendDialog(
            BookingService bookings,
            BookingSummary booking,
            ZoneId zone,
            Clock clock,
            Consumer<BookingSummary> extended) {
        setHeaderTitle("Extend " + booking.environmentName() + ", slot " + booking.slot());
        setWidth("480px");
        LocalDateTime currentEnd = LocalDateTime.ofInstant(booking.end(), zone);
        Paragraph now = new Paragraph("It ends " + ViewerTime.format(booking.end(), zone, clock.instant()) + ".");
        until.setStep(Duration.ofMinutes(15));
        until.setValue(currentEnd.plusHours(1));
        until.setHelperText("Your time (" + zone.getId() + ")");
        HorizontalLayout quick = new HorizontalLayout();
        for (int hours : new int[] {1, 2, 4}) {
            Button plus = new Button("+" + hours + " h", e -> until.setValue(currentEnd.plusHours(hours)));
            plus.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            quick.add(plus);
        }
        FieldErrors errors = new FieldErrors().field("until", until);
        add(now, until, quick);
        extend.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        extend.addClickListener(e -> {
            if (until.getValue() == null) {
                until.setErrorMessage("Choose the new end");
                until.setInvalid(true);
                return;
            }
            try {
                BookingSummary result = bookings.extend(
                        booking.id(), until.getValue().atZone(zone).toInstant());
                close();
                Notification.show(
                                "Extended until " + ViewerTime.format(result.end(), zone, clock.instant()),
                                3000,
                                Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                extended.accept(result);
            } catch (ValidationFailed failed) {
                errors.show(failed);
            } catch (Conflict conflict) {
                until.setErrorMessage(conflict.getMessage());
                until.setInvalid(true);
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), extend);
    }
}
