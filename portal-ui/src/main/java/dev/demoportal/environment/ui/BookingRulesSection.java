package dev.demoportal.environment.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.BookingRules;

/** An environment's booking rules, in words, for the pages that show one environment. */
public class BookingRulesSection extends Div {

    public BookingRulesSection(BookingRules rules) {
        addClassName("dp-detail-section");
        add(
                new H3("Booking rules"),
                new UnorderedList(
                        new ListItem("Shortest booking: " + ViewerTime.length(rules.minimum())),
                        new ListItem("Longest booking: " + ViewerTime.length(rules.maximum())
                                + " (extend later if the slot is free)"),
                        new ListItem("Book up to " + rules.horizonDays() + " days ahead"),
                        new ListItem("Check in within " + ViewerTime.length(rules.checkInGrace())
                                + " of the start, or the slot is released as a no-show")));
    }
}
