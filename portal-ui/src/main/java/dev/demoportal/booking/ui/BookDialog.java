package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.DomainException;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.BookingRequest;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.SlotUnavailable;
import dev.demoportal.environment.EnvironmentSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Book a slot for a period. While the form changes it asks the service whether a slot is free
 * then and, if not, proposes the next free start here and other environments of the region.
 */
class BookDialog extends Dialog {

    /** Quick lengths; choosing one sets the end. */
    enum Length {
        MIN_30("30 minutes", Duration.ofMinutes(30)),
        H1("1 hour", Duration.ofHours(1)),
        H2("2 hours", Duration.ofHours(2)),
        H4("4 hours", Duration.ofHours(4)),
        H8("8 hours", Duration.ofHours(8)),
        D1("1 day", Duration.ofDays(1)),
        D3("3 days", Duration.ofDays(3));

        final String label;
        final Duration duration;

        Length(String label, Duration duration) {
            this.label = label;
            this.duration = duration;
        }

        static @Nullable Length of(Duration d) {
            for (Length l : values()) {
                if (l.duration.equals(d)) {
                    return l;
                }
            }
            return null;
        }
    }

    final Select<EnvironmentSummary> environment = new Select<>();
    final DateTimePicker start = Pickers.dateTime("Start");
    final Select<Length> length = new Select<>();
    final DateTimePicker end = Pickers.dateTime("End");
    final TextField purpose = new TextField("Purpose");
    final TextField customer = new TextField("Customer");
    final Div availability = new Div();
    final Button book = new Button("Book");

    private final BookingService bookings;
    private final ZoneId zone;
    private final Clock clock;
    private final FieldErrors errors = new FieldErrors();
    private boolean updating;

