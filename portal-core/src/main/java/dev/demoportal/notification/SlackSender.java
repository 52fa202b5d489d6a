package dev.demoportal.notification;

import org.jspecify.annotations.Nullable;

/**
 * Sends the outbox's Slack messages; the Slack app implements it. A recipient is an e-mail address
 * (a direct message to that person's Slack user) or {@code #<channel id>} (that channel's topic).
 */
public interface SlackSender {

    /** Thrown for a failed delivery; {@code retry} false when Slack refused it for good. */
    final class Failed extends RuntimeException {

        private final boolean retry;

        public Failed(String message, boolean retry) {
            super(message);
            this.retry = retry;
        }

        public boolean retry() {
            return retry;
        }
    }

    /**
     * Sends {@code text}, or {@code blocks} (a Block Kit JSON array) with {@code text} as the
     * notification's fallback; a topic ({@code #id}) takes the text only.
     */
    void send(String recipient, String text, @Nullable String blocks);
}
