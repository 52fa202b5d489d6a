package dev.demoportal.booking.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.DomainException;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.Pickers;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.BookingRequest;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.FreeSlot;
import dev.demoportal.booking.SlotFinderService;
import dev.demoportal.booking.SlotSearch;
import dev.demoportal.booking.ui.BookDialog.Length;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.RegionSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * "Find a slot": how long, within which window, for a customer in which time zone and which
 * regions will do. Answers the earliest free slot of each environment, regions whose clocks are
 * closest to the customer's first, each bookable with one click.
 */
@Route("find-a-slot")
@PageTitle("Find a slot")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class SlotFinderView extends VerticalLayout {

    final Select<Length> length = new Select<>();
    final DateTimePicker from = Pickers.dateTime("From");
    final DateTimePicker to = Pickers.dateTime("To");
    final ComboBox<String> customerZone = new ComboBox<>("Customer's time zone");
    final CheckboxGroup<RegionSummary> regions = new CheckboxGroup<>("Regions");
    final TextField purpose = new TextField("Purpose");
    final TextField customer = new TextField("Customer");
    final Button search = new Button("Find", VaadinIcon.SEARCH.create());
    final Div results = new Div();

    private final SlotFinderService finder;
    private final BookingService bookings;
    private final Clock clock;
    private final FieldErrors errors = new FieldErrors();
    private ZoneId zone = ViewerTime.zone();

    SlotFinderView(SlotFinderService finder, BookingService bookings, EnvironmentService environments, Clock clock) {
        this.finder = finder;
        this.bookings = bookings;
        this.clock = clock;
        setWidthFull();
        addClassName("dp-slot-finder");

        length.setLabel("Duration");
        length.setItems(Length.values());
        length.setItemLabelGenerator(l -> l.label);
        length.setValue(Length.H2);
        customerZone.setItems(ZoneId.getAvailableZoneIds().stream()
                .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
                .sorted()
                .toList());
        customerZone.setClearButtonVisible(true);
        customerZone.setHelperText("Regions whose clocks are closest come first");
        regions.setItems(environments.regions());
        regions.setItemLabelGenerator(RegionSummary::name);
        regions.setHelperText("None ticked: any region");
        purpose.setMaxLength(200);
        purpose.setPlaceholder("e.g. Acme workshop: GitOps demo");
        purpose.setHelperText("Needed to book an answer");
        customer.setMaxLength(120);
        customer.setHelperText("Optional");
        errors.field("duration", length)
                .field("from", from)
                .field("to", to)
                .field("purpose", purpose)
                .field("customer", customer);
        resetWindow();

        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickListener(e -> find());
        FormLayout form = new FormLayout(length, customerZone, from, to, regions, purpose, customer);
        form.setColspan(regions, 2);
        form.setColspan(purpose, 2);
        Span note = new Span();
        note.addClassName("dp-muted");
        results.setId("slot-finder-results");
        results.setWidthFull();
        add(note, form, search, results);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            note.setText(ViewerTime.note(z));
            resetWindow();
        }));
    }

    private void resetWindow() {
        Instant now = clock.instant();
        from.setValue(LocalDateTime.ofInstant(BookDialog.roundUp(now), zone));
        to.setValue(LocalDateTime.ofInstant(now.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS), zone));
    }

    /** Asks the finder and lists its answers. */
    void find() {
        errors.clear();
        results.removeAll();
        Length chosen = length.getValue();
        if (chosen == null || from.getValue() == null || to.getValue() == null) {
            Notification.show("Choose a duration and a window", 4000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        ZoneId customerClock = customerZone.getValue() == null ? null : ZoneId.of(customerZone.getValue());
        Set<String> accepted =
                regions.getValue().stream().map(RegionSummary::code).collect(Collectors.toSet());
        List<FreeSlot> found;
        try {
            found = finder.find(new SlotSearch(
                    chosen.duration,
                    from.getValue().atZone(zone).toInstant(),
                    to.getValue().atZone(zone).toInstant(),
                    customerClock,
                    accepted,
                    SlotSearch.DEFAULT_LIMIT));
        } catch (ValidationFailed failed) {
            String rest = errors.show(failed);
            if (!rest.isEmpty()) {
                Notification.show(rest, 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            return;
        }
        if (found.isEmpty()) {
            Span none = new Span("No environment has a slot free for " + chosen.label + " in that window.");
            none.addClassName("dp-muted");
            results.add(none);
            return;
        }
        Instant now = clock.instant();
        found.forEach(f -> results.add(row(f, customerClock, now)));
    }

    private Component row(FreeSlot f, @Nullable ZoneId customerClock, Instant now) {
        Span where = new Span(
                f.environment().name() + " · " + f.environment().region().name() + " · slot " + f.slot());
        where.addClassName("dp-env-name");
        Span when = new Span(ViewerTime.range(f.start(), f.end(), zone, now));
        Div text = new Div(new Div(where), new Div(when));
        if (customerClock != null) {
            Span theirs = new Span("customer's time " + ViewerTime.range(f.start(), f.end(), customerClock, now)
                    + " (" + ViewerTime.place(customerClock) + ") · region clock "
                    + (f.distance().isZero() ? "same as the customer's" : ViewerTime.length(f.distance()) + " away"));
            theirs.addClassName("dp-muted");
            text.add(new Div(theirs));
        }
        Button book = new Button("Book", e -> book(f));
        book.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        book.setAriaLabel("Book " + f.environment().name() + " " + ViewerTime.range(f.start(), f.end(), zone, now));
        book.addClassName("dp-push-right");
        Div row = new Div(text, book);
        row.addClassName("dp-finder-row");
        return row;
    }

    private void book(FreeSlot f) {
        errors.clear();
        try {
            BookingSummary booked = bookings.book(new BookingRequest(
                    f.environment().slug(), f.start(), f.end(), purpose.getValue(), customer.getValue()));
            Notification.show(
                            "Booked " + booked.environmentName() + ", slot " + booked.slot() + ", "
                                    + ViewerTime.range(booked.start(), booked.end(), zone, clock.instant()),
                            4000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            find();
        } catch (ValidationFailed failed) {
            String rest = errors.show(failed);
            if (!rest.isEmpty()) {
                Notification.show(rest, 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        } catch (DomainException refused) {
            Notification.show(
                            ViewerTime.text(refused) + " The list is fresh again.", 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
            find();
        }
    }
}
