package dev.demoportal.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.User;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The Slack Web API methods the app calls, with the bot token: users.info (a user's verified
 * e-mail, cached for {@code portal.slack.user-cache-ttl}), users.lookupByEmail and
 * conversations.open plus chat.postMessage (direct messages), conversations.setTopic.
 */
@Component
class SlackWebApi {

    /** A failed call: {@code retry} false when Slack refused it for good (unknown channel, no scope). */
    static final class Failed extends RuntimeException {

        final boolean retry;

        Failed(String message, boolean retry) {
            super(message);
            this.retry = retry;
        }
    }

    private record Cached(Optional<String> email, Instant until) {}

    private final Slack slack;
    private final SlackProperties properties;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> emails = new ConcurrentHashMap<>();

    SlackWebApi(Slack slack, SlackProperties properties, Clock clock) {
        this.slack = slack;
        this.properties = properties;
        this.clock = clock;
    }

    boolean configured() {
        return properties.canSend();
    }

    private MethodsClient methods() {
        if (!properties.canSend()) {
            throw new Failed("No Slack bot token is configured (portal.slack.bot-token)", false);
        }
        return slack.methods(properties.botToken());
    }

    /** The Slack user's e-mail address if Slack says it is confirmed; empty for bots and unknown users. */
    Optional<String> verifiedEmail(String slackUserId) {
        Instant now = clock.instant();
        Cached cached = emails.get(slackUserId);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.email();
        }
        var response = call(() -> methods().usersInfo(r -> r.user(slackUserId)));
        User user = response.getUser();
        Optional<String> email = Optional.empty();
        if (user != null
                && !user.isBot()
                && !user.isDeleted()
                && user.getProfile() != null
                && user.getProfile().getEmail() != null
                && !Boolean.FALSE.equals(user.isEmailConfirmed())) {
            email = Optional.of(user.getProfile().getEmail());
        }
        emails.put(slackUserId, new Cached(email, now.plus(properties.userCacheTtl())));
        return email;
    }

    /** Sets a channel's topic (Slack cuts topics at 250 characters). */
    void setTopic(String channelId, String topic) {
        call(() -> methods().conversationsSetTopic(r -> r.channel(channelId).topic(topic)));
    }

    /**
     * Sends a direct message to the Slack user with this e-mail address: {@code blocks} (a Block Kit
     * JSON array) with {@code text} as its notification text, or {@code text} alone.
     */
    void directMessage(String email, String text, @Nullable String blocks) {
        var user = call(() -> methods().usersLookupByEmail(r -> r.email(email)));
        String userId = user.getUser().getId();
        var im = call(() -> methods().conversationsOpen(r -> r.users(java.util.List.of(userId))));
        String channel = im.getChannel().getId();
        call(() -> methods()
                .chatPostMessage(r -> r.channel(channel).text(text).mrkdwn(true).blocksAsString(blocks)));
    }

    /**
     * Answers a button press through its response URL if the URL is Slack's (it came in a signed
     * request; still, no other address is called): {@code replace} replaces the message that carried
     * the button with {@code text}, otherwise only the presser sees the answer.
     */
    void respond(String responseUrl, String text, boolean replace) {
        if (!responseUrl.startsWith(properties.responseUrlPrefix())) {
            throw new Failed("Not a Slack response URL", false);
        }
        var body = new com.google.gson.JsonObject();
        if (replace) {
            body.addProperty("replace_original", true);
            var section = new com.google.gson.JsonObject();
            section.addProperty("type", "section");
            var mrkdwn = new com.google.gson.JsonObject();
            mrkdwn.addProperty("type", "mrkdwn");
            mrkdwn.addProperty("text", text);
            section.add("text", mrkdwn);
            var blocks = new com.google.gson.JsonArray();
            blocks.add(section);
            body.add("blocks", blocks);
        } else {
            body.addProperty("response_type", "ephemeral");
            body.addProperty("replace_original", false);
        }
        body.addProperty("text", text);
        try {
            var response = slack.send(responseUrl, body.toString());
            if (response.getCode() != 200) {
                throw new Failed("Slack answered HTTP " + response.getCode(), response.getCode() >= 500);
            }
        } catch (IOException e) {
            throw new Failed("Slack could not be reached: " + e.getClass().getSimpleName(), true);
        }
    }

    private interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private static <T extends SlackApiTextResponse> T call(Call<T> call) {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().code();
            throw new Failed("Slack answered HTTP " + status, status == 429 || status >= 500);
        } catch (IOException e) {
            throw new Failed("Slack could not be reached: " + e.getClass().getSimpleName(), true);
        }
        if (!response.isOk()) {
            String error = String.valueOf(response.getError());
            throw new Failed("Slack refused it: " + error, retryable(error));
        }
        return response;
    }

    private static boolean retryable(@Nullable String error) {
        return error != null
                && (error.equals("ratelimited")
                        || error.equals("internal_error")
                        || error.equals("service_unavailable")
                        || error.equals("request_timeout")
                        || error.equals("fatal_error"));
    }
}
