package dev.demoportal.notification;

import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends plain-text e-mail through SMTP ({@code spring.mail.*}) once the transaction that decided
 * to send it commits, so a rolled-back change never mails anyone. Without an SMTP server
 * configured, it logs that a mail was not sent; bodies are logged only when
 * {@code portal.mail.log-body=true} (local mode), because they may carry invitation links.
 */
@Component
public class Mailer {

    /** What became of a mail, for pages that tell the person whether it went out. */
    public enum Delivery {
        /** Handed to the SMTP server. */
        SENT,
        /** No SMTP server is configured ({@code spring.mail.host}): nothing was sent. */
        NOT_CONFIGURED,
        /** The SMTP server could not be reached or refused the mail. */
        FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MailProperties properties;

    Mailer(ObjectProvider<JavaMailSender> sender, MailProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    /** An absolute link to a portal page, e.g. {@code link("sandboxes/" + id)}. */
    public String link(String path) {
        String base = properties.portalUrl();
        return (base.endsWith("/") ? base : base + "/") + (path.startsWith("/") ? path.substring(1) : path);
    }

    /** Sends after commit (or now, outside a transaction). Failures are logged, never thrown at the caller. */
    public void send(String to, String subject, String body) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(to, subject, body);
                }
            });
        } else {
            deliver(to, subject, body);
        }
    }

    /**
     * Sends now and says what became of the mail. Only outside a transaction: the caller has
     * committed what the mail announces.
     */
    public Delivery sendNow(String to, String subject, String body) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("sendNow inside a transaction; use send, which waits for the commit");
        }
        return deliver(to, subject, body);
    }

    private Delivery deliver(String to, String subject, String body) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            if (properties.logBody()) {
                log.info("Mail (local mode, not sent: no SMTP server configured) to {}: {}\n{}", to, subject, body);
            } else {
                log.warn("Mail to {} not sent, no SMTP server configured (spring.mail.host): {}", to, subject);
            }
            return Delivery.NOT_CONFIGURED;
        }
        try {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(new InternetAddress(properties.from(), properties.fromName()).toString());
            message.setTo(to);
            message.setSubject(subject);
            message.setText(body);
            smtp.send(message);
            log.info("Mail sent to {}: {}", to, subject);
            return Delivery.SENT;
        } catch (MailException | java.io.UnsupportedEncodingException e) {
            log.warn("Mail to {} failed: {}", to, e.getMessage());
            return Delivery.FAILED;
        }
    }
}
