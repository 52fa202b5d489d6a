package dev.demoportal.environment;

import java.time.Instant;
import java.util.UUID;

/** A period in which an environment cannot be booked. */
public record MaintenanceWindowSummary(UUID id, UUID environmentId, Instant start, Instant end, String reason) {

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
