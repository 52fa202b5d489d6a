package dev.demoportal.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox of outgoing messages (mail, webhooks), delivered by the worker.
 *
 * @param hold keep every message in the outbox without sending it (local mode: it reaches no real
 *     services; the Outbox page shows what would have been sent)
 * @param pollInterval how often the worker looks for messages due
 * @param batchSize messages delivered per look
 * @param maxAttempts attempts before a message is given up as failed
 * @param backoff wait after the first failed attempt; it doubles with each further failure
 * @param maxBackoff the longest wait between two attempts
 * @param lease how long a worker may take to deliver a claimed message before another may try
 * @param smtpTimeout connect, read and write timeout of the SMTP connection
 * @param httpTimeout connect and response timeout of a webhook delivery
 * @param keepFor how long sent and held messages stay in the delivery log
 */
@ConfigurationProperties("portal.outbox")
public record OutboxProperties(
        @DefaultValue("false") boolean hold,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration backoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("10s") Duration smtpTimeout,
        @DefaultValue("10s") Duration httpTimeout,
        @DefaultValue("30d") Duration keepFor) {

    /** The wait after the {@code attempts}-th failure. */
    Duration backoffAfter(int attempts) {
        Duration wait = backoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
