package dev.demoportal.notification;

import dev.demoportal.notification.OutboxEntry.Channel;
import dev.demoportal.notification.OutboxEntry.Status;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes outgoing messages into {@code outbox_message}, always inside the transaction of the change
 * that causes them. Nothing is sent here: the worker's {@link OutboxService#deliverDue} does that.
 */
@Component
class Outbox {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Outbox.class);

    private final OutboxRepository messages;
    private final OutboxProperties properties;
    private final ObjectProvider<JavaMailSender> smtp;
    private final Clock clock;

    Outbox(OutboxRepository messages, OutboxProperties properties, ObjectProvider<JavaMailSender> smtp, Clock clock) {
        this.messages = messages;
        this.properties = properties;
        this.smtp = smtp;
        this.clock = clock;
    }

    /** Adds one message; false when it is held rather than queued for delivery. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean add(
            Channel channel,
            String kind,
            String recipient,
            @Nullable UUID webhookId,
            String subject,
            String bodyText,
            @Nullable String bodyHtml,
            boolean sensitive) {
        return add(channel, kind, recipient, webhookId, subject, bodyText, bodyHtml, null, sensitive);
    }

    /**
     * As above, for a Slack message with Block Kit blocks ({@code bodyBlocks}, a JSON array);
     * {@code bodyText} is then the notification text Slack shows where blocks cannot be shown.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean add(
            Channel channel,
            String kind,
            String recipient,
            @Nullable UUID webhookId,
            String subject,
            String bodyText,
            @Nullable String bodyHtml,
            @Nullable String bodyBlocks,
            boolean sensitive) {
        String held = heldBecause(channel);
        if (held != null) {
            log.info("Outbox: {} ({}) to {} kept, not sent. {}", channel, kind, recipient, held);
        }
        messages.insert(
                UUID.randomUUID(),
                channel,
                kind,
                recipient,
                webhookId,
                subject,
                bodyText,
                bodyHtml,
                bodyBlocks,
                sensitive,
                held == null ? Status.PENDING : Status.HELD,
                held,
                clock.instant());
        return held == null;
    }

    private @Nullable String heldBecause(Channel channel) {
        if (properties.hold()) {
            return "Held: this portal sends nothing (portal.outbox.hold, local mode)";
        }
        if (channel == Channel.MAIL && smtp.getIfAvailable() == null) {
            return "Held: no SMTP server is configured (spring.mail.host)";
        }
        return null;
    }
}
