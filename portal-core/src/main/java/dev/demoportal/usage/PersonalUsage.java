package dev.demoportal.usage;

import dev.demoportal.usage.HolderReport.CustomerRow;
import dev.demoportal.usage.HolderReport.HolderEnvironmentRow;
import java.time.LocalDate;
import java.util.List;

/** A field engineer's own bookings in a range: the same numbers a manager sees for them, nobody else's. */
public record PersonalUsage(
        LocalDate from,
        LocalDate to,
        long bookings,
        double hours,
        long noShows,
        List<HolderEnvironmentRow> byEnvironment,
        List<CustomerRow> byCustomer) {}
