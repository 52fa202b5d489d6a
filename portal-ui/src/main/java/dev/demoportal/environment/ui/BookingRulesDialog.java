package dev.demoportal.environment.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.environment.BookingRules;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentView;
import dev.demoportal.environment.MaintenanceWindowView;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Admins: how an environment may be booked, and its maintenance windows (no bookings inside).
 * Times are entered and shown in the region's time zone, where the platform team works.
 */
class BookingRulesDialog extends Dialog {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm");

    final IntegerField minMinutes = new IntegerField("Shortest booking (minutes)");
    final IntegerField maxMinutes = new IntegerField("Longest booking (minutes)");
    final IntegerField horizonDays = new IntegerField("Book at most (days ahead)");
    final IntegerField graceMinutes = new IntegerField("Check-in grace (minutes)");
    final DateTimePicker windowStart = Pickers.dateTime("Maintenance from");
    final DateTimePicker windowEnd = Pickers.dateTime("until");
    final TextField windowReason = new TextField("Reason");
    final Grid<MaintenanceWindowView> windows = new Grid<>();

    private final EnvironmentService service;
    private final Clock clock;
    private final ZoneId zone;
    private EnvironmentView environment;

    BookingRulesDialog(EnvironmentService service, Clock clock, EnvironmentView environment,
            Consumer<EnvironmentView> saved) {
        this.service = service;
        this.clock = clock;
        this.environment = environment;
        this.zone = ZoneId.of(environment.region().timeZone());
        setHeaderTitle("Booking rules of " + environment.name());
        setWidth("720px");

        BookingRules rules = environment.rules();
        minMinutes.setValue(rules.minMinutes());
        maxMinutes.setValue(rules.maxMinutes());
        horizonDays.setValue(rules.horizonDays());
        graceMinutes.setValue(rules.checkInGraceMinutes());
        graceMinutes.setHelperText("Reservations not checked in by then are released as no-shows");
        FieldErrors ruleErrors = new FieldErrors().field("minMinutes", minMinutes).field("maxMinutes", maxMinutes)
                .field("horizonDays", horizonDays).field("checkInGraceMinutes", graceMinutes);
        Button saveRules = new Button("Save rules", e -> {
            try {
                this.environment = service.updateBookingRules(this.environment.id(), this.environment.version(),
                        new BookingRules(value(minMinutes), value(maxMinutes), value(horizonDays), value(graceMinutes)));
                ruleErrors.clear();
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

        windows.addColumn(w -> WHEN.format(w.start().atZone(zone))).setHeader("From (" + zone.getId() + ")");
        windows.addColumn(w -> WHEN.format(w.end().atZone(zone))).setHeader("Until");
        windows.addColumn(MaintenanceWindowView::reason).setHeader("Reason");
        windows.addComponentColumn(w -> {
            Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
                service.cancelMaintenance(w.id());
                refreshWindows();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Cancel maintenance " + w.reason());
            return remove;
        }).setFlexGrow(0).setWidth("5em");
        windows.setAllRowsVisible(true);
        windows.setEmptyStateText("No maintenance planned");
        windowReason.setMaxLength(200);
        FieldErrors windowErrors = new FieldErrors().field("start", windowStart).field("end", windowEnd)
                .field("reason", windowReason);
        Button addWindow = new Button("Schedule maintenance", VaadinIcon.WRENCH.create(), e -> {
            if (windowStart.isEmpty() || windowEnd.isEmpty()) {
                windowErrors.show(ValidationFailed.of(windowStart.isEmpty() ? "start" : "end", "Enter a time"));
                return;
            }
            try {
                service.scheduleMaintenance(this.environment.id(), windowStart.getValue().atZone(zone).toInstant(),
                        windowEnd.getValue().atZone(zone).toInstant(), windowReason.getValue());
                windowErrors.clear();
                windowReason.clear();
                refreshWindows();
            } catch (ValidationFailed failed) {
                windowErrors.show(failed);
            }
        });
        refreshWindows();

        HorizontalLayout newWindow = new HorizontalLayout(windowStart, windowEnd, windowReason, addWindow);
        newWindow.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        newWindow.setWrap(true);
        add(new FormLayout(minMinutes, maxMinutes, horizonDays, graceMinutes), saveRules,
                new H4("Maintenance windows"), windows, newWindow);
        getFooter().add(new Button("Close", e -> close()));
    }

    private void refreshWindows() {
        var now = clock.instant();
        windows.setItems(service.maintenanceWindows(environment.id(), now, now.plus(Duration.ofDays(400))));
        windowStart.setMin(LocalDateTime.ofInstant(now, zone).withSecond(0).withNano(0));
    }

    private static int value(IntegerField field) {
        return field.getValue() == null ? 0 : field.getValue();
    }
}
