package dev.demoportal.slack;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Slack app. Without a signing secret the command and interaction endpoints refuse every
 * request (401); without a bot token nothing is sent to Slack (topics and direct messages wait).
 * Give both as secret references (an environment variable or mounted secret), never in a file in
 * the repository; neither is ever logged.
 *
 * @param signingSecret the app's signing secret, which every request from Slack is verified with
 * @param botToken the bot user OAuth token ({@code xoxb-...}) the Web API is called with
 * @param apiUrl where Slack's Web API methods are (tests point this at a fake)
 * @param responseUrlPrefix where Slack's response URLs for button presses must start (others are
 *     not called)
 * @param userCacheTtl how long a Slack user's verified e-mail address is remembered
 * @param topicSpacing least time between two topic changes (conversations.setTopic is Tier 2,
 *     about 20 a minute); changes arriving meanwhile are coalesced into one
 * @param topicRetry wait before trying a failed topic change again
 * @param topicRefresh how often every linked topic is recomputed anyway (bookings start and end on
 *     their own)
 */
@ConfigurationProperties("portal.slack")
public record SlackProperties(
        @Nullable String signingSecret,
        @Nullable String botToken,
        @DefaultValue("https://slack.com/api/") String apiUrl,
        @DefaultValue("https://hooks.slack.com/") String responseUrlPrefix,
        @DefaultValue("10m") Duration userCacheTtl,
        @DefaultValue("3s") Duration topicSpacing,
        @DefaultValue("30s") Duration topicRetry,
        @DefaultValue("1m") Duration topicRefresh) {

    boolean canVerify() {
        return signingSecret != null && !signingSecret.isBlank();
    }

    boolean canSend() {
        return botToken != null && !botToken.isBlank();
    }

    @Override
    public String toString() {
        return "SlackProperties[signingSecret=" + (canVerify() ? "<set>" : "<none>") + ", botToken="
                + (canSend() ? "<set>" : "<none>") + ", apiUrl=" + apiUrl + "]";
    }
}