    BookDialog(
            BookingService bookings,
            List<EnvironmentSummary> environments,
            @Nullable String slug,
            @Nullable Instant from,
            @Nullable Instant until,
            ZoneId zone,
            Clock clock,
            Consumer<BookingSummary> booked) {
        this.bookings = bookings;
        this.zone = zone;
        this.clock = clock;
        setHeaderTitle("Book a slot");
        setWidth("640px");

        environment.setLabel("Environment");
        environment.setItems(environments);
        environment.setItemLabelGenerator(e -> e.name() + " · " + e.region().name());
        environment.setRequiredIndicatorVisible(true);
        start.setStep(Duration.ofMinutes(15));
        start.setHelperText("Your time (" + zone.getId() + ")");
        start.setRequiredIndicatorVisible(true);
        end.setStep(Duration.ofMinutes(15));
        end.setRequiredIndicatorVisible(true);
        length.setLabel("Duration");
        length.setItems(Length.values());
        length.setItemLabelGenerator(l -> l.label);
        length.setPlaceholder("Custom");
        purpose.setRequiredIndicatorVisible(true);
        purpose.setMaxLength(200);
        purpose.setPlaceholder("e.g. Acme workshop: GitOps demo");
        customer.setMaxLength(120);
        customer.setHelperText("Optional");
        availability.addClassName("dp-availability");
        availability.setId("book-availability");

        errors.field("environment", environment)
                .field("start", start)
                .field("end", end)
                .field("purpose", purpose)
                .field("customer", customer);

        Instant now = clock.instant();
        Instant first = from != null ? from : roundUp(now);
        Instant last = until != null ? until : first.plus(Duration.ofHours(2));
        environments.stream().filter(e -> e.slug().equals(slug)).findFirst().ifPresent(environment::setValue);
        start.setValue(local(first));
        end.setValue(local(last));
        length.setValue(Length.of(Duration.between(first, last)));

        environment.addValueChangeListener(e -> check());
        start.addValueChangeListener(e -> {
            if (!updating && e.getOldValue() != null && e.getValue() != null && end.getValue() != null) {
                // moving the start keeps the length
                Duration kept = Duration.between(e.getOldValue(), end.getValue());
                updating = true;
                end.setValue(e.getValue().plus(kept.isNegative() || kept.isZero() ? Duration.ofHours(1) : kept));
                updating = false;
            }
            check();
        });
        end.addValueChangeListener(e -> {
            if (!updating) {
                updating = true;
                length.setValue(
                        start.getValue() == null || e.getValue() == null
                                ? null
                                : Length.of(Duration.between(start.getValue(), e.getValue())));
                updating = false;
                check();
            }
        });
        length.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null && start.getValue() != null) {
                updating = true;
                end.setValue(start.getValue().plus(e.getValue().duration));
                updating = false;
                check();
            }
        });

        FormLayout form = new FormLayout(environment, start, length, end, purpose, customer);
        form.setColspan(environment, 2);
        form.setColspan(purpose, 2);
        add(form, availability);

        book.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        book.addClickListener(e -> submit(booked));
        getFooter().add(new Button("Cancel", e -> close()), book);
        check();
    }

    private void submit(Consumer<BookingSummary> booked) {
        errors.clear();
        EnvironmentSummary env = environment.getValue();
        Instant s = instant(start.getValue());
        Instant en = instant(end.getValue());
        try {
            BookingSummary result = bookings.book(
                    new BookingRequest(env == null ? "" : env.slug(), s, en, purpose.getValue(), customer.getValue()));
            close();
            Notification.show(
                            "Booked " + result.environmentName() + ", slot " + result.slot() + ", "
                                    + ViewerTime.range(result.start(), result.end(), zone, clock.instant()),
                            4000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            booked.accept(result);
        } catch (ValidationFailed failed) {
            String rest = errors.show(failed);
            if (!rest.isEmpty()) {
                Notification.show(rest, 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        } catch (SlotUnavailable unavailable) {
            showTaken("Every slot is taken for that time", unavailable.nextFreeAt(), env, s, en);
        } catch (Conflict conflict) {
            Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
    }

    /** Tells whether a slot is free for the chosen period; proposes the next free start otherwise. */
    private void check() {
        availability.removeAll();
        availability.getElement().removeAttribute("theme");
        EnvironmentSummary env = environment.getValue();
        Instant s = instant(start.getValue());
        Instant en = instant(end.getValue());
        if (env == null || s == null || en == null || !en.isAfter(s)) {
            return;
        }
        if (!env.bookable()) {
            note("warning", env.name() + " is " + env.status().label().toLowerCase() + " and cannot be booked.");
            return;
        }
        try {
            Optional<Instant> next = bookings.nextFree(env.slug(), s, Duration.between(s, en));
            Instant effectiveStart = s.isBefore(clock.instant()) ? clock.instant() : s;
            if (next.isPresent() && !next.get().isAfter(effectiveStart.plusSeconds(60))) {
                note("success", "A slot is free for that time.");
                return;
            }
            showTaken("Taken for that time", next.orElse(null), env, s, en);
        } catch (DomainException e) {
            note("warning", e.getMessage());
        }
    }

    private void showTaken(
            String what,
            @Nullable Instant next,
            @Nullable EnvironmentSummary env,
            @Nullable Instant s,
            @Nullable Instant en) {
        availability.removeAll();
        if (next == null) {
            note("warning", what + "; no slot of this environment is free for that long within its booking horizon.");
        } else {
            Duration len = s == null || en == null ? Duration.ofHours(1) : Duration.between(s, en);
            Instant proposal = ceilMinute(next);
            note(
                    "warning",
                    what + "; next free in this environment: " + ViewerTime.format(proposal, zone, clock.instant()));
            Button use = new Button("Use " + ViewerTime.format(proposal, zone, clock.instant()), e -> {
                updating = true;
                start.setValue(local(proposal));
                end.setValue(local(proposal.plus(len)));
                updating = false;
                check();
            });
            use.addThemeVariants(ButtonVariant.LUMO_SMALL);
            availability.add(use);
        }
        if (env == null || s == null || en == null) {
            return;
        }
        List<EnvironmentSummary> others = bookings.alternatives(env.slug(), s, en);
        if (!others.isEmpty()) {
            Span label = new Span("Free at that time in " + env.region().name() + ":");
            label.addClassName("dp-muted");
            availability.add(new Div(label));
            for (EnvironmentSummary other : others) {
                Button switchTo = new Button(other.name(), e -> environment.setValue(other));
                switchTo.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                availability.add(switchTo);
            }
        }
    }

    private void note(String theme, String text) {
        availability.getElement().setAttribute("theme", theme);
        Span message = new Span(text);
        message.addClassName("dp-availability-message");
        availability.addComponentAsFirst(message);
    }

    private LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    private @Nullable Instant instant(@Nullable LocalDateTime value) {
        return value == null ? null : value.atZone(zone).toInstant();
    }

    /** Forms work in whole minutes; a slot free from 14:07:33 is proposed from 14:08. */
    static Instant ceilMinute(Instant instant) {
        Instant minute = instant.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(instant) ? minute : minute.plus(Duration.ofMinutes(1));
    }

    /** The next quarter hour: a booking made now starts at once anyway (the service treats it as now). */
    static Instant roundUp(Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        long rest = minute.getEpochSecond() / 60 % 15;
        return rest == 0 ? minute : minute.plus(Duration.ofMinutes(15 - rest));
    }
}
