package dev.demoportal.booking;

import dev.demoportal.environment.EnvironmentSummary;
import java.time.Duration;
import java.time.Instant;

/**
 * A slot the finder found free: {@code slot} of {@code environment} for {@code [start, end)}.
 *
 * @param distance how far the region's clock is from the customer's at {@code start} (zero without a customer zone)
 */
public record FreeSlot(EnvironmentSummary environment, int slot, Instant start, Instant end, Duration distance) {}
