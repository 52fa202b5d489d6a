package dev.demoportal.environment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who holds each environment's slots right now. The booking feature answers it; the environment
 * feature only asks, so environments do not depend on bookings.
 */
public interface CurrentHolders {

    /** A slot held now. */
    record Holding(
            int slot,
            UUID bookingId,
            String name,
            @Nullable String email,
            Instant from,
            Instant until,
            String purpose) {}

    /** Current holdings by environment id; environments nobody holds may be absent. */
    Map<UUID, List<Holding>> now();
}
