package dev.demoportal.booking;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A booking as views and the API show it, with its status as of {@code asOf}. */
public record BookingSummary(
        UUID id,
        UUID environmentId,
        String environmentSlug,
        String environmentName,
        int slot,
        Holder holder,
        Instant start,
        Instant end,
        BookingStatus status,
        String purpose,
        @Nullable String customer,
        @Nullable Instant checkedInAt,
        long version) {

    public boolean checkedIn() {
        return checkedInAt != null;
    }
}
