package dev.demoportal.calendar;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event of a feed. The UID is stable for the thing it shows (a booking, a sandbox's expiry), and
 * the sequence grows with every change of it, so calendar clients update the event in place.
 *
 * @param sequence the thing's version: it increments whenever the thing changes
 * @param link an absolute portal URL to the thing
 */
record CalendarEntry(
        String uid,
        long sequence,
        Instant start,
        Instant end,
        String summary,
        String description,
        @Nullable String link,
        boolean cancelled,
        Instant stamp) {}
