package dev.demoportal.booking.ui;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.ViewerTime;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The booking service's refusals as a person reads them: it writes times into its messages as
 * ISO-8601 instants (for API clients), the booking forms show them in the viewer's zone.
 */
final class ViewerMessages {

    private ViewerMessages() {}

    static ValidationFailed inViewerTime(ValidationFailed failed, ZoneId zone, Clock clock) {
        return new ValidationFailed(failed.errors().stream()
                .map(e -> new ValidationFailed.FieldError(e.field(),
                        ViewerTime.inMessage(e.message(), zone, clock.instant())))
                .toList());
    }

    static String inViewerTime(String message, ZoneId zone, Clock clock) {
        return ViewerTime.inMessage(message, zone, clock.instant());
    }
}
