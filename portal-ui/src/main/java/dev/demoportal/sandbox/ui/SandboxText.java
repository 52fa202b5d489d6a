package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.html.Span;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How sandbox facts read on the pages: status badges, times and countdowns. Times and lengths go
 * through {@link ViewerTime}, so they read as on the booking pages: in the viewer's time zone.
 */
final class SandboxText {

    private SandboxText() {}

    static Span status(SandboxStatus status) {
        Span badge = new Span(status.label());
        badge.addClassNames("dp-status", "dp-sandbox-" + status.name().toLowerCase(Locale.ROOT));
        badge.getElement().setAttribute("data-status", status.name());
        return badge;
    }

    /** "14:00" today, "Tue 3 Mar 14:00" on another day, in {@code zone}; "" for no time. */
    static String when(@Nullable Instant instant, ZoneId zone, Instant now) {
        return instant == null ? "" : ViewerTime.format(instant, zone, now);
    }

    /** "in 3 hours 12 minutes", "in 2 days 4 hours", "expired"; "" for no expiry. */
    static String countdown(@Nullable Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return "";
        }
        if (!expiresAt.isAfter(now)) {
            return "expired";
        }
        // whole minutes, rounded up: the page ticks every 30 s, seconds would only flicker
        long minutes = (Duration.between(now, expiresAt).toSeconds() + 59) / 60;
        return "in " + ViewerTime.roughly(Duration.ofMinutes(minutes));
    }

    /** "Failed at region-platform / namespace: quota exceeded", with whatever of it is known. */
    static String failure(SandboxSummary s) {
        String where = s.failureLayer() == null
                ? ""
                : " at " + s.failureLayer() + (s.failureStep() == null ? "" : " / " + s.failureStep());
        return "Failed" + where + (s.failureMessage() == null ? "" : ": " + s.failureMessage());
    }

    /** "in 3 hours 12 minutes" until {@code at}, "shortly" once it has passed (the worker is on its way). */
    static String due(Instant at, Instant now) {
        return at.isAfter(now) ? countdown(at, now) : "shortly";
    }

    /** How long a step took ("12 seconds", "1 minute 30 seconds"); "" until it has finished. */
    static String took(@Nullable Instant startedAt, @Nullable Instant finishedAt) {
        return startedAt == null || finishedAt == null
                ? ""
                : ViewerTime.roughly(Duration.between(startedAt, finishedAt));
    }
}
