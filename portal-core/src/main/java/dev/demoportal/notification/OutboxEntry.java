package dev.demoportal.notification;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One outgoing message as the delivery log shows it. {@code bodyText} is the mail's plain text or
 * the webhook's JSON body, {@code bodyHtml} the mail's HTML; both are null where the message
 * carries a bearer link (an invitation), which the log never shows.
 *
 * @param recipient an e-mail address or the webhook's URL
 * @param lastError why the last attempt failed (a status line or an SMTP reply, never a secret)
 * @param bodyBlocks a Slack message's Block Kit blocks, a JSON array ({@link SlackBlocks#parse});
 *     null for mail, webhooks, topics and Slack messages of plain text
 */
public record OutboxEntry(
        UUID id,
        Channel channel,
        String kind,
        String recipient,
        String subject,
        Status status,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        @Nullable Instant sentAt,
        @Nullable String lastError,
        @Nullable String bodyText,
        @Nullable String bodyHtml,
        @Nullable String bodyBlocks) {

    public enum Channel {
        MAIL,
        WEBHOOK,
        SLACK
    }

    public enum Status {
        /** Waiting for its first attempt. */
        PENDING("Pending"),
        /** An attempt failed; another follows at {@code nextAttemptAt}. */
        RETRYING("Retrying"),
        SENT("Sent"),
        /** Given up: the receiver refused it for good, or every attempt failed. */
        FAILED("Failed"),
        /** Kept, never sent: local mode, or no SMTP server configured. */
        HELD("Held (not sent)");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
