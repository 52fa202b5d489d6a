package dev.demoportal.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import dev.demoportal.base.DomainException;
import dev.demoportal.base.Message;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Times as the viewer reads them: in the browser's time zone (asked once per session), UTC until
 * the browser has answered. Shared UI kit (not booking's) because every feature that shows a time
 * (booking, sandboxes, dashboards, audit, notifications, refusals) must show it the same way, in the
 * same words: ISO dates ({@code 2026-03-03}) and 24-hour times ({@code 14:00}), as the date and time
 * pickers take them ({@link Pickers}). See docs/decisions/0008-dates-and-times-iso-24-hour.md.
 */
public final class ViewerTime {

    private static final String ATTRIBUTE = ViewerTime.class.getName();
    /** "14:00". */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    /** "2026-03-03", as the date pickers show a date. */
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ENGLISH);
    /** "Tue 2026-03-03 14:00". */
    public static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);
    /** "Tue 2026-03-03". */
    public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);

    private ViewerTime() {}

    /** The viewer's zone if already known in this session, else UTC. */
    public static ZoneId zone() {
        VaadinSession session = VaadinSession.getCurrent();
        Object zone = session == null ? null : session.getAttribute(ATTRIBUTE);
        return zone instanceof ZoneId z ? z : ZoneOffset.UTC;
    }

    /** Asks the browser for its zone unless known; calls {@code changed} if it differs from UTC. */
    public static void resolve(UI ui, Consumer<ZoneId> changed) {
        if (ui.getSession().getAttribute(ATTRIBUTE) != null) {
            return;
        }
        ui.getPage().retrieveExtendedClientDetails(details -> {
            ZoneId zone = parse(details.getTimeZoneId());
            ui.getSession().setAttribute(ATTRIBUTE, zone);
            if (!zone.equals(ZoneOffset.UTC)) {
                changed.accept(zone);
            }
        });
    }

    private static ZoneId parse(@Nullable String id) {
        try {
            return id == null || id.isBlank() ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** "14:00", or "Tue 2026-03-03 14:00" when not today in {@code zone}. */
    public static String format(Instant instant, ZoneId zone, Instant now) {
        ZonedDateTime t = instant.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        return (t.toLocalDate().equals(today) ? TIME : DAY_TIME).format(t);
    }

    /** "14:00–16:00", with days where the range is not within today. */
    public static String range(Instant start, Instant end, ZoneId zone, Instant now) {
        ZonedDateTime s = start.atZone(zone);
        ZonedDateTime e = end.atZone(zone);
        String first = format(start, zone, now);
        String second = s.toLocalDate().equals(e.toLocalDate()) ? TIME.format(e) : format(end, zone, now);
        return first + "–" + second;
    }

    /** "Tue 2026-03-03 14:00" in {@code zone}, whatever day it is now: for text that may be read later. */
    public static String at(Instant instant, ZoneId zone) {
        return DAY_TIME.format(instant.atZone(zone));
    }

    /**
     * A message from the domain (a notification, a refusal) as the viewer reads it: each moment it
     * names written as {@link #at} in the viewer's zone.
     */
    public static String text(Message message) {
        return text(message, zone());
    }

    /** As {@link #text(Message)}, in {@code zone}. */
    public static String text(Message message, ZoneId zone) {
        return message.render(instant -> at(instant, zone));
    }

    /** A refusal's message as the viewer reads it (its moments in the viewer's zone). */
    public static String text(DomainException refusal) {
        return text(refusal.text());
    }

    /** A short name of the zone, e.g. "Dublin" for Europe/Dublin, "UTC" before the browser has answered. */
    public static String place(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        String id = zone.getId();
        int slash = id.lastIndexOf('/');
        return (slash < 0 ? id : id.substring(slash + 1)).replace('_', ' ');
    }

    /** The label a page shows once: "Times in your time zone (Dublin)." */
    public static String note(ZoneId zone) {
        return "Times in your time zone (" + place(zone) + ").";
    }

    /** A length in words: "30 minutes", "2 hours", "1 day". */
    public static String length(Duration d) {
        long m = d.toMinutes();
        return m % 1440 == 0
                ? m / 1440 + (m == 1440 ? " day" : " days")
                : m % 60 == 0 ? m / 60 + (m == 60 ? " hour" : " hours") : m + " minutes";
    }

    /**
     * A length that need not be whole, in the same words as {@link #length}: its two largest units,
     * the rest dropped ("2 days 4 hours", "3 hours 12 minutes", "1 minute 30 seconds", "12 seconds",
     * "under a second"). Whole days, whole hours under a day and minutes under an hour read exactly as
     * {@link #length} reads them.
     */
    public static String roughly(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s == 0) {
            return "under a second";
        }
        long days = s / 86_400;
        long hours = s / 3600 % 24;
        long minutes = s / 60 % 60;
        long seconds = s % 60;
        return days > 0
                ? words(days, "day", hours, "hour")
                : hours > 0
                        ? words(hours, "hour", minutes, "minute")
                        : minutes > 0 ? words(minutes, "minute", seconds, "second") : unit(seconds, "second");
    }

    private static String words(long first, String firstUnit, long second, String secondUnit) {
        return unit(first, firstUnit) + (second == 0 ? "" : " " + unit(second, secondUnit));
    }

    private static String unit(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
