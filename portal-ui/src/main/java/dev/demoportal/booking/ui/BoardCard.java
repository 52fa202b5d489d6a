package dev.demoportal.booking.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.avatar.AvatarVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.AccessSummary;
import dev.demoportal.booking.BoardEntry;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.booking.ui.ClaimDialog.ClaimLength;
import dev.demoportal.environment.DeploymentSummary;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.MaintenanceWindowSummary;
import dev.demoportal.environment.ui.DeploymentLine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One environment's card on the board: its status, maintenance, what is deployed, and a row per
 * slot with its holder, access, reset, what is next and the slot's actions. Drawn from a
 * {@link State}, which the board compares to redraw only the cards that changed.
 */
final class BoardCard {

    /** Everything a card shows; two equal states draw the same card. */
    record State(
            BoardEntry entry,
            List<MaintenanceWindowSummary> maintenance,
            Map<Integer, DeploymentSummary> deployments,
            Map<UUID, AccessSummary> access,
            ZoneId zone,
            String minute) {}

    private final BookingService bookings;
    private final WaitlistService waitlistService;
    private final Clock clock;
    private final boolean canForceRelease;
    private final Consumer<@Nullable String> openBookDialog;
    private final Runnable refresh;

    BoardCard(
            BookingService bookings,
            WaitlistService waitlistService,
            Clock clock,
            boolean canForceRelease,
            Consumer<@Nullable String> openBookDialog,
            Runnable refresh) {
        this.bookings = bookings;
        this.waitlistService = waitlistService;
        this.clock = clock;
        this.canForceRelease = canForceRelease;
        this.openBookDialog = openBookDialog;
        this.refresh = refresh;
    }

    Component card(State state, Instant now) {
        ZoneId zone = state.zone();
        BoardEntry entry = state.entry();
        EnvironmentSummary env = entry.environment();
        ZoneId local = ZoneId.of(env.region().timeZone());

        RouterLink name =
                new RouterLink(env.name(), EnvironmentDetailView.class, new RouteParameters("slug", env.slug()));
        name.addClassName("dp-env-name");
        MaintenanceWindowSummary ongoing = state.maintenance().stream()
                .filter(w -> !w.start().isAfter(now))
                .findFirst()
                .orElse(null);
        boolean full = env.bookable() && ongoing == null && entry.freeSlots() == 0;
        Span status = full ? fullStatus() : new Span(env.status().label());
        if (!full) {
            status.addClassNames("dp-status", "dp-status-" + env.status().name().toLowerCase());
        }
        Span free = new Span(entry.freeSlots() + " of " + env.tenantSlots() + " free");
        free.addClassName("dp-muted");
        Div header = new Div(name, status, free);
        header.addClassName("dp-env-card-header");
        if (full) {
            Button waitlist = new Button(
                    "Join the waitlist",
                    VaadinIcon.CLOCK.create(),
                    e -> new WaitlistDialog(waitlistService, env, zone, clock).open());
            waitlist.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            waitlist.setAriaLabel("Join the waitlist of " + env.name());
            waitlist.addClassName("dp-push-right");
            header.add(waitlist);
        }
        if (env.bookable()) {
            Button book = new Button("Book…", e -> openBookDialog.accept(env.slug()));
            book.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            book.setAriaLabel("Book " + env.name());
            if (!full) {
                book.addClassName("dp-push-right");
            }
            header.add(book);
        }

        Div card = new Div(header);
        card.addClassName("dp-env-card");
        card.setId("board-" + env.slug());

        for (MaintenanceWindowSummary w : state.maintenance()) {
            Div note = new Div(
                    new Span(VaadinIcon.WRENCH.create()),
                    new Span((w == ongoing
                                    ? "In maintenance until " + ViewerTime.format(w.end(), zone, now)
                                    : "Maintenance " + ViewerTime.range(w.start(), w.end(), zone, now))
                            + ": " + w.reason()));
            note.addClassName("dp-maintenance-note");
            card.add(note);
        }

        DeploymentSummary deployed = state.deployments().get(0);
        if (deployed != null) {
            card.add(DeploymentLine.of(deployed, now, zone));
        }
        for (BoardEntry.Slot slot : entry.slots()) {
            card.add(slotRow(
                    env,
                    slot,
                    local,
                    now,
                    ongoing == null && env.bookable(),
                    zone,
                    state.deployments().get(slot.number()),
                    slot.current() == null
                            ? null
                            : state.access().get(slot.current().id())));
        }
        return card;
    }

