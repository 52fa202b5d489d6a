package dev.demoportal.usage;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One booking as the raw export lists it; {@code hoursInRange} is the part of it inside the filter's days. */
public record BookingRecord(
        UUID id,
        String environment,
        String region,
        int slot,
        String holder,
        @Nullable String customer,
        String purpose,
        String status,
        Instant start,
        Instant end,
        Instant bookedUntil,
        @Nullable Instant checkedInAt,
        double hoursInRange) {}
