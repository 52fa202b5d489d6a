package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.WaitlistPlace;
import dev.demoportal.booking.WaitlistService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * An environment's waitlist: who is queueing, and a form to join when it is full. When a slot
 * frees inside someone's window, the first in line gets it and is told so in the portal.
 */
class WaitlistPanel extends Div {

    final OrderedList queue = new OrderedList();
    final WaitlistForm form;

    private final WaitlistService waitlist;
    private final String slug;
    private final ZoneId zone;
    private final Clock clock;

    WaitlistPanel(WaitlistService waitlist, String slug, ZoneId zone, Clock clock) {
        this.waitlist = waitlist;
        this.slug = slug;
        this.zone = zone;
        this.clock = clock;
        setId("waitlist");
        addClassName("dp-detail-section");
        Paragraph how = new Paragraph("Full when you need it? Queue for a slot of a given length within a window. "
                + "When one frees up in your window, the first in line gets it automatically and is told so.");
        how.addClassName("dp-muted");
        form = new WaitlistForm(waitlist, slug, zone, clock, entry -> refresh());
        add(new H3("Waitlist"), how, queue, form);
        refresh();
    }

    void refresh() {
        queue.removeAll();
        List<WaitlistPlace> entries = waitlist.waitlist(slug);
        if (entries.isEmpty()) {
            Span none = new Span("Nobody is waiting.");
            none.addClassName("dp-muted");
            queue.add(new ListItem(none));
            return;
        }
        UUID me = CurrentActor.userId().orElse(null);
        Instant now = clock.instant();
        for (WaitlistPlace w : entries) {
            ListItem item = new ListItem(new Span(w.person().name() + " · " + ViewerTime.length(w.length()) + " within "
                    + ViewerTime.range(w.windowStart(), w.windowEnd(), zone, now) + " · " + w.purpose()));
            if (w.person().id().equals(me)) {
                Button leave = new Button("Leave", e -> {
                    waitlist.leaveWaitlist(w.id());
                    refresh();
                });
                leave.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                item.add(leave);
            }
            queue.add(item);
        }
    }
}
