package dev.demoportal.slack;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.environment.EnvironmentService;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Admins link Slack channels to an environment or a region; the topic sync keeps their topics current. */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class SlackChannelService {

    private final SlackChannelRepository links;
    private final EnvironmentService environments;
    private final SlackTopicSync topics;
    private final Clock clock;

    SlackChannelService(
            SlackChannelRepository links, EnvironmentService environments, SlackTopicSync topics, Clock clock) {
        this.links = links;
        this.environments = environments;
        this.topics = topics;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<SlackChannelLink> links() {
        return links.all();
    }

    /**
     * Links {@code channelId} (Slack's id, such as {@code C0123ABCD}, not its name) to the environment
     * with slug {@code environmentSlug} or to the region {@code regionCode} (exactly one of them).
     */
    @Transactional
    public UUID link(String channelId, @Nullable String environmentSlug, @Nullable String regionCode) {
        String channel = channelId == null ? "" : channelId.strip();
        if (!channel.matches("[CG][A-Z0-9]{2,30}")) {
            throw ValidationFailed.of(
                    "channel", "Give the channel's id (such as C0123ABCD), from its details in Slack");
        }
        boolean toEnvironment = environmentSlug != null && !environmentSlug.isBlank();
        boolean toRegion = regionCode != null && !regionCode.isBlank();
        if (toEnvironment == toRegion) {
            throw ValidationFailed.of("target", "Choose either an environment or a region");
        }
        if (links.channelTaken(channel)) {
            throw ValidationFailed.of("channel", "This channel is linked already; unlink it first");
        }
        UUID environmentId = null;
        String region = null;
        if (toEnvironment) {
            environmentId = environments.environment(environmentSlug).id();
        } else {
            region = environments.regions().stream()
                    .filter(r -> r.code().equals(regionCode))
                    .findFirst()
                    .orElseThrow(() -> ValidationFailed.of("target", "There is no region " + regionCode))
                    .code();
        }
        UUID id = UUID.randomUUID();
        links.insert(id, channel, environmentId, region, CurrentActor.userId().orElse(null), clock.instant());
        topics.syncAllSoon();
        return id;
    }

    @Transactional
    public void unlink(UUID id) {
        if (!links.delete(id)) {
            throw new NotFound("slack.link_not_found", "There is no channel link " + id + ".");
        }
    }
}
