package dev.demoportal.base.api;

import dev.demoportal.base.ValidationFailed;
import java.time.Duration;

/**
 * What docs/api.md promises every endpoint: one spelling ({@code organisation}), ISO-8601
 * durations, and until when the old forms are still read.
 */
public final class ApiConventions {

    /** The last day the deprecated input forms ({@code organization}, {@code lifetimeHours}, {@code hours}) are read. */
    public static final String DEPRECATED_UNTIL = "2027-06-30";

    private ApiConventions() {}

    /** A duration the domain keeps in whole hours: positive, and a whole number of hours. */
    public static int wholeHours(String field, Duration duration) {
        if (duration.isNegative()
                || duration.isZero()
                || duration.toSecondsPart() != 0
                || duration.toMinutesPart() != 0) {
            throw ValidationFailed.of(field, "Give a positive number of whole hours as ISO-8601, e.g. PT24H or P3D.");
        }
        long hours = duration.toHours();
        if (hours > Integer.MAX_VALUE) {
            throw ValidationFailed.of(field, "Give at most P365D.");
        }
        return (int) hours;
    }
}
