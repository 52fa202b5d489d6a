package dev.demoportal.slack;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A Slack channel whose topic the portal keeps current: it follows one environment
 * ({@code environmentId}) or every environment of one region ({@code regionCode}).
 */
public record SlackChannelLink(
        UUID id,
        String channelId,
        @Nullable UUID environmentId,
        @Nullable String regionCode,
        String follows,
        @Nullable String lastTopic,
        @Nullable String lastError,
        @Nullable Instant syncedAt) {

    boolean follows(UUID environment, String region) {
        return environment.equals(environmentId) || region.equals(regionCode);
    }
}
