package dev.demoportal.environment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How an environment may be booked (admins edit these).
 *
 * @param minMinutes shortest booking
 * @param maxMinutes longest booking (longer work: book again, or extend while the slot stays free)
 * @param horizonDays how far ahead a booking may start
 * @param checkInGraceMinutes a reservation not checked in this long after its start is released as a no-show
 */
public record BookingRules(
        @Min(value = 5, message = "At least 5 minutes") @Max(value = 1440, message = "At most 24 hours")
        int minMinutes,

        @Min(value = 15, message = "At least 15 minutes") @Max(value = 43200, message = "At most 30 days")
        int maxMinutes,

        @Min(value = 1, message = "At least 1 day") @Max(value = 365, message = "At most 365 days")
        int horizonDays,

        @Min(value = 5, message = "At least 5 minutes") @Max(value = 240, message = "At most 4 hours")
        int checkInGraceMinutes) {

    public Duration minimum() {
        return Duration.ofMinutes(minMinutes);
    }

    public Duration maximum() {
        return Duration.ofMinutes(maxMinutes);
    }

    public Duration horizon() {
        return Duration.ofDays(horizonDays);
    }

    public Duration checkInGrace() {
        return Duration.ofMinutes(checkInGraceMinutes);
    }
}
