package dev.demoportal.booking;

import dev.demoportal.base.Message;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.MaintenanceWindowSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An environment's booking rules applied to a period asked for: bookable, not in the past, between
 * the shortest and longest booking, within the horizon, clear of maintenance. Every broken rule is
 * reported at once, as field errors; maintenance is looked up only when the rest holds.
 */
final class BookingRules {

    /** Requests up to this far in the past count as "now" (clocks and slow forms differ a little). */
    static final Duration START_TOLERANCE = Duration.ofMinutes(2);

    private BookingRules() {}

    /** A new booking of {@code [start, end)}; {@code maintenance} gives the windows overlapping it. */
    static void check(
            EnvironmentSummary environment,
            Instant start,
            Instant end,
            Instant now,
            Supplier<List<MaintenanceWindowSummary>> maintenance) {
        List<FieldError> errors = new ArrayList<>();
        if (!environment.bookable()) {
            errors.add(new FieldError(
                    "environment",
                    environment.name() + " is " + environment.status().label().toLowerCase()
                            + " and cannot be booked"));
        }
        if (start.isBefore(now.minus(START_TOLERANCE))) {
            errors.add(new FieldError("start", "The start is in the past"));
        }
        if (!end.isAfter(start)) {
            errors.add(new FieldError("end", "The end must be after the start"));
        } else {
            Duration length = Duration.between(start, end);
            if (length.compareTo(environment.rules().minimum()) < 0) {
                errors.add(new FieldError(
                        "end", "Book at least " + minutes(environment.rules().minimum())));
            }
            if (length.compareTo(environment.rules().maximum()) > 0) {
                errors.add(new FieldError(
                        "end",
                        "Book at most " + minutes(environment.rules().maximum())
                                + " at a time; extend later if the slot is still free"));
            }
        }
        if (start.isAfter(now.plus(environment.rules().horizon()))) {
            errors.add(new FieldError(
                    "start", "Bookings may start at most " + environment.rules().horizonDays() + " days ahead"));
        }
        if (errors.isEmpty()) {
            maintenance.get().stream()
                    .findFirst()
                    .ifPresent(w -> errors.add(new FieldError(
                            "start",
                            Message.of("Overlaps maintenance (", w.reason(), ") from ", w.start(), " to ", w.end()))));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    /**
     * Whether a new booking of {@code [start, end)} meets every rule but maintenance (which the
     * booking's insert checks itself, {@link BookingQueries#insertIfStillAllowed}); for the short way only:
     * when it says no, the long way ({@link #check}) says why.
     */
    static boolean passes(EnvironmentSummary environment, Instant start, Instant end, Instant now) {
        try {
            check(environment, start, end, now, List::of);
            return true;
        } catch (ValidationFailed broken) {
            return false;
        }
    }

    /**
     * Moving the end of a booking that started (or starts) at {@code start} from {@code previous} to
     * {@code target}; {@code maintenance} gives the windows overlapping {@code [previous, target)}.
     */
    static void checkExtension(
            EnvironmentSummary environment,
            Instant start,
            Instant previous,
            Instant target,
            Instant now,
            Supplier<List<MaintenanceWindowSummary>> maintenance) {
        if (!target.isAfter(previous)) {
            throw ValidationFailed.of(
                    "until", Message.of("The new end must be after the current end (", previous, ")"));
        }
        if (Duration.between(start, target).compareTo(environment.rules().maximum()) > 0) {
            throw ValidationFailed.of(
                    "until", "Book at most " + minutes(environment.rules().maximum()) + " at a time");
        }
        if (target.isAfter(now.plus(environment.rules().horizon()))) {
            throw ValidationFailed.of(
                    "until",
                    "Beyond the booking horizon of " + environment.rules().horizonDays() + " days");
        }
        maintenance.get().stream().findFirst().ifPresent(w -> {
            throw ValidationFailed.of("until", Message.of("Runs into maintenance (", w.reason(), ") at ", w.start()));
        });
    }

    /** A duration as people say it: "90 minutes", "2 hours", "1 day". */
    static String minutes(Duration d) {
        long m = d.toMinutes();
        return m % 1440 == 0
                ? m / 1440 + (m == 1440 ? " day" : " days")
                : m % 60 == 0 ? m / 60 + (m == 60 ? " hour" : " hours") : m + " minutes";
    }
}
