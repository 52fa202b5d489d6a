package dev.demoportal.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one outbox mail over SMTP as multipart/alternative (plain text and HTML), with connect,
 * read and write timeouts ({@code portal.outbox.smtp-timeout}) unless {@code spring.mail.properties}
 * sets its own.
 */
@Component
class SmtpDelivery {

    private final ObjectProvider<JavaMailSender> sender;
    private final MailProperties mail;
    private final OutboxProperties outbox;

    SmtpDelivery(ObjectProvider<JavaMailSender> sender, MailProperties mail, OutboxProperties outbox) {
        this.sender = sender;
        this.mail = mail;
        this.outbox = outbox;
    }

    Attempt send(String to, String subject, String text, @Nullable String html) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            return Attempt.retry("No SMTP server is configured on this worker (spring.mail.host)");
        }
        withTimeouts(smtp);
        try {
            MimeMessage message = smtp.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, html != null, "UTF-8");
            helper.setFrom(new InternetAddress(mail.from(), mail.fromName()));
            helper.setTo(to);
            helper.setSubject(subject);
            if (html != null) {
                helper.setText(text, html);
            } else {
                helper.setText(text);
            }
            smtp.send(message);
            return Attempt.ok();
        } catch (MailParseException | MessagingException | UnsupportedEncodingException e) {
            return Attempt.refused("The mail could not be built: " + e.getMessage());
        } catch (MailException e) {
            return Attempt.retry(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private void withTimeouts(JavaMailSender smtp) {
        if (smtp instanceof JavaMailSenderImpl impl) {
            Properties properties = impl.getJavaMailProperties();
            String millis = String.valueOf(outbox.smtpTimeout().toMillis());
            for (String key :
                    new String[] {"mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout"}) {
                properties.putIfAbsent(key, millis);
            }
        }
    }
}
