package dev.demoportal.booking.ui;

import com.vaadin.flow.component.html.Span;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.SlotResetSummary;
import java.time.Instant;
import java.time.ZoneId;

/** A slot's hand-off state in words: "resetting", "clean since 13:02", "out of service". */
public final class ResetText {

    private ResetText() {}

    public static String text(SlotResetSummary reset, ZoneId zone, Instant now) {
        return switch (reset.state()) {
            case RESETTING ->
                "resetting"
                        + (reset.steps() > 1
                                ? " (step " + Math.min(reset.step() + 1, reset.steps()) + " of " + reset.steps() + ")"
                                : "");
            case CLEAN ->
                "clean since " + (reset.finishedAt() == null ? "?" : ViewerTime.format(reset.finishedAt(), zone, now));
            case OUT_OF_SERVICE ->
                "out of service: reset failed"
                        + (reset.finishedAt() == null ? "" : " " + ViewerTime.format(reset.finishedAt(), zone, now));
            case RETURNED ->
                "returned to service"
                        + (reset.returnedAt() == null ? "" : " " + ViewerTime.format(reset.returnedAt(), zone, now));
        };
    }

    public static Span badge(SlotResetSummary reset, ZoneId zone, Instant now) {
        Span badge = new Span(text(reset, zone, now));
        badge.addClassNames(classes(reset).split(" "));
        badge.getElement().setAttribute("title", title(reset));
        return badge;
    }

    static String classes(SlotResetSummary reset) {
        return "dp-reset dp-reset-" + reset.state().name().toLowerCase().replace('_', '-');
    }

    static String title(SlotResetSummary reset) {
        return reset.error() != null
                ? "Error: " + reset.error()
                : reset.returnNote() != null
                        ? "Note: " + reset.returnNote()
                        : "Steps done: " + reset.step() + " of " + reset.steps();
    }
}
