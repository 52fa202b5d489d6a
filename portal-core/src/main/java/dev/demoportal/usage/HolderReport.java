package dev.demoportal.usage;

import java.util.List;
import java.util.UUID;

/** Who books what: hours held in the range (clipped to it) per person, per customer and per person and environment. */
public record HolderReport(
        UsageFilter filter,
        List<HolderRow> holders,
        List<CustomerRow> customers,
        List<HolderEnvironmentRow> byEnvironment) {

    public record HolderRow(UUID holderId, String holder, long bookings, double hours, long noShows) {}

    /** {@code customer} is {@link #INTERNAL} for bookings that named no customer. */
    public record CustomerRow(String customer, long bookings, double hours, long holders) {}

    public record HolderEnvironmentRow(
            UUID holderId,
            String holder,
            String environment,
            String environmentName,
            String region,
            long bookings,
            double hours) {}

    /** How bookings without a customer are listed. */
    public static final String INTERNAL = "(internal)";
}
