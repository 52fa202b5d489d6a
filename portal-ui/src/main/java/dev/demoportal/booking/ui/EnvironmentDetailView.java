package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.SlotResetService;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.ResetPlanService;
import dev.demoportal.environment.ui.BookingRulesSection;
import dev.demoportal.environment.ui.DeploymentSection;
import dev.demoportal.environment.ui.MaintenanceSection;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One environment: its header, a day or week {@link BookingTimeline} of its bookings per slot
 * (click a free hour to book it), its booking rules and maintenance windows (components of the
 * environment feature), what pipelines deployed to it, and its waitlist.
 */
@Route("environments/:slug")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class EnvironmentDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final BookingService bookings;
    private final WaitlistService waitlist;
    private final EnvironmentService environments;
    private final DeploymentService deployments;
    private final ResetPlanService resetPlans;
    private final SlotResetService resets;
    private final boolean admin;
    private final Clock clock;
    private final BookingTimeline timeline;
    private final Div header = new Div();
    private final Div details = new Div();
    private @Nullable EnvironmentSummary environment;
    private ZoneId zone = ViewerTime.zone();

    EnvironmentDetailView(
            BookingService bookings,
            WaitlistService waitlist,
            EnvironmentService environments,
            DeploymentService deployments,
            ResetPlanService resetPlans,
            SlotResetService resets,
            BoardListener listener,
            AuthenticationContext authentication,
            Clock clock) {
        this.resetPlans = resetPlans;
        this.resets = resets;
        this.admin = authentication.hasRole("ADMIN");
        this.bookings = bookings;
        this.waitlist = waitlist;
        this.environments = environments;
        this.deployments = deployments;
        this.clock = clock;
        this.timeline = new BookingTimeline(bookings, environments, resets, clock, this::openBook);
        setWidthFull();
        addClassName("dp-environment-detail");
        listener.follow(this, id -> environment != null && environment.id().equals(id), this::reload);
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            timeline.zone(z);
        }));
        details.setWidthFull();
        header.setWidthFull();
        add(header, timeline.controls, timeline, details);
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
        EnvironmentSummary env = environment;
        if (env == null) {
            header.add(
                    new H2("No such environment"),
                    new Paragraph("It may have been renamed or removed."),
                    new RouterLink("Back to the board", BoardView.class));
            timeline.show(null);
            return;
        }
        ZoneId local = ZoneId.of(env.region().timeZone());
        RouterLink back = new RouterLink("Board", BoardView.class);
        back.addClassName("dp-muted");
        Instant now = clock.instant();
        boolean full = env.bookable()
                && bookings.bookings(env.slug(), now, now.plusSeconds(1)).size() >= env.tenantSlots();
        Span status = full ? BoardCard.fullStatus() : new Span(env.status().label());
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

        details.add(
                new DeploymentSection(deployments, env, zone, clock),
                new BookingRulesSection(env.rules()),
                new MaintenanceSection(environments, env.id(), zone, clock),
                new ResetSection(resetPlans, resets, env, admin, zone, clock),
                new WaitlistPanel(waitlist, env.slug(), zone, clock));
        timeline.show(env);
    }

    private void openBook(@Nullable Instant start, @Nullable Instant end) {
        EnvironmentSummary env = environment;
        if (env == null) {
            return;
        }
        List<EnvironmentSummary> all = environments.allEnvironments(EnvironmentFilter.ACTIVE).stream()
                .filter(EnvironmentSummary::bookable)
                .toList();
        new BookDialog(bookings, all, env.slug(), start, end, zone, clock, b -> timeline.redraw()).open();
    }
}
