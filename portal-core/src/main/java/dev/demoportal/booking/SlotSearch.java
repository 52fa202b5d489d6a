package dev.demoportal.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the slot finder looks for: a slot free for {@code duration} that starts and ends within
 * {@code [from, to)}.
 *
 * @param customerZone the customer's time zone: regions whose clocks are closest to it rank first; null ranks by time only
 * @param regions acceptable region codes; empty means any region
 * @param limit at most this many answers (1 to 50)
 */
public record SlotSearch(
        Duration duration,
        Instant from,
        Instant to,
        @Nullable ZoneId customerZone,
        Set<String> regions,
        int limit) {

    public static final int DEFAULT_LIMIT = 10;

    public SlotSearch {
        regions = regions == null ? Set.of() : Set.copyOf(regions);
    }
}
