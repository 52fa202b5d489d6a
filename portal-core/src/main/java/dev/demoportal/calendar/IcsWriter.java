package dev.demoportal.calendar;

import java.net.URI;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes a feed as iCalendar text with ical4j. Times are UTC ({@code 20260302T090000Z}), so no
 * VTIMEZONE is needed and every client shows them in its own zone.
 */
final class IcsWriter {

    private IcsWriter() {}

    static String write(String name, List<CalendarEntry> entries) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Demo Portal//Calendar feeds//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Method("PUBLISH"));
        calendar.add(new XProperty("X-WR-CALNAME", name));
        for (CalendarEntry entry : entries) {
            VEvent event = new VEvent(entry.start(), entry.end(), entry.summary());
            event.add(new Uid(entry.uid()));
            event.add(new DtStamp(entry.stamp()));
            event.add(new Sequence((int) Math.min(Integer.MAX_VALUE, entry.sequence())));
            event.add(new Status(entry.cancelled() ? "CANCELLED" : "CONFIRMED"));
            event.add(new Description(entry.description()));
            if (entry.link() != null) {
                event.add(new Url(URI.create(entry.link())));
            }
            calendar.add(event);
        }
        return calendar.toString();
    }
}
