package dev.demoportal.sandbox;

import static dev.demoportal.sandbox.SandboxFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.SystemTask;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.OutboxService;
import dev.demoportal.testing.PortalDatabaseTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/** Expiry warnings reach the owner by e-mail too (a real SMTP server), once, with a link and no secret. */
@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class SandboxExpiryMailIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("portal.mail.portal-url", () -> "https://portal.example/");
    }

    @Autowired
    SandboxService service;

    @Autowired
    SandboxRequestService requestService;

    @Autowired
    SandboxTemplateService templates;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    OutboxService outbox;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    @Test
    void theOwnerIsMailedBeforeExpiryOncePerLead() throws Exception {
        clock.set(TestClockConfiguration.START);
        SandboxFixtures fixtures = new SandboxFixtures(users, templates, jdbc, events, transactions);
        UserAccount carol = fixtures.person("Carol Customer", Role.CUSTOMER, "Acme Corp");
        UserAccount alice = fixtures.person("Alice Field", Role.FIELD_ENGINEER, null);
        TemplateSummary template = fixtures.template(false, 48, 96, 2);
        as(carol);
        SandboxSummary sandbox =
                requestService.request(new SandboxRequest(template.slug(), "emea", 48, "Mail me", null));
        as(alice);
        requestService.approve(sandbox.id(), null);
        fixtures.workerSucceeds(
                sandbox.id(), Map.of("accessUrl", "https://x.example"), Map.of("adminPassword", "never-mailed"));
        SandboxSummary ready = service.sandbox(sandbox.id());

        clock.set(ready.expiresAt().minus(Duration.ofMinutes(50)));
        SystemTask.run("expiry", List.of("ADMIN"), service::sendExpiryWarnings);
        SystemTask.run("expiry", List.of("ADMIN"), service::sendExpiryWarnings);
        // the worker's part: deliver the outbox (twice: the second finds nothing more for Carol)
        SystemTask.run("outbox", List.of("ADMIN"), outbox::deliverDue);
        SystemTask.run("outbox", List.of("ADMIN"), outbox::deliverDue);

        smtp.waitForIncomingEmail(5000, 3);
        MimeMessage[] all = smtp.getReceivedMessagesForDomain(carol.email());
        // Carol also heard that her request was approved and that the sandbox is ready; one expiry warning
        assertThat(java.util.Arrays.stream(all)
                        .map(SandboxExpiryMailIT::subject)
                        .toList())
                .containsExactlyInAnyOrder(
                        "Sandbox " + sandbox.name() + " approved",
                        "Sandbox " + sandbox.name() + " is ready",
                        "Your sandbox " + sandbox.name() + " expires in 50 minutes");
        MimeMessage[] mails = java.util.Arrays.stream(all)
                .filter(m -> subject(m).contains("expires"))
                .toArray(MimeMessage[]::new);
        assertThat(mails).hasSize(1);
        // multipart/alternative: the plain text and the HTML, both from the templates
        assertThat(mails[0].getContentType()).startsWith("multipart/");
        String body = GreenMailUtil.getBody(mails[0]);
        assertThat(body).contains("text/plain").contains("text/html").contains("Hello Carol Customer");
        assertThat(body)
                .contains("https://portal.example/sandboxes/" + sandbox.id())
                .contains("extend it by up to 48")
                .doesNotContain("never-mailed");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
