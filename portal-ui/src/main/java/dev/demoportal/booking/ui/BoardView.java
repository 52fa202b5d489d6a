package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.AccessSummary;
import dev.demoportal.booking.BoardEntry;
import dev.demoportal.booking.BoardService;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.booking.ui.BoardCard.Action;
import dev.demoportal.booking.ui.ClaimDialog.ClaimLength;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.RegionSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Who holds what, now: every environment by region, each slot's holder and what is next, with
 * "Claim" on free slots. It follows every committed change live, from any replica.
 *
 * <p>Every open board is a UI on the server for as long as the tab lives, so the board keeps little
 * there (ADR 0041): one element per card holding the card's HTML, one click listener for every
 * button of every card (each button says what it does in {@code data-*} attributes), and the length
 * picker is the browser's own {@code <select>}, read when Claim is pressed. No data behind a card
 * stays after it is drawn; an action reads what it needs when it is taken.
 */
@Route("board")
@PageTitle("Board")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class BoardView extends VerticalLayout {

    /** Maintenance this close ahead is announced on the card. */

    /** A click on a card's button (the listener's filter), and what the browser sends with it. */
    static final String PRESSED = "event.target.closest('.dp-env-card [data-action]') != null";

    static final String ACTION = "event.target.closest('[data-action]').dataset.action";

    static final String CARD = "event.target.closest('.dp-env-card').id";
    static final String SLOT = "event.target.closest('[data-action]').dataset.slot";
    static final String BOOKING = "event.target.closest('[data-action]').dataset.booking";
    static final String LENGTH = "event.target.closest('.dp-board-slot')?.querySelector('select')?.value";

    private final BookingService bookings;
    private final BoardService boardService;
    private final WaitlistService waitlistService;
    private final EnvironmentService environments;
    private final BoardSnapshots snapshots;
    private final Clock clock;
    private final boolean canForceRelease;
    private final Element regions = new Element("div");
    /** Each card's element by environment id; what it shows is its {@code innerHTML}. */
    private final Map<UUID, Element> cards = new HashMap<>();
    /** Each region header's clock line, updated in place. */
    private final Map<String, Element> regionMeta = new HashMap<>();

    private List<String> layoutKey = List.of();
    private ZoneId zone = ViewerTime.zone();

    BoardView(
            BookingService bookings,
            BoardService boardService,
            WaitlistService waitlistService,
            EnvironmentService environments,
            BoardSnapshots snapshots,
            BoardListener listener,
            AuthenticationContext authentication,
            Clock clock) {
        this.bookings = bookings;
        this.boardService = boardService;
        this.waitlistService = waitlistService;
        this.environments = environments;
        this.snapshots = snapshots;
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
        regions.setAttribute("class", "dp-board-regions");
        regions.getStyle().setWidth("100%");
        regions.addEventListener("click", event -> act(event.getEventData()))
                .setFilter(PRESSED)
                .addEventData(ACTION)
                .addEventData(CARD)
                .addEventData(SLOT)
                .addEventData(BOOKING)
                .addEventData(LENGTH);
        add(toolbar);
        getElement().appendChild(regions);
        refresh();
        // a change redraws from the snapshot every open board shares, read once per change
        listener.follow(this, id -> true, () -> redraw(snapshots.current()));
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            refresh();
        }));
    }

    /**
     * Reads the board now and redraws what changed since the last look: after this viewer's own
     * action, when the board opens, and when the viewer's zone is known.
     */
    void refresh() {
        redraw(snapshots.fresh());
    }

    /**
     * Redraws what changed in {@code snapshot} since the last look: each card's HTML is compared
     * with what its element holds, and only a card whose HTML differs is updated, in place;
     * unchanged cards, the region sections and their headers stay (a push carries a handful of
     * changes, not the board). Only a changed layout (an environment or region added, removed or
     * renamed) redraws everything.
     */
    private void redraw(BoardSnapshots.Snapshot snapshot) {
        Instant now = clock.instant();
        List<BoardEntry> board = snapshot.board();
        List<String> key = board.stream()
                .map(e -> e.environment().region().code() + "/"
                        + e.environment().region().name() + "/"
                        + e.environment().id())
                .toList();
        Map<UUID, String> html = new HashMap<>();
        for (BoardEntry entry : board) {
            EnvironmentSummary env = entry.environment();
            html.put(
                    env.id(),
                    BoardCard.html(new BoardCard.Content(
                            entry,
                            snapshot.maintenance().getOrDefault(env.id(), List.of()),
                            snapshot.deployed().getOrDefault(env.id(), Map.of()),
                            leasesOf(entry, snapshot.leases()),
                            canForceRelease,
                            zone,
                            now)));
        }
        if (key.equals(layoutKey)) {
            redrawChanged(board, html, now);
        } else {
            layoutKey = key;
            redrawAll(board, html, now);
        }
    }

    /** Same layout: updates the cards whose HTML changed, and region clocks whose text did. */
    private void redrawChanged(List<BoardEntry> board, Map<UUID, String> html, Instant now) {
        for (BoardEntry entry : board) {
            RegionSummary region = entry.environment().region();
            Element meta = regionMeta.get(region.code());
            String text = regionMetaText(region, now);
            if (meta != null && !meta.getText().equals(text)) {
                meta.setText(text);
            }
            Element card = cards.get(entry.environment().id());
            String content = html.get(entry.environment().id());
            if (card == null) {
                redrawAll(board, html, now);
                return;
            }
            if (!content.equals(card.getProperty("innerHTML"))) {
                card.setProperty("innerHTML", content);
            }
        }
    }

    private void redrawAll(List<BoardEntry> board, Map<UUID, String> html, Instant now) {
        cards.clear();
        regionMeta.clear();
        Map<String, List<BoardEntry>> byRegion = new LinkedHashMap<>();
        Map<String, RegionSummary> regionsByCode = new HashMap<>();
        for (BoardEntry entry : board) {
            RegionSummary region = entry.environment().region();
            regionsByCode.put(region.code(), region);
            byRegion.computeIfAbsent(region.code(), c -> new ArrayList<>()).add(entry);
        }
        List<Element> sections = new ArrayList<>();
        byRegion.entrySet().stream()
                .sorted((a, b) -> regionsByCode
                        .get(a.getKey())
                        .name()
                        .compareTo(regionsByCode.get(b.getKey()).name()))
                .forEach(r -> {
                    RegionSummary region = regionsByCode.get(r.getKey());
                    Element grid = new Element("div").setAttribute("class", "dp-board-grid");
                    for (BoardEntry entry : r.getValue()) {
                        EnvironmentSummary env = entry.environment();
                        Element card = new Element("div")
                                .setAttribute("id", "board-" + env.slug())
                                .setAttribute("class", "dp-env-card")
                                .setProperty("innerHTML", html.get(env.id()));
                        cards.put(env.id(), card);
                        grid.appendChild(card);
                    }
                    sections.add(new Element("div")
                            .setAttribute("class", "dp-board-region")
                            .appendChild(regionHeader(region, now), grid));
                });
        regions.removeAllChildren();
        sections.forEach(regions::appendChild);
        if (board.isEmpty()) {
            regions.appendChild(new Element("span")
                    .setAttribute("class", "dp-muted")
                    .setText("There are no shared environments yet. Admins add them under Environments."));
        }
    }

    private Element regionHeader(RegionSummary region, Instant now) {
        Element meta = new Element("span").setAttribute("class", "dp-muted").setText(regionMetaText(region, now));
        regionMeta.put(region.code(), meta);
        return new Element("div")
                .setAttribute("class", "dp-region-header")
                .appendChild(new Element("h3").setText(region.name()), meta);
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

    /**
     * A card's button was pressed. What the browser sends is checked like any input: the card must
     * be one this board shows, the slot a number, the booking an id, the length one offered; anything
     * else is ignored. The services decide whether the person may do it.
     */
    void act(JsonNode data) {
        String cardId = data.path(CARD).asString("");
        Action action;
        try {
            action = Action.valueOf(data.path(ACTION).asString(""));
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!cardId.startsWith("board-")) {
            return;
        }
        String slug = cardId.substring("board-".length());
        if (cards.values().stream().noneMatch(card -> cardId.equals(card.getAttribute("id")))) {
            return;
        }
        switch (action) {
            case BOOK -> openBookDialog(slug);
            case WAITLIST -> new WaitlistDialog(waitlistService, environments.environment(slug), zone, clock).open();
            case CLAIM -> {
                int slot;
                try {
                    slot = Integer.parseInt(data.path(SLOT).asString(""));
                } catch (NumberFormatException e) {
                    return;
                }
                ClaimLength length = Arrays.stream(ClaimLength.values())
                        .filter(l -> l.name().equals(data.path(LENGTH).asString("")))
                        .findFirst()
                        .orElse(ClaimLength.H2);
                new ClaimDialog(bookings, environments.environment(slug), slot, length, zone, clock, this::refresh)
                        .open();
            }
            case FORCE_RELEASE -> {
                if (!canForceRelease) {
                    return;
                }
                UUID booking;
                try {
                    booking = UUID.fromString(data.path(BOOKING).asString(""));
                } catch (IllegalArgumentException e) {
                    return;
                }
                new ReasonDialog(bookings, bookings.booking(booking), b -> refresh()).open();
            }
        }
    }

    private void openBookDialog(@Nullable String slug) {
        List<EnvironmentSummary> bookable = boardService.board().stream()
                .map(BoardEntry::environment)
                .filter(EnvironmentSummary::bookable)
                .sorted((a, b) ->
                        (a.region().name() + a.name()).compareTo(b.region().name() + b.name()))
                .toList();
        new BookDialog(bookings, bookable, slug, null, null, zone, clock, b -> refresh()).open();
    }
}
