package dev.demoportal.booking.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.AccessLeaseService;
import dev.demoportal.booking.AccessSummary;
import dev.demoportal.booking.BoardEntry;
import dev.demoportal.booking.BoardService;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.DeploymentSummary;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.RegionSummary;
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
    private final EnvironmentService environments;
    private final DeploymentService deployments;
    private final AccessLeaseService access;
    private final BoardListener listener;
    private final Clock clock;
    private final BoardCard cardMaker;
    private final Div regions = new Div();
    /** What each card shows, to redraw only the cards that changed. */
    private final Map<UUID, BoardCard.State> shown = new HashMap<>();

    private final Map<UUID, Component> cards = new HashMap<>();
    /** Each region header's clock line, updated in place. */
    private final Map<String, Span> regionMeta = new HashMap<>();

    private List<String> layoutKey = List.of();
    private ZoneId zone = ViewerTime.zone();

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
        this.access = access;
        this.environments = environments;
        this.deployments = deployments;
        this.listener = listener;
        this.clock = clock;
        this.cardMaker = new BoardCard(
                bookings,
                waitlistService,
                clock,
                authentication.hasAnyRole("MANAGER", "ADMIN"),
                this::openBookDialog,
                this::refresh);
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
        Map<UUID, BoardCard.State> states = new HashMap<>();
        for (BoardEntry entry : board) {
            EnvironmentSummary env = entry.environment();
            states.put(
                    env.id(),
                    new BoardCard.State(
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
    private void redrawChanged(List<BoardEntry> board, Map<UUID, BoardCard.State> states, Instant now) {
        for (BoardEntry entry : board) {
            RegionSummary region = entry.environment().region();
            Span meta = regionMeta.get(region.code());
            String text = regionMetaText(region, now);
            if (meta != null && !meta.getText().equals(text)) {
                meta.setText(text);
            }
            UUID id = entry.environment().id();
            BoardCard.State state = states.get(id);
            if (state.equals(shown.get(id))) {
                continue;
            }
            Component old = cards.get(id);
            Component card = cardMaker.card(state, now);
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

    private void redrawAll(List<BoardEntry> board, Map<UUID, BoardCard.State> states, Instant now) {
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
                        BoardCard.State state = states.get(id);
                        Component card = cardMaker.card(state, now);
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

    private static Map<UUID, AccessSummary> leasesOf(BoardEntry entry, Map<UUID, AccessSummary> leases) {
        Map<UUID, AccessSummary> mine = new HashMap<>();
        for (BoardEntry.Slot slot : entry.slots()) {
            if (slot.current() != null && leases.containsKey(slot.current().id())) {
                mine.put(slot.current().id(), leases.get(slot.current().id()));
            }
        }
        return mine;
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
