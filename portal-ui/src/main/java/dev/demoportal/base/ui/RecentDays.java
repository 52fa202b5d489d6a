package dev.demoportal.base.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A from–to pair of date pickers that opens on "the last N days, today included", where today is
 * the viewer's. A view is built before the browser has said its time zone (the server's zone
 * stands in until then); when it becomes known, a range the viewer has not touched moves to the
 * viewer's today. Without this, a viewer east of the server just after midnight saw a range ending
 * yesterday: the last entries (their own, just made) were missing.
 */
public final class RecentDays {

    private final DatePicker from;
    private final DatePicker to;
    private final int days;
    private final Clock clock;
    private LocalDate today;

    public RecentDays(DatePicker from, DatePicker to, int days, Clock clock, ZoneId zone) {
        this.from = from;
        this.to = to;
        this.days = days;
        this.clock = clock;
        this.today = LocalDate.ofInstant(clock.instant(), zone);
        from.setValue(first());
        to.setValue(today);
    }

    /** Today where the range was opened (the viewer's, once {@link #viewerZone} was called). */
    public LocalDate today() {
        return today;
    }

    /** The viewer's zone is known: an untouched default range moves to the viewer's today. */
    public void viewerZone(ZoneId zone) {
        LocalDate viewerToday = LocalDate.ofInstant(clock.instant(), zone);
        boolean untouched = today.equals(to.getValue()) && first().equals(from.getValue());
        if (viewerToday.equals(today) || !untouched) {
            return;
        }
        today = viewerToday;
        // the end first when moving forward, the start first when moving back: never from > to
        if (viewerToday.isAfter(to.getValue())) {
            to.setValue(today);
            from.setValue(first());
        } else {
            from.setValue(first());
            to.setValue(today);
        }
    }

    private LocalDate first() {
        return today.minusDays(days - 1L);
    }
}
