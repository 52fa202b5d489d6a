package dev.demoportal.booking.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.AccessLeaseService;
import dev.demoportal.booking.AccessSummary;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingStatus;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in person's current and upcoming bookings, with what can be done to each. A person
 * holds a handful at most, so the list is read whole. Each booking is a row of its own that reads
 * as a table row on a wide screen and as a card, its actions under it, on a narrow one (CSS
 * container queries; no columns to scroll sideways to).
 */
@Route("my-bookings")
@PageTitle("My bookings")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class MyBookingsView extends VerticalLayout {

    private final BookingService bookings;
    private final EnvironmentService environments;
    private final AccessLeaseService access;
    private final BoardListener listener;
    private final Clock clock;
    final Div list = new Div();
    private ZoneId zone = ViewerTime.zone();

    MyBookingsView(
            BookingService bookings,
            EnvironmentService environments,
            AccessLeaseService access,
            BoardListener listener,
            Clock clock) {
        this.bookings = bookings;
        this.access = access;
        this.environments = environments;
        this.listener = listener;
        this.clock = clock;
        setWidthFull();
        addClassName("dp-my-bookings");

        Button book = new Button("Book…", VaadinIcon.CALENDAR.create(), e -> openBook());
        book.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Span hint = new Span("Current and upcoming; times in your time zone.");
        hint.addClassName("dp-muted");
        Div toolbar = new Div(hint, book);
        toolbar.addClassName("dp-toolbar");

        list.setId("my-bookings");
        list.addClassName("dp-bookings");
        list.getElement().setAttribute("role", "list");
        add(toolbar, list);
        refresh();
        listener.follow(this, id -> true, this::refresh);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            refresh();
        }));
    }

    void refresh() {
        list.removeAll();
        List<BookingSummary> mine = bookings.mine();
        if (mine.isEmpty()) {
            Span empty = new Span("You hold no bookings. Claim a free slot on the board, or book one ahead.");
            empty.addClassName("dp-muted");
            list.add(empty);
            return;
        }
        Div head =
                new Div(new Span("Environment"), new Span("When"), new Span("Status"), new Span("Purpose"), new Span());
        head.addClassName("dp-booking-head");
        head.getElement().setAttribute("aria-hidden", "true");
        list.add(head);
        Instant now = clock.instant();
        Map<UUID, AccessSummary> leases =
                access.access(mine.stream().map(BookingSummary::id).toList());
        for (BookingSummary b : mine) {
            list.add(row(b, leases.get(b.id()), now));
        }
    }

    private Div row(BookingSummary b, @Nullable AccessSummary lease, Instant now) {
        RouterLink link = new RouterLink(
                b.environmentName(), EnvironmentDetailView.class, new RouteParameters("slug", b.environmentSlug()));
        Span slot = new Span("Slot " + b.slot());
        slot.addClassName("dp-muted");
        Div what = new Div(new Div(link), slot);
        what.addClassName("dp-booking-what");
        Div when = new Div(new Span(ViewerTime.range(b.start(), b.end(), zone, now)));
        when.addClassName("dp-booking-when");
        Div status = statusCell(b);
        status.addClassName("dp-booking-status");
        if (lease != null) {
            status.add(new Div(AccessText.badge(lease, zone, now)));
        }
        Div purpose = new Div(new Span(b.purpose() + (b.customer() == null ? "" : " · " + b.customer())));
        purpose.addClassName("dp-booking-purpose");
        Div row = new Div(what, when, status, purpose, actions(b));
        row.setId("booking-" + b.id());
        row.addClassName("dp-booking");
        row.getElement().setAttribute("role", "listitem");
        return row;
    }

    private static Div statusCell(BookingSummary b) {
        Span status = new Span(b.status().label());
        status.addClassNames("dp-status", "dp-status-" + b.status().name().toLowerCase());
        Div cell = new Div(status);
        if (b.status() == BookingStatus.ACTIVE && b.checkedIn()) {
            Span checked = new Span(" checked in");
            checked.addClassName("dp-muted");
            cell.add(checked);
        }
        return cell;
    }

    private Component actions(BookingSummary b) {
        Div actions = new Div();
        actions.addClassName("dp-row-actions");
        String what = b.environmentName() + ", slot " + b.slot();
        if (b.status() == BookingStatus.ACTIVE && !b.checkedIn()) {
            actions.add(action("Check in", what, ButtonVariant.LUMO_PRIMARY, () -> {
                bookings.checkIn(b.id());
                return "Checked in to " + what;
            }));
        }
        if (b.status().holding()) {
            Button extend =
                    new Button("Extend", e -> new ExtendDialog(bookings, b, zone, clock, r -> refresh()).open());
            extend.addThemeVariants(ButtonVariant.LUMO_SMALL);
            extend.setAriaLabel("Extend " + what);
            actions.add(extend);
        }
        if (b.status() == BookingStatus.ACTIVE) {
            actions.add(confirmed(
                    "Release",
                    what,
                    "Release " + what + "?",
                    "The slot is free for others at once. This cannot be undone.",
                    () -> {
                        bookings.release(b.id());
                        return "Released " + what;
                    }));
        }
        if (b.status() == BookingStatus.RESERVED) {
            actions.add(confirmed(
                    "Cancel",
                    what,
                    "Cancel your booking of " + what + "?",
                    "It is " + ViewerTime.range(b.start(), b.end(), zone, clock.instant())
                            + ". The time is free for others at once.",
                    () -> {
                        bookings.cancel(b.id());
                        return "Cancelled " + what;
                    }));
        }
        return actions;
    }

    private Button action(String label, String what, ButtonVariant variant, Supplier<String> run) {
        Button button = new Button(label, e -> perform(run));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, variant);
        button.setAriaLabel(label + " " + what);
        return button;
    }

    /** A destructive action: asks first. */
    private Button confirmed(String label, String what, String header, String text, Supplier<String> run) {
        Button button = new Button(label, e -> {
            ConfirmDialog confirm = new ConfirmDialog(header, text, label, c -> perform(run));
            confirm.setConfirmButtonTheme("error primary");
            confirm.setCancelable(true);
            confirm.setCancelText("Keep it");
            confirm.open();
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        button.setAriaLabel(label + " " + what);
        return button;
    }

    private void perform(Supplier<String> run) {
        try {
            String done = run.get();
            Notification.show(done, 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (Conflict conflict) {
            Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
        refresh();
    }

    private void openBook() {
        List<EnvironmentSummary> all = environments.allEnvironments(EnvironmentFilter.ACTIVE).stream()
                .filter(EnvironmentSummary::bookable)
                .toList();
        new BookDialog(bookings, all, null, null, null, zone, clock, b -> refresh()).open();
    }
}
