package dev.demoportal.booking.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.avatar.AvatarVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.AccessLeaseService;
import dev.demoportal.booking.AccessSummary;
import dev.demoportal.booking.BoardEntry;
import dev.demoportal.booking.BoardService;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.booking.ui.ClaimDialog.ClaimLength;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.DeploymentSummary;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.MaintenanceWindowSummary;
import dev.demoportal.environment.RegionSummary;
import dev.demoportal.environment.ui.DeploymentLine;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who holds what, now: every environment by region, each slot's holder and what is next, with
 * "Claim" on free slots. It follows every committed change live, from any replica.
 */
@Route("board")
@PageTitle("Board")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class BoardView extends VerticalLayout {

    /** Maintenance this close ahead is announced on the card. */
    private static final Duration MAINTENANCE_AHEAD = Duration.ofDays(7);

    private final BookingService bookings;
    private final BoardService boardService;
    private final WaitlistService waitlistService;
    private final EnvironmentService environments;
    private final DeploymentService deployments;
    private final AccessLeaseService access;
    private final BoardListener listener;
    private final Clock clock;
    private final boolean canForceRelease;
    private final Div regions = new Div();
    /** What each card shows, to redraw only the cards that changed. */
    private final Map<UUID, CardState> shown = new HashMap<>();

    private final Map<UUID, Component> cards = new HashMap<>();
    /** Each region header's clock line, updated in place. */
    private final Map<String, Span> regionMeta = new HashMap<>();

    private List<String> layoutKey = List.of();
    private ZoneId zone = ViewerTime.zone();

    private record CardState(
            BoardEntry entry,
            List<MaintenanceWindowSummary> maintenance,
            Map<Integer, DeploymentSummary> deployments,
            Map<UUID, AccessSummary> access,
            ZoneId zone,
            String minute) {}

    BoardView(
            BookingService bookings,
            BoardService boardService,
            WaitlistService waitlistService,
            EnvironmentService environments,
            DeploymentService deployments,
            AccessLeaseService access,
            BoardListener listener,
            AuthenticationContext authentication,
            Clock clock) {
        this.bookings = bookings;
        this.boardService = boardService;
        this.waitlistService = waitlistService;
        this.access = access;
        this.environments = environments;
        this.deployments = deployments;
        this.listener = listener;
        this.clock = clock;
        this.canForceRelease = authentication.hasAnyRole("MANAGER", "ADMIN");
        addClassName("dp-board");
        setWidthFull();

        Button book = new Button("Book…", VaadinIcon.CALENDAR.create(), e -> openBookDialog(null));
        book.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Span hint = new Span("Live: changes appear here as they happen.");
        hint.addClassName("dp-muted");
        Div toolbar = new Div(hint, book);
        toolbar.addClassName("dp-toolbar");
        regions.setWidthFull();
        add(toolbar, regions);
        refresh();
        listener.follow(this, id -> true, this::refresh);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            refresh();
        }));
    }

    /**
     * Reads the board and redraws what changed since the last look: each card is compared with
     * what it shows, and only a card whose state differs is replaced, in place; unchanged cards,
     * the region sections and their headers stay (a push carries a handful of changes, not the
     * board). Only a changed layout (an environment or region added, removed or renamed) redraws
     * everything.
     */
    void refresh() {
        Instant now = clock.instant();
        List<BoardEntry> board = boardService.board();
        List<String> key = board.stream()
                .map(e -> e.environment().region().code() + "/"
                        + e.environment().region().name() + "/"
                        + e.environment().id())
                .toList();
        String minute = ViewerTime.TIME.format(now.atZone(zone));
        Map<UUID, Map<Integer, DeploymentSummary>> deployed = deployments.current(
                board.stream().map(e -> e.environment().id()).toList());
        Map<UUID, AccessSummary> leases = access.access(board.stream()
                .flatMap(e -> e.slots().stream())
                .map(BoardEntry.Slot::current)
                .filter(Objects::nonNull)
                .map(BookingSummary::id)
                .toList());
        Map<UUID, CardState> states = new HashMap<>();
        for (BoardEntry entry : board) {
            EnvironmentSummary env = entry.environment();
            states.put(
                    env.id(),
                    new CardState(
                            entry,
                            environments.maintenanceWindows(env.id(), now, now.plus(MAINTENANCE_AHEAD)),
                            deployed.getOrDefault(env.id(), Map.of()),
                            leasesOf(entry, leases),
                            zone,
                            minute));
        }
        if (key.equals(layoutKey)) {
            redrawChanged(board, states, now);
        } else {
            layoutKey = key;
            redrawAll(board, states, now);
        }
    }

    /** Same layout: replaces the cards whose state changed, and region clocks whose text did. */
    private void redrawChanged(List<BoardEntry> board, Map<UUID, CardState> states, Instant now) {
        for (BoardEntry entry : board) {
            RegionSummary region = entry.environment().region();
            Span meta = regionMeta.get(region.code());
            String text = regionMetaText(region, now);
            if (meta != null && !meta.getText().equals(text)) {
                meta.setText(text);
            }
            UUID id = entry.environment().id();
            CardState state = states.get(id);
            if (state.equals(shown.get(id))) {
                continue;
            }
            Component old = cards.get(id);
            Component card = card(state, now);
            @Nullable Element parent = old == null ? null : old.getElement().getParent();
            if (parent == null) {
                redrawAll(board, states, now);
                return;
            }
            parent.setChild(parent.indexOfChild(old.getElement()), card.getElement());
            cards.put(id, card);
            shown.put(id, state);
        }
    }

    private void redrawAll(List<BoardEntry> board, Map<UUID, CardState> states, Instant now) {
        shown.clear();
        cards.clear();
        regionMeta.clear();
        Map<String, List<BoardEntry>> byRegion = new LinkedHashMap<>();
        Map<String, RegionSummary> regionsByCode = new HashMap<>();
        for (BoardEntry entry : board) {
            RegionSummary region = entry.environment().region();
            regionsByCode.put(region.code(), region);
            byRegion.computeIfAbsent(region.code(), c -> new ArrayList<>()).add(entry);
        }
        List<Component> sections = new ArrayList<>();
        byRegion.entrySet().stream()
                .sorted((a, b) -> regionsByCode
                        .get(a.getKey())
                        .name()
                        .compareTo(regionsByCode.get(b.getKey()).name()))
                .forEach(r -> {
                    RegionSummary region = regionsByCode.get(r.getKey());
                    Div grid = new Div();
                    grid.addClassName("dp-board-grid");
                    for (BoardEntry entry : r.getValue()) {
                        UUID id = entry.environment().id();
                        CardState state = states.get(id);
                        Component card = card(state, now);
                        cards.put(id, card);
                        shown.put(id, state);
                        grid.add(card);
                    }
                    Div section = new Div(regionHeader(region, now), grid);
                    section.addClassName("dp-board-region");
                    sections.add(section);
                });
        regions.removeAll();
        sections.forEach(regions::add);
        if (board.isEmpty()) {
            Span empty = new Span("There are no shared environments yet. Admins add them under Environments.");
            empty.addClassName("dp-muted");
            regions.add(empty);
        }
    }

    private Component regionHeader(RegionSummary region, Instant now) {
        Span meta = new Span(regionMetaText(region, now));
        meta.addClassName("dp-muted");
        regionMeta.put(region.code(), meta);
        Div header = new Div(new H3(region.name()), meta);
        header.addClassName("dp-region-header");
        return header;
    }

    private static String regionMetaText(RegionSummary region, Instant now) {
        ZoneId local = ZoneId.of(region.timeZone());
        return region.awsRegion() + " · local time " + ViewerTime.DAY_TIME.format(now.atZone(local)) + " ("
                + ViewerTime.place(local) + ")";
    }

    private Component card(CardState state, Instant now) {
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
            Button book = new Button("Book…", e -> openBookDialog(env.slug()));
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
                    + ViewerTime.format(current.end(), zone, now) + localBeside(current.end(), local));
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
                                    this::refresh)
                            .open());
            claim.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            claim.setAriaLabel("Claim slot " + slot.number() + " of " + env.name());
            Div actions = new Div(length, claim);
            actions.addClassName("dp-slot-actions");
            row.add(actions);
        } else if (current != null && canForceRelease) {
            Button force = new Button("Force release", e -> new ReasonDialog(bookings, current, b -> refresh()).open());
            force.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            force.setAriaLabel("Force release slot " + slot.number() + " of " + env.name());
            Div actions = new Div(force);
            actions.addClassName("dp-slot-actions");
            row.add(actions);
        }
        return row;
    }

    private static Map<UUID, AccessSummary> leasesOf(BoardEntry entry, Map<UUID, AccessSummary> leases) {
        Map<UUID, AccessSummary> mine = new HashMap<>();
        for (BoardEntry.Slot slot : entry.slots()) {
            if (slot.current() != null && leases.containsKey(slot.current().id())) {
                mine.put(slot.current().id(), leases.get(slot.current().id()));
            }
        }
        return mine;
    }

    /** Every slot is held now: said instead of the environment's own status ("Available" would be untrue). */
    static Span fullStatus() {
        Span status = new Span("Full");
        status.addClassNames("dp-status", "dp-status-full");
        status.getElement().setAttribute("title", "Every slot is held now; join the waitlist, or book a later time");
        return status;
    }

    /** " (17:00 Dublin)" when the region's clock reads differently from the viewer's. */
    private String localBeside(Instant instant, ZoneId local) {
        if (local.getRules().getOffset(instant).equals(zone.getRules().getOffset(instant))) {
            return "";
        }
        return " (" + ViewerTime.TIME.format(instant.atZone(local)) + " " + ViewerTime.place(local) + ")";
    }

    private static String firstName(String name) {
        String[] parts = name.strip().split("\\s+");
        return parts[0];
    }

    private void openBookDialog(@Nullable String slug) {
        List<EnvironmentSummary> bookable = layoutKey.isEmpty()
                ? List.of()
                : shown.values().stream()
                        .map(s -> s.entry().environment())
                        .filter(EnvironmentSummary::bookable)
                        .sorted((a, b) -> (a.region().name() + a.name())
                                .compareTo(b.region().name() + b.name()))
                        .toList();
        new BookDialog(bookings, bookable, slug, null, null, zone, clock, b -> refresh()).open();
    }
}
