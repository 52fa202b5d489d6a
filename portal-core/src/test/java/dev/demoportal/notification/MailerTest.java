package dev.demoportal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What the mailer reports back, so a page can say truthfully whether a mail went out: sent through
 * a real SMTP server (GreenMail), not configured, or refused by the server. Without SMTP outside
 * local mode, a mail's body (which may carry a one-time link) is never logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailerTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final String SECRET = "https://portal.example/invitation/s3cr3t-t0ken";

    @Test
    void aMailHandedToTheServerIsReportedSent() {
        Mailer mailer = mailer(sender(smtp.getSmtp().getPort()), false);

        assertThat(mailer.sendNow("peter@initech.example", "Hello", "Body " + SECRET)).isEqualTo(Mailer.Delivery.SENT);

        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(GreenMailUtil.getBody(m)).contains(SECRET));
    }

    @Test
    void withoutAServerNothingIsSentAndTheBodyIsNotLogged(CapturedOutput output) {
        Mailer mailer = mailer(null, false);

        assertThat(mailer.sendNow("peter@initech.example", "Hello", "Body " + SECRET))
                .isEqualTo(Mailer.Delivery.NOT_CONFIGURED);

        assertThat(output.getAll()).contains("not sent").doesNotContain(SECRET);
    }

    @Test
    void aServerThatCannotBeReachedIsReportedAsAFailure(CapturedOutput output) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Mailer mailer = mailer(sender(closed), false);

        assertThat(mailer.sendNow("peter@initech.example", "Hello", "Body " + SECRET)).isEqualTo(Mailer.Delivery.FAILED);

        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    private static JavaMailSender sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return sender;
    }

    private static Mailer mailer(JavaMailSender sender, boolean logBody) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(
                sender == null ? Map.of() : Map.of("mailSender", sender));
        ObjectProvider<JavaMailSender> provider = beans.getBeanProvider(JavaMailSender.class);
        return new Mailer(provider, new MailProperties("demo-portal@demoportal.dev", "Demo Portal", logBody,
                "https://portal.example"));
    }
}
