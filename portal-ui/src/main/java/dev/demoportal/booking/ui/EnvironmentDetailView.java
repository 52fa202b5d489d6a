package dev.demoportal.booking.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.tabs.TabsVariant;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.booking.BookingView;
import dev.demoportal.booking.Holder;
import dev.demoportal.environment.BookingRules;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.DeploymentView;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentView;
import dev.demoportal.environment.MaintenanceWindowView;
import jakarta.annotation.security.RolesAllowed;
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
import org.jspecify.annotations.Nullable;

/**
 * One environment: a day or week timeline of its bookings per slot (click a free hour to book it),
 * maintenance windows, and its booking rules. Drawn on the server with plain HTML and CSS.
 */
@Route("environments/:slug")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class EnvironmentDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final BookingService bookings;
    private final WaitlistService waitlist;
    private final EnvironmentService environments;
    private final DeploymentService deployments;
    private final BoardListener listener;
    private final Clock clock;
    private final Tabs scale = new Tabs(new Tab("Day"), new Tab("Week"));
    private final Span period = new Span();
    private final Div timeline = new Div();
    private final Div header = new Div();
    private final Div details = new Div();
    private @Nullable EnvironmentView environment;
    private LocalDate day;
    private ZoneId zone = ViewerTime.zone();

    EnvironmentDetailView(BookingService bookings, WaitlistService waitlist, EnvironmentService environments,
            DeploymentService deployments, BoardListener listener, Clock clock) {
        this.bookings = bookings;
        this.waitlist = waitlist;
        this.environments = environments;
        this.deployments = deployments;
        this.listener = listener;
        this.clock = clock;
        this.day = clock.instant().atZone(zone).toLocalDate();
        setWidthFull();
        addClassName("dp-environment-detail");
        listener.follow(this, id -> environment != null && environment.id().equals(id), this::reload);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            day = clock.instant().atZone(zone).toLocalDate();
            drawTimeline();
        }));

        scale.addThemeVariants(TabsVariant.LUMO_SMALL);
        scale.addSelectedChangeListener(e -> drawTimeline());
        Button previous = new Button(VaadinIcon.ANGLE_LEFT.create(), e -> move(-1));
        previous.setAriaLabel("Earlier");
        Button today = new Button("Today", e -> {
            day = clock.instant().atZone(zone).toLocalDate();
            drawTimeline();
        });
        Button next = new Button(VaadinIcon.ANGLE_RIGHT.create(), e -> move(1));
        next.setAriaLabel("Later");
        for (Button b : List.of(previous, today, next)) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        period.addClassName("dp-period");
        Div controls = new Div(scale, previous, today, next, period);
        controls.addClassName("dp-toolbar");
        controls.addClassName("dp-timeline-controls");
        timeline.addClassName("dp-timeline");
        timeline.setWidthFull();
        details.setWidthFull();
        header.setWidthFull();
        add(header, controls, timeline, details);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getRouteParameters().get("slug").orElse("");
        try {
            environment = environments.environment(slug);
        } catch (NotFound notFound) {
            environment = null;
        }
        drawAll();
    }

    @Override
    public String getPageTitle() {
        return environment == null ? "Environment" : environment.name();
    }

    /** The time zone the timeline is drawn in. */
    ZoneId zone() {
        return zone;
    }

    private void reload() {
        if (environment != null) {
            try {
                environment = environments.environment(environment.id());
            } catch (NotFound gone) {
                environment = null;
            }
        }
        drawAll();
    }

    private void drawAll() {
        header.removeAll();
        details.removeAll();
        EnvironmentView env = environment;
        if (env == null) {
            header.add(new H2("No such environment"), new Paragraph("It may have been renamed or removed."),
                    new RouterLink("Back to the board", BoardView.class));
            timeline.removeAll();
            timeline.setVisible(false);
            return;
        }
        timeline.setVisible(true);
        ZoneId local = ZoneId.of(env.region().timeZone());
        RouterLink back = new RouterLink("Board", BoardView.class);
        back.addClassName("dp-muted");
        Instant now = clock.instant();
        boolean full = env.bookable() && bookings.bookings(env.slug(), now, now.plusSeconds(1)).size()
                >= env.tenantSlots();
        Span status = full ? BoardView.fullStatus() : new Span(env.status().label());
        if (!full) {
            status.addClassNames("dp-status", "dp-status-" + env.status().name().toLowerCase());
        }
        Div title = new Div(new H2(env.name()), status);
        title.addClassName("dp-env-card-header");
        if (env.bookable()) {
            Button book = new Button("Book…", VaadinIcon.CALENDAR.create(), e -> openBook(null, null));
            book.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            book.addClassName("dp-push-right");
            title.add(book);
        }
        Span meta = new Span(env.region().name() + " · " + env.region().awsRegion() + " · " + env.tenantSlots()
                + (env.tenantSlots() == 1 ? " slot" : " slots") + " · local time "
                + ViewerTime.DAY_TIME.format(now.atZone(local)) + " (" + ViewerTime.place(local) + ")");
        meta.addClassName("dp-muted");
        Div links = new Div();
        links.addClassName("dp-links");
        env.links().forEach(l -> {
            Anchor a = new Anchor(l.url(), l.label());
            a.setTarget("_blank");
            links.add(a);
        });
        header.add(back, title, meta);
        if (!env.description().isBlank()) {
            header.add(new Paragraph(env.description()));
        }
        header.add(links);

        details.add(deployments(env), rules(env.rules()), maintenance(env),
                new WaitlistPanel(waitlist, env.slug(), zone, clock));
        drawTimeline();
    }

    private void move(int direction) {
        day = day.plusDays(week() ? 7L * direction : direction);
        drawTimeline();
    }

    private boolean week() {
        return scale.getSelectedIndex() == 1;
    }

    /** The timeline for the chosen day or week, in the viewer's time zone. */
    private void drawTimeline() {
        timeline.removeAll();
        EnvironmentView env = environment;
        if (env == null) {
            return;
        }
        Instant now = clock.instant();
        LocalDate first = week() ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
        int days = week() ? 7 : 1;
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = first.plusDays(days).atStartOfDay(zone).toInstant();
        period.setText((week() ? ViewerTime.DAY.format(first) + " – " + ViewerTime.DAY.format(first.plusDays(6))
                : ViewerTime.DAY.format(first)) + " · " + ViewerTime.note(zone));

        List<BookingView> held = bookings.bookings(env.slug(), from, to);
        UUID me = CurrentActor.userId().orElse(null);
        List<MaintenanceWindowView> windows = environments.maintenanceWindows(env.id(), from, to);

        // the header: hours of the day, or days of the week
        Div head = new Div(new Span());
        head.addClassName("dp-tl-row");
        head.addClassName("dp-tl-head");
        Div labels = new Div();
        labels.addClassName("dp-tl-labels");
        if (week()) {
            for (int d = 0; d < 7; d++) {
                labels.add(label(ViewerTime.DAY.format(first.plusDays(d)), first.plusDays(d).equals(
                        now.atZone(zone).toLocalDate())));
            }
        } else {
            for (int h = 0; h < 24; h++) {
                labels.add(label(String.format("%02d", h), false));
            }
        }
        head.add(labels);
        timeline.add(head);

        // cells of an hour (day) or six hours (week); a free one can be clicked to book it
        Duration cell = week() ? Duration.ofHours(6) : Duration.ofHours(1);
        for (int slot = 1; slot <= env.tenantSlots(); slot++) {
            int n = slot;
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
                boolean taken = held.stream().anyMatch(b -> b.slot() == n && b.start().isBefore(cellEnd)
                        && b.end().isAfter(cellStart))
                        || windows.stream().anyMatch(w -> w.overlaps(cellStart, cellEnd));
                if (past) {
                    box.addClassName("dp-tl-past");
                } else if (!taken && env.bookable()) {
                    box.addClassName("dp-tl-free");
                    Instant start = cellStart.isBefore(now) ? BookDialog.roundUp(now) : cellStart;
                    String when = ViewerTime.format(start, zone, now);
                    box.getElement().setAttribute("title", "Book from " + when);
                    box.getElement().setAttribute("aria-label", "Book slot " + n + " from " + when);
                    box.addClickListener(e -> openBook(start, start.plus(
                            env.rules().minimum().compareTo(Duration.ofHours(1)) > 0 ? env.rules().minimum()
                                    : Duration.ofHours(1))));
                }
                track.add(box);
            }
            for (MaintenanceWindowView w : windows) {
                Div block = block(w.start(), w.end(), from, to, "dp-tl-maintenance");
                block.add(new Span("Maintenance: " + w.reason()));
                block.getElement().setAttribute("title", "Maintenance " + ViewerTime.range(w.start(), w.end(), zone,
                        now) + ": " + w.reason());
                track.add(block);
            }
            for (BookingView b : held) {
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
            timeline.add(row);
        }
        if (!held.isEmpty()) {
            timeline.add(legend(held, me));
        }
        if (held.isEmpty() && windows.isEmpty()) {
            Span none = new Span(env.bookable() ? "Nothing booked in this period. Click a free hour to book it."
                    : "Nothing booked in this period.");
            none.addClassName("dp-muted");
            timeline.add(none);
        }
    }

    /**
     * A booking on the timeline, in its holder's colour (the viewer's own in a style of their own).
     * It carries the holder's full name with the purpose, their initials and their first initial;
     * CSS container queries show whichever fits the block's width at the current zoom, and the
     * title gives everything on hover.
     */
    private Div bookingBlock(BookingView b, Instant from, Instant to, Instant now, @Nullable UUID me) {
        boolean mine = b.holder().id().equals(me);
        Div block = block(b.start(), b.end(), from, to, "dp-tl-booking");
        block.addClassNames("dp-tl-" + b.status().name().toLowerCase(),
                mine ? "dp-tl-mine" : HolderColours.className(b.holder()));
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
                + (b.customer() == null ? "" : " · " + b.customer()) + " · " + b.status().label();
        block.getElement().setAttribute("title", title);
        block.getElement().setAttribute("aria-label", title);
        return block;
    }

    /** Who holds the bookings shown, in their colours: the viewer first, then by name. */
    private static Div legend(List<BookingView> held, @Nullable UUID me) {
        Map<UUID, Holder> holders = new LinkedHashMap<>();
        held.stream().map(BookingView::holder)
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

    private static Component rules(BookingRules rules) {
        UnorderedList list = new UnorderedList(
                new ListItem("Shortest booking: " + ViewerTime.length(rules.minimum())),
                new ListItem("Longest booking: " + ViewerTime.length(rules.maximum()) + " (extend later if the slot is free)"),
                new ListItem("Book up to " + rules.horizonDays() + " days ahead"),
                new ListItem("Check in within " + ViewerTime.length(rules.checkInGrace())
                        + " of the start, or the slot is released as a no-show"));
        Div section = new Div(new H3("Booking rules"), list);
        section.addClassName("dp-detail-section");
        return section;
    }

    /** What pipelines deployed: the current report of the environment and of each slot, then the history. */
    private Component deployments(EnvironmentView env) {
        Instant now = clock.instant();
        Div section = new Div(new H3("Deployed"));
        section.addClassName("dp-detail-section");
        section.setId("deployments");
        Map<Integer, DeploymentView> current = deployments.current(env.id());
        if (current.isEmpty()) {
            Span none = new Span("No pipeline has reported a deployment yet (PUT /api/v1/environments/" + env.slug()
                    + "/deployment).");
            none.addClassName("dp-muted");
            section.add(none);
            return section;
        }
        current.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(d -> {
            Div line = DeploymentLine.of(d.getValue(), now, zone);
            line.addComponentAsFirst(new Span(d.getKey() == 0 ? "Environment:" : "Slot " + d.getKey() + ":"));
            section.add(line);
        });
        UnorderedList history = new UnorderedList();
        history.addClassName("dp-deployment-history");
        for (DeploymentView d : deployments.history(env.slug(), DeploymentService.HISTORY)) {
            history.add(new ListItem(ViewerTime.format(d.at(), zone, now) + " · "
                    + (d.slot() == null ? "environment" : "slot " + d.slot()) + " · " + d.label() + " · "
                    + d.status().label() + " · " + d.reportedBy()));
        }
        Span caption = new Span("History");
        caption.addClassName("dp-muted");
        section.add(caption, history);
        return section;
    }

    private Component maintenance(EnvironmentView env) {
        Instant now = clock.instant();
        List<MaintenanceWindowView> upcoming = environments.maintenanceWindows(env.id(), now, now.plus(
                Duration.ofDays(60)));
        Div section = new Div(new H3("Maintenance"));
        section.addClassName("dp-detail-section");
        if (upcoming.isEmpty()) {
            Span none = new Span("No maintenance scheduled in the next 60 days.");
            none.addClassName("dp-muted");
            section.add(none);
        } else {
            UnorderedList list = new UnorderedList();
            upcoming.forEach(w -> list.add(new ListItem(ViewerTime.range(w.start(), w.end(), zone, now) + ": "
                    + w.reason())));
            section.add(list);
        }
        return section;
    }


    private void openBook(@Nullable Instant start, @Nullable Instant end) {
        EnvironmentView env = environment;
        if (env == null) {
            return;
        }
        List<EnvironmentView> all = environments.allEnvironments(EnvironmentFilter.ACTIVE).stream()
                .filter(EnvironmentView::bookable).toList();
        new BookDialog(bookings, all, env.slug(), start, end, zone, clock, b -> drawTimeline()).open();
    }
}
