package dev.demoportal.booking.ui;

import com.vaadin.flow.component.html.Span;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.AccessSummary;
import java.time.Instant;
import java.time.ZoneId;

/** A holding's access lease in words: "access active until 14:00", "access pending", "access failed". */
final class AccessText {

    private AccessText() {}

    static String text(AccessSummary access, ZoneId zone, Instant now) {
        return switch (access.status()) {
            case ACTIVE -> "access active until " + ViewerTime.format(access.revokeDueAt(), zone, now);
            case PENDING -> "access pending";
            case FAILED -> "access failed, retrying";
            case REVOKED ->
                "access revoked"
                        + (access.revokedAt() == null ? "" : " at " + ViewerTime.format(access.revokedAt(), zone, now));
        };
    }

    static Span badge(AccessSummary access, ZoneId zone, Instant now) {
        Span badge = new Span(text(access, zone, now));
        badge.addClassNames("dp-access", "dp-access-" + access.status().name().toLowerCase());
        badge.getElement().setAttribute("title", title(access));
        return badge;
    }

    static String title(AccessSummary access) {
        return "Namespace " + access.namespace() + " for " + access.subject()
                + (access.lastError() == null ? "" : "; last error: " + access.lastError());
    }
}
