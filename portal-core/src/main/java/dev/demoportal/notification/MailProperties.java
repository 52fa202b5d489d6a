package dev.demoportal.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing e-mail (the SMTP server itself is {@code spring.mail.*}).
 *
 * @param from sender address of the portal's mails
 * @param fromName sender name shown to recipients
 * @param portalUrl the portal's public address, for links in mails
 */
@ConfigurationProperties("portal.mail")
public record MailProperties(
        @DefaultValue("demo-portal@demoportal.dev") String from,
        @DefaultValue("Demo Portal") String fromName,
        @DefaultValue("http://localhost:8080") String portalUrl) {}
