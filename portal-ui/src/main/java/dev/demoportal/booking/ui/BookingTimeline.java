package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.tabs.TabsVariant;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.Holder;
import dev.demoportal.booking.SlotResetService;
import dev.demoportal.booking.SlotResetSummary;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.MaintenanceWindowSummary;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An environment's bookings per slot over a day or a week, with maintenance windows, slots out of
 * service (from when their reset failed, in the board's words) and a line at now, in the viewer's
 * time zone; a free cell in the future can be clicked to book it. Drawn on the server with plain
 * HTML and CSS. {@link #controls} (day or week, earlier, today, later) go above it.
 */
class BookingTimeline extends Div {

    private final BookingService bookings;
    private final EnvironmentService environments;
    private final SlotResetService resets;
    private final Clock clock;
    /** Called with the start and end of a free cell that was clicked. */
    private final BiConsumer<Instant, Instant> onFreeCell;

    private final Tabs scale = new Tabs(new Tab("Day"), new Tab("Week"));
    private final Span period = new Span();
    final Div controls;
    private @Nullable EnvironmentSummary environment;
    private ZoneId zone = ViewerTime.zone();
    private LocalDate day;

    BookingTimeline(
            BookingService bookings,
            EnvironmentService environments,
            SlotResetService resets,
            Clock clock,
            BiConsumer<Instant, Instant> onFreeCell) {
        this.bookings = bookings;
        this.environments = environments;
        this.resets = resets;
        this.clock = clock;
        this.onFreeCell = onFreeCell;
        this.day = clock.instant().atZone(zone).toLocalDate();
        scale.addThemeVariants(TabsVariant.LUMO_SMALL);
        scale.addSelectedChangeListener(e -> redraw());
        Button previous = new Button(VaadinIcon.ANGLE_LEFT.create(), e -> move(-1));
        previous.setAriaLabel("Earlier");
        Button today = new Button("Today", e -> {
            day = clock.instant().atZone(zone).toLocalDate();
            redraw();
        });
        Button next = new Button(VaadinIcon.ANGLE_RIGHT.create(), e -> move(1));
        next.setAriaLabel("Later");
        for (Button b : List.of(previous, today, next)) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        period.addClassName("dp-period");
        controls = new Div(scale, previous, today, next, period);
        controls.addClassName("dp-toolbar");
        controls.addClassName("dp-timeline-controls");
        addClassName("dp-timeline");
        setWidthFull();
    }

    /** Shows {@code env} (none: hidden) from the current day or week on. */
    void show(@Nullable EnvironmentSummary env) {
        environment = env;
        setVisible(env != null);
        redraw();
    }

    /** Draws in the viewer's time zone, from today there. */
    void zone(ZoneId zone) {
        this.zone = zone;
        this.day = clock.instant().atZone(zone).toLocalDate();
        redraw();
    }

    private void move(int direction) {
        day = day.plusDays(week() ? 7L * direction : direction);
        redraw();
    }

    private boolean week() {
        return scale.getSelectedIndex() == 1;
    }

    /** The timeline for the chosen day or week, in the viewer's time zone. */
    void redraw() {
        removeAll();
        EnvironmentSummary env = environment;
        if (env == null) {
            return;
        }
        Instant now = clock.instant();
        LocalDate first = week() ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
        int days = week() ? 7 : 1;
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = first.plusDays(days).atStartOfDay(zone).toInstant();
        period.setText((week()
                        ? ViewerTime.DAY.format(first) + " – " + ViewerTime.DAY.format(first.plusDays(6))
                        : ViewerTime.DAY.format(first))
                + " · " + ViewerTime.note(zone));

        List<BookingSummary> held = bookings.bookings(env.slug(), from, to);
        UUID me = CurrentActor.userId().orElse(null);
        List<MaintenanceWindowSummary> windows = environments.maintenanceWindows(env.id(), from, to);
        // the board's read of each slot's latest reset: one that failed keeps the slot out of service
        Map<Integer, SlotResetSummary> latestResets = resets.latest(env.id());

        // the header: hours of the day, or days of the week
        Div head = new Div(new Span());
        head.addClassName("dp-tl-row");
        head.addClassName("dp-tl-head");
        Div labels = new Div();
        labels.addClassName("dp-tl-labels");
        if (week()) {
            for (int d = 0; d < 7; d++) {
                labels.add(label(
                        ViewerTime.DAY.format(first.plusDays(d)),
                        first.plusDays(d).equals(now.atZone(zone).toLocalDate())));
            }
        } else {
            for (int h = 0; h < 24; h++) {
                labels.add(label(String.format("%02d", h), false));
            }
        }
        head.add(labels);
        add(head);

        // cells of an hour (day) or six hours (week); a free one can be clicked to book it
        Duration cell = week() ? Duration.ofHours(6) : Duration.ofHours(1);
        for (int slot = 1; slot <= env.tenantSlots(); slot++) {
            int n = slot;
            SlotResetSummary outOfService = outOfService(latestResets.get(n));
            Instant outOfServiceSince = outOfService == null ? null : since(outOfService);
            Span slotLabel = new Span("Slot " + slot);
            slotLabel.addClassName("dp-tl-slot");
            Div track = new Div();
            track.addClassName("dp-tl-track");
            for (Instant c = from; c.isBefore(to); c = c.plus(cell)) {
                Instant cellStart = c;
                Instant cellEnd = c.plus(cell);
                Div box = new Div();
                box.addClassName("dp-tl-cell");
                boolean past = !cellEnd.isAfter(now);
                boolean taken = held.stream()
                                .anyMatch(b -> b.slot() == n
                                        && b.start().isBefore(cellEnd)
                                        && b.end().isAfter(cellStart))
                        || windows.stream().anyMatch(w -> w.overlaps(cellStart, cellEnd))
                        // nobody gets a slot out of service until an admin returns it (SlotAllocator skips it)
                        || (outOfServiceSince != null && outOfServiceSince.isBefore(cellEnd));
                if (past) {
                    box.addClassName("dp-tl-past");
                } else if (!taken && env.bookable()) {
                    box.addClassName("dp-tl-free");
                    Instant start = cellStart.isBefore(now) ? BookDialog.roundUp(now) : cellStart;
                    String when = ViewerTime.format(start, zone, now);
                    box.getElement().setAttribute("title", "Book from " + when);
                    box.getElement().setAttribute("aria-label", "Book slot " + n + " from " + when);
                    box.addClickListener(e -> onFreeCell.accept(
                            start,
                            start.plus(
                                    env.rules().minimum().compareTo(Duration.ofHours(1)) > 0
                                            ? env.rules().minimum()
                                            : Duration.ofHours(1))));
                }
                track.add(box);
            }
            if (outOfService != null && outOfServiceSince != null && outOfServiceSince.isBefore(to)) {
                track.add(outOfServiceBlock(n, outOfService, outOfServiceSince, from, to, now));
            }
            for (MaintenanceWindowSummary w : windows) {
                Div block = block(w.start(), w.end(), from, to, "dp-tl-maintenance");
                block.add(new Span("Maintenance: " + w.reason()));
                block.getElement()
                        .setAttribute(
                                "title",
                                "Maintenance " + ViewerTime.range(w.start(), w.end(), zone, now) + ": " + w.reason());
                track.add(block);
            }
            for (BookingSummary b : held) {
                if (b.slot() == n) {
                    track.add(bookingBlock(b, from, to, now, me));
                }
            }
            if (!now.isBefore(from) && now.isBefore(to)) {
                Div line = new Div();
                line.addClassName("dp-tl-now");
                line.getStyle().set("left", percent(Duration.between(from, now), Duration.between(from, to)));
                track.add(line);
            }
            Div row = new Div(slotLabel, track);
            row.addClassName("dp-tl-row");
            add(row);
        }
        if (!held.isEmpty()) {
            add(legend(held, me));
        }
        if (held.isEmpty() && windows.isEmpty()) {
            Span none = new Span(
                    env.bookable()
                            ? "Nothing booked in this period. Click a free hour to book it."
                            : "Nothing booked in this period.");
            none.addClassName("dp-muted");
            add(none);
        }
    }

    /**
     * A booking on the timeline, in its holder's colour (the viewer's own in a style of their own).
     * It carries the holder's full name with the purpose, their initials and their first initial;
     * CSS container queries show whichever fits the block's width at the current zoom, and the
     * title gives everything on hover.
     */
    private Div bookingBlock(BookingSummary b, Instant from, Instant to, Instant now, @Nullable UUID me) {
        boolean mine = b.holder().id().equals(me);
        Div block = block(b.start(), b.end(), from, to, "dp-tl-booking");
        block.addClassNames(
                "dp-tl-" + b.status().name().toLowerCase(), mine ? "dp-tl-mine" : HolderColours.className(b.holder()));
        Span name = new Span(b.holder().name());
        name.addClassName("dp-holder");
        Span full = new Span(name, new Span(" · " + b.purpose()));
        full.addClassName("dp-tl-long");
        Span initials = new Span(b.holder().initials());
        initials.addClassName("dp-tl-short");
        Span initial = new Span(b.holder().initials().substring(0, 1));
        initial.addClassName("dp-tl-tiny");
        block.add(full, initials, initial);
        String title = b.holder().name() + (mine ? " (you)" : "") + " · "
                + ViewerTime.range(b.start(), b.end(), zone, now) + " · " + b.purpose()
                + (b.customer() == null ? "" : " · " + b.customer()) + " · "
                + b.status().label();
        block.getElement().setAttribute("title", title);
        block.getElement().setAttribute("aria-label", title);
        return block;
    }

    /** The slot's latest reset if it keeps the slot out of service, else null. */
    private static @Nullable SlotResetSummary outOfService(@Nullable SlotResetSummary latest) {
        return latest != null && latest.state() == SlotResetSummary.SlotState.OUT_OF_SERVICE ? latest : null;
    }

    /** When the slot went out of service: when its reset failed (a row without that time: when it was asked for). */
    private static Instant since(SlotResetSummary reset) {
        Instant failed = reset.finishedAt();
        return failed != null ? failed : reset.requestedAt();
    }

    /**
     * A slot out of service, from when its reset failed on, open-ended (until an admin returns it):
     * the board's label and style ({@link ResetText}), with the error on hover.
     */
    private Div outOfServiceBlock(
            int slot, SlotResetSummary reset, Instant since, Instant from, Instant to, Instant now) {
        Div block = block(since, to, from, to, "dp-tl-out-of-service");
        block.addClassNames(ResetText.classes(reset).split(" "));
        String text = ResetText.text(reset, zone, now);
        block.add(new Span(text));
        String title = text + " · " + ResetText.title(reset);
        block.getElement().setAttribute("title", title);
        block.getElement().setAttribute("aria-label", "Slot " + slot + " " + title);
        return block;
    }

    /** Who holds the bookings shown, in their colours: the viewer first, then by name. */
    private static Div legend(List<BookingSummary> held, @Nullable UUID me) {
        Map<UUID, Holder> holders = new LinkedHashMap<>();
        held.stream()
                .map(BookingSummary::holder)
                .sorted(Comparator.comparing((Holder h) -> !h.id().equals(me)).thenComparing(Holder::name))
                .forEach(h -> holders.putIfAbsent(h.id(), h));
        Div legend = new Div();
        legend.addClassName("dp-tl-legend");
        for (Holder h : holders.values()) {
            boolean mine = h.id().equals(me);
            Span swatch = new Span(h.initials());
            swatch.addClassNames("dp-tl-swatch", mine ? "dp-tl-mine" : HolderColours.className(h));
            Span item = new Span(swatch, new Span(mine ? h.name() + " (you)" : h.name()));
            item.addClassName("dp-tl-legend-item");
            legend.add(item);
        }
        return legend;
    }

    private static Span label(String text, boolean today) {
        Span label = new Span(text);
        if (today) {
            label.addClassName("dp-tl-today");
        }
        return label;
    }

    private static Div block(Instant start, Instant end, Instant from, Instant to, String className) {
        Instant s = start.isBefore(from) ? from : start;
        Instant e = end.isAfter(to) ? to : end;
        Duration total = Duration.between(from, to);
        Div block = new Div();
        block.addClassName(className);
        block.getStyle().set("left", percent(Duration.between(from, s), total));
        block.getStyle().set("width", percent(Duration.between(s, e), total));
        return block;
    }

    private static String percent(Duration part, Duration total) {
        return String.format(Locale.ROOT, "%.3f%%", 100.0 * part.toSeconds() / total.toSeconds());
    }
}
