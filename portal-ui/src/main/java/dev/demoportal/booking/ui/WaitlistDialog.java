package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import dev.demoportal.booking.WaitlistService;
import dev.demoportal.environment.EnvironmentSummary;
import java.time.Clock;
import java.time.ZoneId;

/** "Join the waitlist" from the board, for an environment whose slots are all held now. */
class WaitlistDialog extends Dialog {

    final WaitlistForm form;

    WaitlistDialog(WaitlistService waitlist, EnvironmentSummary environment, ZoneId zone, Clock clock) {
        setHeaderTitle("Join the waitlist of " + environment.name());
        setMaxWidth("720px");
        Paragraph how = new Paragraph("Every slot is held now. Say when you could use it and for how long: when a "
                + "slot frees up in your window, the first in line gets it automatically and is told so.");
        how.addClassName("dp-muted");
        form = new WaitlistForm(waitlist, environment.slug(), zone, clock, entry -> close());
        add(how, form);
        getFooter().add(new Button("Cancel", e -> close()));
    }
}
