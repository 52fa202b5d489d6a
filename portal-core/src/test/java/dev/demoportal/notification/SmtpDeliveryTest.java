package dev.demoportal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One outbox mail over real SMTP (GreenMail): sent as plain text and HTML rendered from the
 * templates; an unreachable server is an attempt to repeat, not a refusal; timeouts are set.
 */
class SmtpDeliveryTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    static final OutboxProperties OUTBOX = new OutboxProperties(
            false,
            Duration.ofSeconds(5),
            20,
            8,
            Duration.ofSeconds(30),
            Duration.ofHours(1),
            Duration.ofMinutes(2),
            Duration.ofSeconds(7),
            Duration.ofSeconds(10),
            Duration.ofDays(30));

    @Test
    void aTemplatedMailArrivesAsTextAndHtml() throws Exception {
        JavaMailSenderImpl sender = sender(smtp.getSmtp().getPort());
        MailTemplates.Rendered mail = new MailTemplates()
                .render(
                        "notice",
                        "Sandbox acme-trial is ready",
                        Map.of(
                                "name",
                                "Carol <Customer>",
                                "headline",
                                "Your sandbox acme-trial is ready.",
                                "details",
                                Map.of("Region", "EMEA"),
                                "link",
                                "https://portal.example/sandboxes/1",
                                "action",
                                "Open it",
                                "audience",
                                "the requester",
                                "preferences",
                                "https://portal.example/account"));

        Attempt attempt = delivery(sender).send("carol@acme.example", mail.subject(), mail.text(), mail.html());

        assertThat(attempt.sent()).isTrue();
        assertThat(smtp.getReceivedMessages()).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).isEqualTo("Sandbox acme-trial is ready");
            MimeMultipart parts = (MimeMultipart) m.getContent();
            String all = GreenMailUtil.getBody(m);
            assertThat(all)
                    .contains("text/plain")
                    .contains("text/html")
                    .contains("Hello Carol <Customer>,") // the text part prints the name as it is
                    .contains("Hello Carol &lt;Customer&gt;,") // the HTML part escapes it
                    .contains("Region: EMEA")
                    .contains("https://portal.example/sandboxes/1");
            assertThat(parts.getCount()).isGreaterThanOrEqualTo(1);
        });
        assertThat(sender.getJavaMailProperties())
                .containsEntry("mail.smtp.timeout", "7000")
                .containsEntry("mail.smtp.connectiontimeout", "7000");
    }

    @Test
    void anUnreachableServerIsTriedAgainLater() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        Attempt attempt = delivery(sender(closed)).send("peter@initech.example", "Hello", "Body", null);

        assertThat(attempt.sent()).isFalse();
        assertThat(attempt.permanent()).isFalse();
        assertThat(attempt.error()).isNotBlank();
    }

    @Test
    void withoutAServerNothingIsSent() {
        Attempt attempt = delivery(null).send("peter@initech.example", "Hello", "Body", null);

        assertThat(attempt.sent()).isFalse();
        assertThat(attempt.error()).contains("spring.mail.host");
    }

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return sender;
    }

    private static SmtpDelivery delivery(@Nullable JavaMailSender sender) {
        StaticListableBeanFactory beans =
                new StaticListableBeanFactory(sender == null ? Map.of() : Map.of("mailSender", sender));
        ObjectProvider<JavaMailSender> provider = beans.getBeanProvider(JavaMailSender.class);
        return new SmtpDelivery(
                provider,
                new MailProperties("demo-portal@demoportal.dev", "Demo Portal", "https://portal.example"),
                OUTBOX);
    }
}
