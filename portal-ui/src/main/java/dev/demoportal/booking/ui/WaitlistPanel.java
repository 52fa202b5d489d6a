package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.WaitlistView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * An environment's waitlist: who is queueing, and a form to join when it is full. When a slot
 * frees inside someone's window, the first in line gets it and is told so in the portal.
 */
class WaitlistPanel extends Div {

    static final List<Duration> LENGTHS = List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(4), Duration.ofHours(8), Duration.ofDays(1));

    final OrderedList queue = new OrderedList();
    final DateTimePicker from = Pickers.dateTime("From");
    final DateTimePicker until = Pickers.dateTime("Until");
    final Select<Duration> length = new Select<>();
    final TextField purpose = new TextField("Purpose");
    final Button join = new Button("Join the waitlist");

    private final BookingService bookings;
    private final String slug;
    private final ZoneId zone;
    private final Clock clock;

    WaitlistPanel(BookingService bookings, String slug, ZoneId zone, Clock clock) {
        this.bookings = bookings;
        this.slug = slug;
        this.zone = zone;
        this.clock = clock;
        addClassName("dp-detail-section");
        Paragraph how = new Paragraph("Full when you need it? Queue for a slot of a given length within a window. "
                + "When one frees up in your window, the first in line gets it automatically and is told so.");
        how.addClassName("dp-muted");

        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone).truncatedTo(ChronoUnit.MINUTES);
        from.setValue(now);
        until.setValue(now.plusHours(8));
        length.setLabel("For");
        length.setItems(LENGTHS);
        length.setItemLabelGenerator(ViewerTime::length);
        length.setValue(Duration.ofHours(2));
        purpose.setMaxLength(200);
        FieldErrors errors = new FieldErrors().field("windowStart", from).field("windowEnd", until)
                .field("duration", length).field("purpose", purpose);
        join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        join.addClickListener(e -> {
            try {
                if (from.isEmpty() || until.isEmpty()) {
                    throw ValidationFailed.of(from.isEmpty() ? "windowStart" : "windowEnd", "Enter a time");
                }
                WaitlistView entry = bookings.joinWaitlist(slug, from.getValue().atZone(zone).toInstant(),
                        until.getValue().atZone(zone).toInstant(), length.getValue(), purpose.getValue());
                errors.clear();
                Notification.show("You are number " + entry.position() + " in line", 4000,
                        Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
            } catch (ValidationFailed failed) {
                errors.show(failed);
            } catch (Conflict conflict) {
                Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
        });
        HorizontalLayout form = new HorizontalLayout(from, until, length, purpose, join);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        add(new H3("Waitlist"), how, queue, form);
        refresh();
    }

    void refresh() {
        queue.removeAll();
        List<WaitlistView> entries = bookings.waitlist(slug);
        if (entries.isEmpty()) {
            Span none = new Span("Nobody is waiting.");
            none.addClassName("dp-muted");
            queue.add(new ListItem(none));
            return;
        }
        UUID me = CurrentActor.userId().orElse(null);
        Instant now = clock.instant();
        for (WaitlistView w : entries) {
            ListItem item = new ListItem(new Span(w.person().name() + " · " + ViewerTime.length(w.length()) + " within "
                    + ViewerTime.range(w.windowStart(), w.windowEnd(), zone, now) + " · " + w.purpose()));
            if (w.person().id().equals(me)) {
                Button leave = new Button("Leave", e -> {
                    bookings.leaveWaitlist(w.id());
                    refresh();
                });
                leave.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                item.add(leave);
            }
            queue.add(item);
        }
    }

}
