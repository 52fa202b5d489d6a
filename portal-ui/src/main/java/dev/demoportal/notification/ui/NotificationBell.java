package dev.demoportal.notification.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.notification.NotificationSummary;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * A bell with the number of unread messages (a waitlist hand-off, a force-release, a no-show).
 * It looks again every 30 seconds while the page is open; opening it marks everything read. The
 * count is part of the button, so a click on it opens the bell too. Times (when a message came,
 * and the moments it names) read in the viewer's time zone.
 */
public class NotificationBell extends Div {

    private static final Duration POLL = Duration.ofSeconds(30);

    private final NotificationService notifications;
    private final Button bell = new Button(VaadinIcon.BELL.create());
    private final Span count = new Span();
    private Registration poll;

    public NotificationBell(NotificationService notifications) {
        this.notifications = notifications;
        bell.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        bell.setAriaLabel("Notifications");
        count.addClassName("dp-bell-count");
        bell.setSuffixComponent(count);
        addClassName("dp-bell");
        add(bell);
        bell.addClickListener(e -> open());
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        // the bell is on every page: learn the viewer's zone here, so messages never read in UTC
        ViewerTime.resolve(ui, zone -> {});
        ui.setPollInterval((int) POLL.toMillis());
        poll = ui.addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
            poll = null;
        }
    }

    private void refresh() {
        long unread = notifications.unread();
        count.setText(unread == 0 ? "" : String.valueOf(unread));
        count.setVisible(unread > 0);
        bell.setAriaLabel(unread == 0 ? "Notifications" : unread + " unread notifications");
    }

    private void open() {
        List<NotificationSummary> latest = notifications.mine(20);
        Dialog dialog = new Dialog("Notifications");
        dialog.setWidth("480px");
        ZoneId zone = ViewerTime.zone();
        Span note = new Span(ViewerTime.note(zone));
        note.addClassName("dp-muted");
        dialog.add(note);
        if (latest.isEmpty()) {
            dialog.add(new Div("Nothing new."));
        }
        for (NotificationSummary n : latest) {
            Span when = new Span(ViewerTime.at(n.createdAt(), zone));
            when.addClassName("dp-muted");
            String message = ViewerTime.text(n.message(), zone);
            Div item = new Div(when, new Div(n.link() == null ? new Span(message) : new Anchor(n.link(), message)));
            item.addClassName(n.read() ? "dp-note" : "dp-note-unread");
            dialog.add(item);
        }
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
        notifications.markAllRead();
        refresh();
    }
}
