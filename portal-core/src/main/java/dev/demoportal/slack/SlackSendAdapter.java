package dev.demoportal.slack;

import dev.demoportal.notification.SlackSender;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The outbox's Slack deliveries: a direct message to a person (by e-mail) or a channel's topic ({@code #id}). */
@Component
class SlackSendAdapter implements SlackSender {

    private final SlackWebApi api;

    SlackSendAdapter(SlackWebApi api) {
        this.api = api;
    }

    @Override
    public void send(String recipient, String text, @Nullable String blocks) {
        try {
            if (recipient.startsWith("#")) {
                api.setTopic(recipient.substring(1), text);
            } else {
                api.directMessage(recipient, text, blocks);
            }
        } catch (SlackWebApi.Failed e) {
            throw new SlackSender.Failed(e.getMessage(), e.retry);
        }
    }
}
