package dev.demoportal.notification;

import dev.demoportal.base.NotFound;
import dev.demoportal.notification.OutboxEntry.Channel;
import dev.demoportal.notification.OutboxEntry.Status;
import dev.demoportal.notification.OutboxRepository.Claimed;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivers the outbox (the worker calls {@link #deliverDue} every
 * {@code portal.outbox.poll-interval}) and shows admins the delivery log. Each claimed message is
 * delivered outside any transaction, then its outcome is recorded: sent; retrying after a backoff
 * that doubles per failure; or failed, with the reason, once the receiver refuses it for good or
 * {@code portal.outbox.max-attempts} attempts have failed.
 */
@Service
public class OutboxService {

    private static final Logger log = LoggerFactory.getLogger(OutboxService.class);

    private final OutboxRepository messages;
    private final SmtpDelivery smtp;
    private final WebhookDelivery webhooks;
    private final WebhookService endpoints;
    private final OutboxProperties properties;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<SlackSender> slack;
    private final Outbox outbox;

    OutboxService(
            OutboxRepository messages,
            SmtpDelivery smtp,
            WebhookDelivery webhooks,
            WebhookService endpoints,
            OutboxProperties properties,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<SlackSender> slack,
            Outbox outbox) {
        this.slack = slack;
        this.outbox = outbox;
        this.messages = messages;
        this.smtp = smtp;
        this.webhooks = webhooks;
        this.endpoints = endpoints;
        this.properties = properties;
        this.clock = clock;
    }

    /** Delivers what is due, one batch; returns how many were sent. */
    @PreAuthorize("hasRole('ADMIN')")
    public int deliverDue() {
        if (properties.hold()) {
            return 0;
        }
        Instant now = clock.instant();
        List<Claimed> due = messages.claimDue(now, now.plus(properties.lease()), properties.batchSize());
        int sent = 0;
        for (Claimed message : due) {
            Attempt attempt = deliver(message);
            Instant after = clock.instant();
            if (attempt.sent()) {
                messages.sent(message.id(), after);
                sent++;
                continue;
            }
            int attempts = message.attempts() + 1;
            String error = String.valueOf(attempt.error());
            if (attempt.permanent() || attempts >= properties.maxAttempts()) {
                messages.failed(message.id(), error, null);
                log.warn(
                        "Outbox {} {} to {} failed for good after {} attempt(s): {}",
                        message.channel(),
                        message.id(),
                        message.recipient(),
                        attempts,
                        error);
            } else {
                Instant retryAt = after.plus(properties.backoffAfter(attempts));
                messages.failed(message.id(), error, retryAt);
                log.info(
                        "Outbox {} {} to {} failed (attempt {}), retrying at {}: {}",
                        message.channel(),
                        message.id(),
                        message.recipient(),
                        attempts,
                        retryAt,
                        error);
            }
        }
        if (sent > 0) {
            log.info("Outbox: {} message(s) sent", sent);
        }
        int forgotten = messages.forgetSentBefore(now.minus(properties.keepFor()));
        if (forgotten > 0) {
            log.info("Outbox: {} message(s) older than {} left the delivery log", forgotten, properties.keepFor());
        }
        return sent;
    }

    private Attempt deliver(Claimed message) {
        try {
            return switch (message.channel()) {
                case MAIL -> smtp.send(message.recipient(), message.subject(), message.bodyText(), message.bodyHtml());
                case WEBHOOK -> {
                    UUID endpoint = java.util.Objects.requireNonNull(message.webhookId());
                    yield webhooks.post(
                            message.id(),
                            message.kind(),
                            endpointUrl(endpoint),
                            endpoints.secret(endpoint),
                            message.bodyText());
                }
                case SLACK -> slack(message.recipient(), message.bodyText(), message.bodyBlocks());
            };
        } catch (RuntimeException e) {
            // a sealed secret the keyset cannot open, an endpoint deleted meanwhile: recorded, not thrown
            return Attempt.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Attempt slack(String recipient, String text, @Nullable String blocks) {
        SlackSender sender = slack.getIfAvailable();
        if (sender == null) {
            return Attempt.refused("This portal has no Slack app");
        }
        try {
            sender.send(recipient, text, blocks);
            return Attempt.ok();
        } catch (SlackSender.Failed e) {
            return e.retry() ? Attempt.retry(e.getMessage()) : Attempt.refused(e.getMessage());
        }
    }

    /**
     * Whether this portal keeps Slack messages in the outbox instead of sending them (local mode):
     * then the Slack app writes what it would have sent there with {@link #keepSlack}.
     */
    public boolean holdsSlack() {
        return properties.hold();
    }

    /** Records a Slack message that is kept, not sent (local mode), for the Outbox page. */
    @Transactional
    public void keepSlack(String kind, String recipient, String subject, String text) {
        outbox.add(Channel.SLACK, kind, recipient, null, subject, text, null, false);
    }

    private String endpointUrl(UUID endpoint) {
        return endpoints.url(endpoint);
    }

    /** The delivery log, newest first, optionally of one status and channel. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<OutboxEntry> log(@Nullable Status status, @Nullable Channel channel, int offset, int limit) {
        return messages.recent(status, channel, offset, Math.min(limit, 500));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public long count(@Nullable Status status, @Nullable Channel channel) {
        return messages.count(status, channel);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Optional<OutboxEntry> entry(UUID id) {
        return messages.find(id);
    }

    /** A failed message gets a fresh round of attempts, starting now. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void retry(UUID id) {
        if (!messages.retry(id, clock.instant())) {
            throw new NotFound("outbox.not_failed", "There is no failed message " + id + " to retry.");
        }
    }
}
