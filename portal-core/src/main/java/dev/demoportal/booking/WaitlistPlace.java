package dev.demoportal.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One place in an environment's queue. {@code position} starts at 1. */
public record WaitlistPlace(
        UUID id,
        int position,
        UUID environmentId,
        Holder person,
        Instant windowStart,
        Instant windowEnd,
        Duration length,
        String purpose) {}
