package dev.demoportal.notification;

import dev.demoportal.notification.OutboxEntry.Channel;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mail from templates, through the outbox: {@link #queue} renders the HTML and plain-text parts and
 * writes the message in the caller's transaction, so a rolled-back change never mails anyone; the
 * worker delivers it over SMTP ({@code spring.mail.*}) with retries.
 */
@Component
public class Mailer {

    /** What became of a mail when it was queued, for pages that tell the person. */
    public enum Delivery {
        /** In the outbox: the worker sends it within seconds (the delivery log shows when). */
        QUEUED,
        /** Kept in the outbox unsent: no SMTP server is configured, or local mode holds every message. */
        NOT_CONFIGURED
    }

    private final MailProperties properties;
    private final MailTemplates templates;
    private final Outbox outbox;

    Mailer(MailProperties properties, MailTemplates templates, Outbox outbox) {
        this.properties = properties;
        this.templates = templates;
        this.outbox = outbox;
    }

    /** An absolute link to a portal page, e.g. {@code link("sandboxes/" + id)}. */
    public String link(String path) {
        String base = properties.portalUrl();
        return (base.endsWith("/") ? base : base + "/") + (path.startsWith("/") ? path.substring(1) : path);
    }

    /**
     * Renders {@code template} ({@code mail/<template>.html} and {@code .txt}) with {@code model} and
     * queues it for {@code to}.
     *
     * @param kind what the mail is about, for the delivery log ({@code invitation}, {@code sandbox.ready})
     * @param sensitive the mail carries a bearer link: the delivery log never shows its body, and the
     *     outbox forgets the body once sent
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Delivery queue(
            String kind, String to, String subject, String template, Map<String, Object> model, boolean sensitive) {
        MailTemplates.Rendered mail = templates.render(template, subject, model);
        return outbox.add(Channel.MAIL, kind, to, null, subject, mail.text(), mail.html(), sensitive)
                ? Delivery.QUEUED
                : Delivery.NOT_CONFIGURED;
    }
}
