package dev.demoportal.slack;

import com.slack.api.app_backend.SlackSignature;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Checks that a request came from Slack: the {@code v0} HMAC-SHA256 of {@code v0:<timestamp>:<body>}
 * with the app's signing secret, and a timestamp within five minutes of now (Slack's replay window),
 * with the SDK's {@link SlackSignature.Verifier}.
 */
@Component
public class SlackSignatures {

    public static final String TIMESTAMP_HEADER = SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP;
    public static final String SIGNATURE_HEADER = SlackSignature.HeaderNames.X_SLACK_SIGNATURE;

    private final SlackProperties properties;
    private final Clock clock;

    SlackSignatures(SlackProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** True only for a correctly signed, fresh request; always false when no secret is configured. */
    public boolean valid(@Nullable String timestamp, @Nullable String signature, String body) {
        if (!properties.canVerify() || timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        var verifier = new SlackSignature.Verifier(new SlackSignature.Generator(properties.signingSecret()));
        return verifier.isValid(timestamp, body, signature, clock.millis());
    }
}