    private Component slotRow(
            EnvironmentSummary env,
            BoardEntry.Slot slot,
            ZoneId local,
            Instant now,
            boolean claimable,
            ZoneId zone,
            @Nullable DeploymentSummary deployed,
            @Nullable AccessSummary lease) {
        Span number = new Span(String.valueOf(slot.number()));
        number.addClassName("dp-slot-no");
        number.getElement().setAttribute("title", "Slot " + slot.number());
        Div body = new Div();
        body.addClassName("dp-slot-body");
        Div row = new Div(number);
        row.addClassName("dp-board-slot");

        BookingSummary current = slot.current();
        if (current != null) {
            Avatar avatar = new Avatar(current.holder().name());
            avatar.setAbbreviation(current.holder().initials());
            avatar.addThemeVariants(AvatarVariant.LUMO_SMALL);
            avatar.setColorIndex(HolderColours.index(current.holder()));
            row.add(avatar);
            Span holder = new Span(current.holder().name());
            holder.addClassName("dp-holder");
            Span when = new Span("since " + ViewerTime.format(current.start(), zone, now) + " · until "
                    + ViewerTime.format(current.end(), zone, now) + localBeside(current.end(), local, zone));
            when.addClassName("dp-muted");
            body.add(new Div(holder), new Div(when));
            Span purpose = new Span(current.purpose() + (current.customer() == null ? "" : " · " + current.customer()));
            purpose.addClassName("dp-purpose");
            body.add(new Div(purpose));
            if (lease != null) {
                body.add(new Div(AccessText.badge(lease, zone, now)));
            }
        } else if (slot.free()) {
            row.addClassName("dp-free");
            Span free = new Span("Free");
            free.addClassName("dp-free-label");
            body.add(new Div(free));
        } else {
            // nobody holds it, but nobody new gets it either: resetting, or out of service
            row.addClassName(slot.outOfService() ? "dp-out-of-service" : "dp-resetting");
        }
        if (slot.reset() != null && (current == null || !slot.free())) {
            body.add(new Div(ResetText.badge(slot.reset(), zone, now)));
        }
        BookingSummary next = slot.next();
        if (next != null) {
            Span upcoming = new Span("next: " + firstName(next.holder().name()) + " "
                    + ViewerTime.range(next.start(), next.end(), zone, now));
            upcoming.addClassName("dp-muted");
            upcoming.getElement().setAttribute("title", next.holder().name() + ": " + next.purpose());
            body.add(new Div(upcoming));
        }
        if (deployed != null) {
            body.add(DeploymentLine.of(deployed, now, zone));
        }
        row.add(body);

        if (slot.free() && claimable) {
            Select<ClaimLength> length = new Select<>();
            length.setItems(ClaimLength.values());
            length.setItemLabelGenerator(l -> l.label);
            length.setValue(ClaimLength.H2);
            length.addClassName("dp-claim-length");
            length.setAriaLabel("How long");
            Button claim = new Button(
                    "Claim",
                    e -> new ClaimDialog(
                                    bookings,
                                    env,
                                    slot.number(),
                                    Objects.requireNonNullElse(length.getValue(), ClaimLength.H2),
                                    zone,
                                    clock,
                                    refresh)
                            .open());
            claim.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            claim.setAriaLabel("Claim slot " + slot.number() + " of " + env.name());
            Div actions = new Div(length, claim);
            actions.addClassName("dp-slot-actions");
            row.add(actions);
        } else if (current != null && canForceRelease) {
            Button force =
                    new Button("Force release", e -> new ReasonDialog(bookings, current, b -> refresh.run()).open());
            force.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            force.setAriaLabel("Force release slot " + slot.number() + " of " + env.name());
            Div actions = new Div(force);
            actions.addClassName("dp-slot-actions");
            row.add(actions);
        }
        return row;
    }

    /** Every slot is held now: said instead of the environment's own status ("Available" would be untrue). */
    static Span fullStatus() {
        Span status = new Span("Full");
        status.addClassNames("dp-status", "dp-status-full");
        status.getElement().setAttribute("title", "Every slot is held now; join the waitlist, or book a later time");
        return status;
    }

    /** " (17:00 Dublin)" when the region's clock reads differently from the viewer's. */
    private static String localBeside(Instant instant, ZoneId local, ZoneId zone) {
        if (local.getRules().getOffset(instant).equals(zone.getRules().getOffset(instant))) {
            return "";
        }
        return " (" + ViewerTime.TIME.format(instant.atZone(local)) + " " + ViewerTime.place(local) + ")";
    }

    private static String firstName(String name) {
        String[] parts = name.strip().split("\\s+");
        return parts[0];
    }
}
