package dev.demoportal.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading durations and times as people type them, and showing times as ISO dates with a 24-hour clock (ADR 0008). */
final class Times {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Times() {}

    /** {@code 2h}, {@code 90m}, {@code 1h30m}, {@code 2d}, or ISO-8601 ({@code PT2H}, {@code P1D}). */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        if (!value.isEmpty() && m.matches()) {
            Duration d = Duration.ofDays(number(m.group(1)))
                    .plusHours(number(m.group(2)))
                    .plusMinutes(number(m.group(3)));
            if (!d.isZero()) {
                return d;
            }
        }
        try {
            Duration d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: give e.g. 2h, 90m, 1h30m, 2d or PT2H");
    }

    /**
     * An instant ({@code 2026-12-07T09:00:00Z}), a time with an offset ({@code 2026-12-07T09:00+01:00})
     * or a local date and time ({@code 2026-12-07T09:00} or {@code 2026-12-07 09:00}) read in {@code zone}.
     */
    static Instant instant(String text, ZoneId zone) {
        String value = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: give e.g. 2026-12-07T09:00 (read in "
                    + zone.getId() + ") or 2026-12-07T09:00:00Z");
        }
    }

    /** {@code 2026-12-07 09:00 Europe/Berlin}. */
    static String show(Instant instant, ZoneId zone) {
        return SHOWN.format(instant.atZone(zone)) + " " + ("Z".equals(zone.getId()) ? "UTC" : zone.getId());
    }

    /** {@code 2h}, {@code 1h30m}, {@code 45m}, {@code 3d}. */
    static String show(Duration duration) {
        // to the nearest minute: a claim's start and end carry seconds and milliseconds
        long minutes = (duration.toSeconds() + 30) / 60;
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return (hours > 0 ? hours + "h" : "") + (rest > 0 || hours == 0 ? rest + "m" : "");
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
