package dev.demoportal.booking.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
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
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingStatus;
import dev.demoportal.booking.BookingView;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentView;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in person's current and upcoming bookings, with what can be done to each. A person
 * holds a handful at most, so the list is read whole.
 */
@Route("my-bookings")
@PageTitle("My bookings")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class MyBookingsView extends VerticalLayout {

    private final BookingService bookings;
    private final EnvironmentService environments;
    private final BoardListener listener;
    private final Clock clock;
    final Grid<BookingView> grid = new Grid<>();
    private ZoneId zone = ViewerTime.zone();

    MyBookingsView(BookingService bookings, EnvironmentService environments, BoardListener listener, Clock clock) {
        this.bookings = bookings;
        this.environments = environments;
        this.listener = listener;
        this.clock = clock;
        setSizeFull();

        Button book = new Button("Book…", VaadinIcon.CALENDAR.create(), e -> openBook());
        book.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Span hint = new Span("Current and upcoming; times in your time zone.");
        hint.addClassName("dp-muted");
        Div toolbar = new Div(hint, book);
        toolbar.addClassName("dp-toolbar");

        grid.setId("my-bookings");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_NO_BORDER);
        grid.addComponentColumn(b -> {
            RouterLink link = new RouterLink(b.environmentName(), EnvironmentDetailView.class,
                    new RouteParameters("slug", b.environmentSlug()));
            Span slot = new Span("Slot " + b.slot());
            slot.addClassName("dp-muted");
            return new Div(new Div(link), slot);
        }).setHeader("Environment").setFlexGrow(2);
        grid.addColumn(b -> ViewerTime.range(b.start(), b.end(), zone, clock.instant())).setHeader("When")
                .setFlexGrow(2);
        grid.addComponentColumn(MyBookingsView::statusCell).setHeader("Status").setFlexGrow(1);
        grid.addColumn(b -> b.purpose() + (b.customer() == null ? "" : " · " + b.customer())).setHeader("Purpose")
                .setFlexGrow(3);
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setFlexGrow(3);
        grid.setEmptyStateText("You hold no bookings. Claim a free slot on the board, or book one ahead.");
        grid.setAllRowsVisible(true);
        add(toolbar, grid);
        refresh();
        listener.follow(this, id -> true, this::refresh);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            refresh();
        }));
    }

    void refresh() {
        grid.setItems(bookings.mine());
    }

    private static Component statusCell(BookingView b) {
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

    private Component actions(BookingView b) {
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
            Button extend = new Button("Extend", e -> new ExtendDialog(bookings, b, zone, clock, r -> refresh())
                    .open());
            extend.addThemeVariants(ButtonVariant.LUMO_SMALL);
            extend.setAriaLabel("Extend " + what);
            actions.add(extend);
        }
        if (b.status() == BookingStatus.ACTIVE) {
            actions.add(confirmed("Release", what, "Release " + what + "?",
                    "The slot is free for others at once. This cannot be undone.", () -> {
                        bookings.release(b.id());
                        return "Released " + what;
                    }));
        }
        if (b.status() == BookingStatus.RESERVED) {
            actions.add(confirmed("Cancel", what, "Cancel your booking of " + what + "?",
                    "It is " + ViewerTime.range(b.start(), b.end(), zone, clock.instant())
                            + ". The time is free for others at once.", () -> {
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
        List<EnvironmentView> all = environments.allEnvironments(EnvironmentFilter.ACTIVE).stream()
                .filter(EnvironmentView::bookable).toList();
        new BookDialog(bookings, all, null, null, null, zone, clock, b -> refresh()).open();
    }
}
