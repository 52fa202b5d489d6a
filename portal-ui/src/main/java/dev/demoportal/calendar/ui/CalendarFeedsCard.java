package dev.demoportal.calendar.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.calendar.CalendarFeedSummary;
import dev.demoportal.calendar.CalendarService;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * My account's calendar feeds: the person's own feed and, for staff, feeds of shared environments.
 * A feed's URL is shown once, when it is made; making it again replaces the URL (the old one then
 * answers 404), which is how a leaked URL is revoked.
 */
public class CalendarFeedsCard extends Div {

    private final CalendarService calendars;
    private final ZoneId zone;
    private final Clock clock;
    private final Div list = new Div();
    final ComboBox<EnvironmentSummary> environment = new ComboBox<>("Environment");

    public CalendarFeedsCard(
            CalendarService calendars,
            @Nullable EnvironmentService environments,
            boolean staff,
            ZoneId zone,
            Clock clock) {
        this.calendars = calendars;
        this.zone = zone;
        this.clock = clock;
        setId("calendar-feeds");
        addClassName("dp-card");
        add(
                new H3("Calendar feeds"),
                new Paragraph(
                        staff
                                ? "Subscribe to your bookings and your sandboxes' expiries, or to everything booked on a shared "
                                        + "environment, in Outlook, Google Calendar or Apple Calendar (\"subscribe from URL\"). "
                                        + "The address is secret: whoever has it sees the feed."
                                : "Subscribe to your sandboxes' expiries in Outlook, Google Calendar or Apple Calendar "
                                        + "(\"subscribe from URL\"). The address is secret: whoever has it sees the feed."));
        Button personal = new Button("Make my feed's address", e -> create(null));
        personal.setId("calendar-personal");
        HorizontalLayout actions = new HorizontalLayout(personal);
        actions.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        if (staff && environments != null) {
            environment.setItems(environments.allEnvironments(new EnvironmentFilter(null, null, false)));
            environment.setItemLabelGenerator(EnvironmentSummary::name);
            Button forEnvironment = new Button("Make its feed's address", e -> {
                if (environment.getValue() != null) {
                    create(environment.getValue().slug());
                }
            });
            forEnvironment.setId("calendar-environment");
            actions.add(environment, forEnvironment);
        }
        add(list, actions);
        refresh();
    }

    private void create(@Nullable String environmentSlug) {
        CalendarFeedSummary.Created created = calendars.create(environmentSlug);
        refresh();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(
                created.feed().personal()
                        ? "Your calendar feed"
                        : "Calendar feed of " + created.feed().environmentName());
        TextField url = new TextField("Subscribe to this address");
        url.setId("calendar-url");
        url.setValue(created.url());
        url.setReadOnly(true);
        url.setWidthFull();
        url.setHelperText("Shown only now. Making the address again replaces it; the old one stops working.");
        dialog.add(url);
        dialog.setWidth("640px");
        Button close = new Button("Done", e -> dialog.close());
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(close);
        dialog.open();
    }

    private void refresh() {
        list.removeAll();
        List<CalendarFeedSummary> feeds = calendars.mine();
        if (feeds.isEmpty()) {
            Span none = new Span("No feeds yet.");
            none.addClassName("dp-muted");
            list.add(none);
        }
        for (CalendarFeedSummary feed : feeds) {
            Span what = new Span(
                    feed.personal() ? "My bookings and sandbox expiries" : "Environment " + feed.environmentName());
            Span when = new Span(" · made " + ViewerTime.format(feed.createdAt(), zone, clock.instant())
                    + (feed.lastReadAt() == null
                            ? " · not fetched yet"
                            : " · last fetched " + ViewerTime.format(feed.lastReadAt(), zone, clock.instant())));
            when.addClassName("dp-muted");
            Button remake = new Button("New address", e -> create(feed.environmentSlug()));
            remake.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            Button remove = new Button("Remove", e -> {
                calendars.delete(feed.id());
                refresh();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            HorizontalLayout row = new HorizontalLayout(new Div(what, when), remake, remove);
            row.setAlignItems(HorizontalLayout.Alignment.CENTER);
            row.addClassName("calendar-feed");
            list.add(row);
        }
    }
}
