package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.html.Span;
import dev.demoportal.sandbox.SandboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How sandbox facts read on the pages: status badges, times (UTC), countdowns. */
final class SandboxText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private SandboxText() {}

    static Span status(SandboxStatus status) {
        Span badge = new Span(status.label());
        badge.addClassNames("dp-status", "dp-sandbox-" + status.name().toLowerCase(Locale.ROOT));
        badge.getElement().setAttribute("data-status", status.name());
        return badge;
    }

    static String when(@Nullable Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    /** "in 3 h 12 min", "in 45 min", "expired". */
    static String countdown(@Nullable Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return "";
        }
        if (!expiresAt.isAfter(now)) {
            return "expired";
        }
        return "in " + length(Duration.between(now, expiresAt));
    }

    static String length(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        long days = minutes / (24 * 60);
        long hours = (minutes / 60) % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + mins + " min";
        }
        return mins + " min";
    }
}
