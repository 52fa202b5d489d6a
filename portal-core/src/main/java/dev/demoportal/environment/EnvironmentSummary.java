package dev.demoportal.environment;

import java.util.List;
import java.util.UUID;

/** A shared environment as views and the API show it. */
public record EnvironmentSummary(
        UUID id,
        String slug,
        String name,
        RegionSummary region,
        int tenantSlots,
        EnvironmentStatus status,
        String description,
        List<EnvironmentLink> links,
        BookingRules rules,
        long version) {

    public EnvironmentSummary {
        links = List.copyOf(links);
    }

    public boolean bookable() {
        return status == EnvironmentStatus.AVAILABLE;
    }
}
