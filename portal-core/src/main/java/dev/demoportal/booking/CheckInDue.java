package dev.demoportal.booking;

import java.time.Instant;
import java.util.UUID;

/**
 * A reservation started and waits for its holder's check-in until {@code releasedAt}, when the
 * no-show sweep frees it. Not audited: nothing changed yet.
 */
public record CheckInDue(
        UUID bookingId,
        UUID holderId,
        String environmentSlug,
        String environmentName,
        int slot,
        Instant start,
        Instant end,
        Instant releasedAt,
        String purpose) {}
