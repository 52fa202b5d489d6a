package dev.demoportal.usage;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Booked hours against available slot-hours. Booked time is the time a slot was held (booked,
 * released early, or held until released as a no-show), cancellations excluded; available time is
 * slots x the length of the local day (23 or 25 hours on a DST change) less maintenance windows.
 */
public record Utilisation(
        UsageFilter filter,
        List<EnvironmentDay> days,
        List<EnvironmentTotal> environments,
        List<RegionDay> regions,
        List<HeatCell> heatmap,
        Outcomes outcomes,
        Waitlist waitlist) {

    /** One environment on one local day of its region. */
    public record EnvironmentDay(
            LocalDate day,
            UUID environmentId,
            String environment,
            String environmentName,
            String region,
            int slots,
            double availableHours,
            double bookedHours,
            int bookingsStarted,
            int noShows) {}

    /** One environment over the whole range. */
    public record EnvironmentTotal(
            String environment,
            String environmentName,
            String region,
            double availableHours,
            double bookedHours,
            double utilisation) {}

    /** One region on one local day, all its environments together. */
    public record RegionDay(
            LocalDate day, String region, double availableHours, double bookedHours, double utilisation) {}

    /**
     * Weekday (1 = Monday … 7 = Sunday) × local hour (0–23) in the region's zone: booked slot-hours
     * and the slot-hours there were in that cell over the range.
     */
    public record HeatCell(int weekday, int hour, double bookedHours, double availableHours, double utilisation) {}

    /** Bookings that started in the range and how many of them were released as no-shows. */
    public record Outcomes(long bookingsStarted, long noShows, double noShowRate) {}

    /**
     * People who joined a waitlist in the range; how long granted ones waited (minutes, null
     * without any), and how many are waiting now.
     */
    public record Waitlist(
            long joined,
            long granted,
            long lapsedOrLeft,
            long waitingNow,
            @Nullable Double p50WaitMinutes,
            @Nullable Double p95WaitMinutes) {}
}
