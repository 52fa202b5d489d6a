package dev.demoportal.environment.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.DurationField;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.BookingRules;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.MaintenanceWindowSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Admins: how an environment may be booked, and its maintenance windows (no bookings inside).
 * Lengths are typed as people say them ("3d", "2h 30m"). Maintenance times are entered and shown
 * in the admin's own time zone, like every other time in the portal, and the dialog names it next
 * to the fields; the region's zone is named too, since the platform team plans in it.
 */
class BookingRulesDialog extends Dialog {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm");

    final DurationField minLength = new DurationField("Shortest booking");
    final DurationField maxLength = new DurationField("Longest booking");
    final IntegerField horizonDays = new IntegerField("Book at most (days ahead)");
    final DurationField grace = new DurationField("Check-in grace");
    final Span zoneNote = new Span();
    final DateTimePicker windowStart = Pickers.dateTime("Maintenance from");
    final DateTimePicker windowEnd = Pickers.dateTime("until");
    final TextField windowReason = new TextField("Reason");
    final Grid<MaintenanceWindowSummary> windows = new Grid<>();

    private final EnvironmentService service;
    private final Clock clock;
    private final ZoneId zone;
    private EnvironmentSummary environment;

    BookingRulesDialog(
            EnvironmentService service,
            Clock clock,
            EnvironmentSummary environment,
            Consumer<EnvironmentSummary> saved) {
        this.service = service;
        this.clock = clock;
        this.environment = environment;
        this.zone = ViewerTime.zone();
        setHeaderTitle("Booking rules of " + environment.name());
        setWidth("720px");

        minLength.setHelperText("5m to 24h");
        maxLength.setHelperText("15m to 30d");
        horizonDays.setHelperText("1 to 365");
        grace.setHelperText("5m to 4h; reservations not checked in by then are released as no-shows");
        show(environment.rules());
        FieldErrors ruleErrors = new FieldErrors()
                .field("minMinutes", minLength)
                .field("maxMinutes", maxLength)
                .field("horizonDays", horizonDays)
                .field("checkInGraceMinutes", grace);
        Button saveRules = new Button("Save rules", e -> {
            try {
                List<ValidationFailed.FieldError> unreadable = new ArrayList<>();
                BookingRules rules = new BookingRules(
                        minutes("minMinutes", minLength, unreadable),
                        minutes("maxMinutes", maxLength, unreadable),
                        value(horizonDays),
                        minutes("checkInGraceMinutes", grace, unreadable));
                if (!unreadable.isEmpty()) {
                    throw new ValidationFailed(unreadable);
                }
                this.environment = service.updateBookingRules(this.environment.id(), this.environment.version(), rules);
                ruleErrors.clear();
                show(this.environment.rules());
                saved.accept(this.environment);
                Notification.show("Rules saved", 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (ValidationFailed failed) {
                ruleErrors.show(failed);
            } catch (Conflict conflict) {
                Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
        });
        saveRules.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        String place = ViewerTime.place(zone);
        windows.addColumn(w -> WHEN.format(w.start().atZone(zone))).setHeader("From (" + place + ")");
        windows.addColumn(w -> WHEN.format(w.end().atZone(zone))).setHeader("Until (" + place + ")");
        windows.addColumn(MaintenanceWindowSummary::reason).setHeader("Reason");
        windows.addComponentColumn(w -> {
                    Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
                        service.cancelMaintenance(w.id());
                        refreshWindows();
                    });
                    remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
                    remove.setAriaLabel("Cancel maintenance " + w.reason());
                    return remove;
                })
                .setFlexGrow(0)
                .setWidth("5em");
        windows.setAllRowsVisible(true);
        windows.setEmptyStateText("No maintenance planned");
        windowReason.setMaxLength(200);
        FieldErrors windowErrors = new FieldErrors()
                .field("start", windowStart)
                .field("end", windowEnd)
                .field("reason", windowReason);
        Button addWindow = new Button("Schedule maintenance", VaadinIcon.WRENCH.create(), e -> {
            if (windowStart.isEmpty() || windowEnd.isEmpty()) {
                windowErrors.show(ValidationFailed.of(windowStart.isEmpty() ? "start" : "end", "Enter a time"));
                return;
            }
            try {
                service.scheduleMaintenance(
                        this.environment.id(),
                        windowStart.getValue().atZone(zone).toInstant(),
                        windowEnd.getValue().atZone(zone).toInstant(),
                        windowReason.getValue());
                windowErrors.clear();
                windowReason.clear();
                refreshWindows();
            } catch (ValidationFailed failed) {
                windowErrors.show(failed);
            }
        });
        refreshWindows();

        ZoneId regionZone = ZoneId.of(environment.region().timeZone());
        windowStart.setHelperText("Your time (" + place + ")");
        windowEnd.setHelperText("Your time (" + place + ")");
        zoneNote.setId("maintenance-zone");
        zoneNote.addClassName("dp-muted");
        zoneNote.setText(ViewerTime.note(zone) + " " + environment.region().name() + " (" + regionZone.getId() + ") is "
                + difference(regionZone) + " right now.");
        HorizontalLayout newWindow = new HorizontalLayout(windowStart, windowEnd, windowReason, addWindow);
        newWindow.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        newWindow.setWrap(true);
        add(
                new FormLayout(minLength, maxLength, horizonDays, grace),
                saveRules,
                new H4("Maintenance windows"),
                zoneNote,
                windows,
                newWindow);
        getFooter().add(new Button("Close", e -> close()));
    }

    private void refreshWindows() {
        var now = clock.instant();
        windows.setItems(service.maintenanceWindows(environment.id(), now, now.plus(Duration.ofDays(400))));
        windowStart.setMin(LocalDateTime.ofInstant(now, zone).withSecond(0).withNano(0));
    }

    private void show(BookingRules rules) {
        minLength.setDuration(rules.minimum());
        maxLength.setDuration(rules.maximum());
        horizonDays.setValue(rules.horizonDays());
        grace.setDuration(rules.checkInGrace());
    }

    /** "on the same time as you", "8 hours behind you", "5 hours 30 minutes ahead of you". */
    private String difference(ZoneId regionZone) {
        var now = clock.instant();
        int seconds = regionZone.getRules().getOffset(now).getTotalSeconds()
                - zone.getRules().getOffset(now).getTotalSeconds();
        return seconds == 0
                ? "on the same time as you"
                : ViewerTime.roughly(Duration.ofSeconds(Math.abs(seconds)))
                        + (seconds < 0 ? " behind you" : " ahead of you");
    }

    /**
     * The field's length in minutes; 0 if it cannot be read, with the reason added to
     * {@code unreadable} to be shown on the field like the service's own messages.
     */
    private static int minutes(String name, DurationField field, List<ValidationFailed.FieldError> unreadable) {
        try {
            return Math.toIntExact(field.getDuration().toMinutes());
        } catch (IllegalArgumentException e) {
            unreadable.add(new ValidationFailed.FieldError(name, e.getMessage()));
            return 0;
        }
    }

    private static int value(IntegerField field) {
        return field.getValue() == null ? 0 : field.getValue();
    }
}
