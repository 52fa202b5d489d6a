package dev.demoportal.slack.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.slack.SlackChannelLink;
import dev.demoportal.slack.SlackChannelService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Admins link a Slack channel to an environment or a region; the portal then keeps the channel's
 * topic current ("EMEA Demo 1: alice until 14:00 · slot 2 free").
 */
@Route("admin/slack")
@PageTitle("Slack channels")
@RolesAllowed("ADMIN")
public class SlackChannelsView extends VerticalLayout {

    /** What a channel follows, as the form offers it. */
    record Target(String label, String environment, String region) {}

    final TextField channel = new TextField("Channel id");
    final ComboBox<Target> target = new ComboBox<>("Follows");
    final Button link = new Button("Link");
    final Grid<SlackChannelLink> grid = new Grid<>();
    private final SlackChannelService channels;
    private final Clock clock;

    SlackChannelsView(SlackChannelService channels, EnvironmentService environments, Clock clock) {
        this.channels = channels;
        this.clock = clock;
        add(
                new H2("Slack channels"),
                new Paragraph("A linked channel's topic shows who holds the environment (or "
                        + "each environment of the region) and which slots are free, updated within seconds of every "
                        + "change. Invite the Demo Portal app to the channel first; the channel id is at the bottom of "
                        + "the channel's details in Slack. See docs/operations/slack.md."));
        channel.setId("slack-channel");
        channel.setPlaceholder("C0123ABCD");
        List<Target> targets = new ArrayList<>();
        environments.regions().forEach(r -> targets.add(new Target("Region " + r.name(), "", r.code())));
        environments
                .allEnvironments(EnvironmentFilter.ACTIVE)
                .forEach(e -> targets.add(new Target(e.name() + " (" + e.slug() + ")", e.slug(), "")));
        target.setItems(targets);
        target.setItemLabelGenerator(Target::label);
        target.setId("slack-target");
        target.setWidth("24em");
        link.setId("slack-link");
        link.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        link.addClickListener(e -> link());
        Div form = new Div(new H3("Link a channel"), new HorizontalLayout(channel, target), link);
        form.addClassName("dp-card");

        grid.setId("slack-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(SlackChannelLink::channelId).setHeader("Channel").setAutoWidth(true);
        grid.addColumn(SlackChannelLink::follows).setHeader("Follows").setAutoWidth(true);
        grid.addColumn(l -> l.lastError() != null
                        ? "Not set: " + l.lastError()
                        : l.lastTopic() == null ? "Not set yet" : l.lastTopic())
                .setHeader("Topic")
                .setFlexGrow(3);
        grid.addColumn(l ->
                        l.syncedAt() == null ? "" : ViewerTime.format(l.syncedAt(), ViewerTime.zone(), clock.instant()))
                .setHeader("Set")
                .setAutoWidth(true);
        grid.addComponentColumn(l -> {
                    Button unlink = new Button("Unlink", e -> {
                        channels.unlink(l.id());
                        refresh();
                    });
                    unlink.addThemeVariants(
                            ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                    return unlink;
                })
                .setAutoWidth(true);
        add(form, grid);
        refresh();
    }

    private void link() {
        FieldErrors errors = new FieldErrors().field("channel", channel).field("target", target);
        errors.clear();
        Target t = target.getValue();
        try {
            channels.link(channel.getValue(), t == null ? null : t.environment(), t == null ? null : t.region());
            channel.clear();
            target.clear();
            refresh();
        } catch (dev.demoportal.base.ValidationFailed e) {
            String rest = errors.show(e);
            if (!rest.isEmpty()) {
                com.vaadin.flow.component.notification.Notification.show(
                        rest, 5000, com.vaadin.flow.component.notification.Notification.Position.MIDDLE);
            }
        }
    }

    private void refresh() {
        grid.setItems(channels.links());
    }
}
