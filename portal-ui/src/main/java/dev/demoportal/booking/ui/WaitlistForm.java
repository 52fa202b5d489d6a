package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.WaitlistPlace;
import dev.demoportal.booking.WaitlistService;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/** Joining an environment's waitlist: a window, how long, what for. On the environment's page and from the board. */
class WaitlistForm extends HorizontalLayout {

    static final List<Duration> LENGTHS = List.of(
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(4),
            Duration.ofHours(8),
            Duration.ofDays(1));

    final DateTimePicker from = Pickers.dateTime("From");
    final DateTimePicker until = Pickers.dateTime("Until");
    final Select<Duration> length = new Select<>();
    final TextField purpose = new TextField("Purpose");
    final Button join = new Button("Join the waitlist");

    WaitlistForm(WaitlistService waitlist, String slug, ZoneId zone, Clock clock, Consumer<WaitlistPlace> joined) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone).truncatedTo(ChronoUnit.MINUTES);
        from.setValue(now);
        until.setValue(now.plusHours(8));
        length.setLabel("For");
        length.setItems(LENGTHS);
        length.setItemLabelGenerator(ViewerTime::length);
        length.setValue(Duration.ofHours(2));
        purpose.setMaxLength(200);
        FieldErrors errors = new FieldErrors()
                .field("windowStart", from)
                .field("windowEnd", until)
                .field("duration", length)
                .field("purpose", purpose);
        join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        join.addClickListener(e -> {
            try {
                if (from.isEmpty() || until.isEmpty()) {
                    throw ValidationFailed.of(from.isEmpty() ? "windowStart" : "windowEnd", "Enter a time");
                }
                WaitlistPlace entry = waitlist.joinWaitlist(
                        slug,
                        from.getValue().atZone(zone).toInstant(),
                        until.getValue().atZone(zone).toInstant(),
                        length.getValue(),
                        purpose.getValue());
                errors.clear();
                Notification.show(
                                "You are number " + entry.position() + " in line",
                                4000,
                                Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                joined.accept(entry);
            } catch (ValidationFailed failed) {
                errors.show(failed);
            } catch (Conflict conflict) {
                Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
        });
        add(from, until, length, purpose, join);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
    }
}
