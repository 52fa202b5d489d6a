package dev.demoportal.calendar;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A calendar feed as its owner sees it: never its token (only its hash is stored).
 *
 * @param environmentSlug null for the person's own feed
 */
public record CalendarFeedSummary(
        UUID id,
        @Nullable String environmentSlug,
        @Nullable String environmentName,
        Instant createdAt,
        @Nullable Instant lastReadAt) {

    public boolean personal() {
        return environmentSlug == null;
    }

    /** A feed just made, with its secret URL: shown once. */
    public record Created(CalendarFeedSummary feed, String url) {

        @Override
        public String toString() {
            return "Created[feed=" + feed + "]";
        }
    }
}
