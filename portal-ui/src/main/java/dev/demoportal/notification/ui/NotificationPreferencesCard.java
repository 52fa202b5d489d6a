package dev.demoportal.notification.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.demoportal.notification.NotificationChannel;
import dev.demoportal.notification.NotificationKind;
import dev.demoportal.notification.NotificationPreference;
import dev.demoportal.notification.NotificationService;
import java.util.List;

/**
 * My account's "What reaches you": one row per kind of notification, a check box per channel. Each
 * change is saved at once.
 */
public class NotificationPreferencesCard extends Div {

    private final NotificationService notifications;
    final Grid<NotificationPreference> grid = new Grid<>();

    public NotificationPreferencesCard(NotificationService notifications) {
        this.notifications = notifications;
        setId("notification-preferences");
        addClassName("dp-card");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.setAllRowsVisible(true);
        grid.addComponentColumn(p -> {
                    Div what = new Div(new Span(p.kind().label()));
                    Span who = new Span("For " + p.kind().audience());
                    who.addClassName("dp-muted");
                    who.getStyle().set("display", "block").set("font-size", "var(--lumo-font-size-s)");
                    what.add(who);
                    return what;
                })
                .setHeader("Event")
                .setFlexGrow(3);
        for (NotificationChannel channel : NotificationChannel.values()) {
            grid.addComponentColumn(p -> box(p, channel))
                    .setKey(channel.name().toLowerCase())
                    .setHeader(channel.label())
                    .setFlexGrow(1);
        }
        List<NotificationPreference> mine = notifications.myPreferences();
        grid.setItems(mine);
        add(
                new H3("What reaches you"),
                new Paragraph("Choose, for each kind of event, where you hear of it. E-mail goes to the address "
                        + "your identity provider gives. Slack direct messages are kept as your choice and start "
                        + "once the portal's Slack app is installed."),
                grid);
    }

    private Checkbox box(NotificationPreference preference, NotificationChannel channel) {
        Checkbox box = new Checkbox(preference.on(channel));
        box.setAriaLabel(channel.label() + ": " + preference.kind().label());
        box.setId("pref-" + preference.kind().key().replace('.', '-') + "-"
                + channel.name().toLowerCase());
        box.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            NotificationKind kind = preference.kind();
            notifications.choose(kind, channel, e.getValue());
            Notification.show(
                            (e.getValue() ? "On: " : "Off: ") + kind.label() + " — " + channel.label(),
                            2500,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        });
        return box;
    }
}
