package dev.demoportal.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.Message;
import dev.demoportal.base.SystemTask;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.OutboxEntry.Channel;
import dev.demoportal.notification.OutboxEntry.Status;
import dev.demoportal.notification.WebhookSummary.Format;
import dev.demoportal.testing.PortalDatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox end to end against real protocols with fake far ends: a real SMTP server (GreenMail)
 * and webhook receivers (WireMock). A rolled-back change sends nothing; a receiver failing three
 * times gets exactly one delivery, signed; a receiver failing for good ends failed, with the reason,
 * in the delivery log; people's channel choices are respected.
 */
@SpringBootTest(properties = {"portal.outbox.backoff=10s", "portal.outbox.max-attempts=4"})
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class OutboxIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    static final WireMockServer receiver =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("portal.mail.portal-url", () -> "https://portal.example/");
    }

    @BeforeAll
    static void start() {
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Autowired
    NotificationService notifications;

    @Autowired
    WebhookService webhooks;

    @Autowired
    OutboxService outbox;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformTransactionManager transactions;

    UserAccount carol;
    UserAccount ada;

    @BeforeEach
    void setUp() {
        clock.set(TestClockConfiguration.START);
        receiver.resetAll();
        carol = users.signIn(new MappedIdentity(
                "https://idp.example",
                "carol-" + UUID.randomUUID(),
                "carol-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example",
                "Carol Customer",
                Set.of(Role.FIELD_ENGINEER),
                null));
        ada = users.signIn(new MappedIdentity(
                "https://idp.example",
                "ada-" + UUID.randomUUID(),
                "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@demoportal.dev",
                "Ada Admin",
                Set.of(Role.ADMIN),
                null));
        // messages of earlier tests are out of the way: delivered or given up
        jdbc.update("delete from outbox_message");
    }

    @AfterEach
    void tearDown() {
        asAdmin();
        webhooks.all().forEach(w -> webhooks.delete(w.id()));
        TestUsers.signOut();
    }

    @Test
    void aChangeThatRollsBackSendsNothing() {
        asAdmin();
        webhooks.register("Ops", receiver.baseUrl() + "/rollback", Set.of(NotificationKind.SANDBOX_READY), Format.JSON);
        receiver.stubFor(post(urlEqualTo("/rollback")).willReturn(aResponse().withStatus(204)));

        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            notifications.notify(notice(carol));
            status.setRollbackOnly();
        });

        assertThat(deliver()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from outbox_message", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from notification where user_id = ?", Long.class, carol.id()))
                .isZero();
        assertThat(smtp.getReceivedMessagesForDomain(carol.email())).isEmpty();
        receiver.verify(0, postRequestedFor(urlEqualTo("/rollback")));
    }

    @Test
    void aReceiverFailingThreeTimesGetsExactlyOneSignedDelivery() throws Exception {
        asAdmin();
        WebhookSummary.Registered hook = webhooks.register(
                "Ops", receiver.baseUrl() + "/flaky", Set.of(NotificationKind.SANDBOX_READY), Format.JSON);
        receiver.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("failed-1"));
        receiver.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("failed-1")
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed-2"));
        receiver.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("failed-2")
                .willReturn(aResponse().withFixedDelay(0).withStatus(429))
                .willSetStateTo("ok"));
        receiver.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        change(notice(carol));

        List<Status> seen = new java.util.ArrayList<>();
        for (int round = 0; round < 8; round++) {
            deliver();
            seen.add(webhook().status());
            clock.advance(Duration.ofMinutes(1));
        }

        OutboxEntry delivered = webhook();
        assertThat(delivered.status()).isEqualTo(Status.SENT);
        assertThat(delivered.attempts()).isEqualTo(4);
        assertThat(seen)
                .startsWith(Status.RETRYING, Status.RETRYING, Status.RETRYING, Status.SENT)
                .containsOnly(Status.RETRYING, Status.SENT);
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/flaky")));
        assertThat(requests).hasSize(4);
        LoggedRequest last = requests.getLast();
        String body = last.getBodyAsString();
        long timestamp = Long.parseLong(last.getHeader(WebhookSignature.TIMESTAMP_HEADER));
        assertThat(WebhookSignature.verify(
                        hook.secret(), timestamp, body, last.getHeader(WebhookSignature.SIGNATURE_HEADER)))
                .isTrue();
        assertThat(WebhookSignature.verify(
                        "not-the-secret", timestamp, body, last.getHeader(WebhookSignature.SIGNATURE_HEADER)))
                .isFalse();
        JsonNode json = JSON.readTree(body);
        assertThat(json.get("type").asString()).isEqualTo("sandbox.ready");
        assertThat(json.get("id").asString()).hasSize(36);
        assertThat(Instant.parse(json.get("time").asString())).isEqualTo(TestClockConfiguration.START);
        assertThat(json.get("data").get("url").asString()).isEqualTo("https://portal.example/sandboxes/42");
        // every attempt carried the same event id: a receiver can deduplicate
        assertThat(requests)
                .extracting(r -> JSON.readTree(r.getBodyAsString()).get("id").asString())
                .containsOnly(json.get("id").asString());
        // the secret is shown once and stored sealed
        assertThat(jdbc.queryForObject(
                        "select count(*) from webhook_endpoint where encode(secret_ciphertext, 'escape') " + "like ?",
                        Long.class,
                        "%" + hook.secret() + "%"))
                .isZero();
    }

    @Test
    void aReceiverThatKeepsFailingEndsFailedWithTheReasonInTheLog() {
        asAdmin();
        webhooks.register("Down", receiver.baseUrl() + "/down", Set.of(NotificationKind.SANDBOX_READY), Format.JSON);
        webhooks.register("Gone", receiver.baseUrl() + "/gone", Set.of(NotificationKind.SANDBOX_READY), Format.TEAMS);
        receiver.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(502)));
        receiver.stubFor(post(urlEqualTo("/gone")).willReturn(aResponse().withStatus(410)));
        change(notice(carol));

        for (int round = 0; round < 10; round++) {
            deliver();
            clock.advance(Duration.ofMinutes(5));
        }

        List<OutboxEntry> failed =
                SystemTask.run("test", List.of("ADMIN"), () -> outbox.log(Status.FAILED, Channel.WEBHOOK, 0, 50));
        assertThat(failed).hasSize(2);
        assertThat(failed).anySatisfy(e -> {
            assertThat(e.recipient()).isEqualTo(receiver.baseUrl() + "/…");
            assertThat(e.lastError()).isEqualTo("HTTP 502 from the receiver");
            assertThat(e.attempts()).isEqualTo(4); // portal.outbox.max-attempts
        });
        assertThat(failed).anySatisfy(e -> {
            assertThat(e.lastError()).isEqualTo("HTTP 410 from the receiver");
            assertThat(e.attempts()).isEqualTo(1); // a refusal is not retried
            assertThat(e.bodyText()).contains("\"@type\":\"MessageCard\"");
        });
        receiver.verify(4, postRequestedFor(urlEqualTo("/down")));
        receiver.verify(1, postRequestedFor(urlEqualTo("/gone")));
    }

    @Test
    void eachPersonsChoicesDecideTheChannels() throws Exception {
        UserAccount dave = users.signIn(new MappedIdentity(
                "https://idp.example",
                "dave-" + UUID.randomUUID(),
                "dave-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example",
                "Dave Default",
                Set.of(Role.FIELD_ENGINEER),
                null));
        TestUsers.signInAs(carol.id(), carol.displayName(), Role.FIELD_ENGINEER);
        notifications.choose(NotificationKind.SANDBOX_READY, NotificationChannel.MAIL, false);
        notifications.choose(NotificationKind.SANDBOX_READY, NotificationChannel.SLACK, true);
        assertThat(notifications.myPreferences())
                .filteredOn(p -> p.kind() == NotificationKind.SANDBOX_READY)
                .singleElement()
                .satisfies(p -> assertThat(p.channels())
                        .containsExactlyInAnyOrder(NotificationChannel.BELL, NotificationChannel.SLACK));
        assertThat(notifications.myPreferences())
                .filteredOn(p -> p.kind() == NotificationKind.SANDBOX_FAILED)
                .singleElement()
                .satisfies(p -> assertThat(p.channels())
                        .containsExactlyInAnyOrder(NotificationChannel.BELL, NotificationChannel.MAIL));
        TestUsers.signInAs(dave.id(), dave.displayName(), Role.FIELD_ENGINEER);
        notifications.choose(NotificationKind.SANDBOX_READY, NotificationChannel.BELL, false);

        change(new Notice(
                NotificationKind.SANDBOX_READY,
                List.of(recipient(carol), recipient(dave)),
                "Sandbox acme-trial is ready",
                Message.of(
                        "Your sandbox acme-trial is ready until ",
                        TestClockConfiguration.START.plus(Duration.ofHours(48)),
                        "."),
                "sandboxes/42",
                Map.of("Region", "EMEA"),
                Map.of("sandbox", "42")));
        deliver();

        // Carol: the bell only; Dave: mail only
        assertThat(jdbc.queryForObject("select count(*) from notification where user_id = ?", Long.class, carol.id()))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from notification where user_id = ?", Long.class, dave.id()))
                .isZero();
        smtp.waitForIncomingEmail(5000, 1);
        assertThat(smtp.getReceivedMessagesForDomain(carol.email())).isEmpty();
        assertThat(smtp.getReceivedMessagesForDomain(dave.email()))
                .singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Sandbox acme-trial is ready"));
        List<OutboxEntry> sent =
                SystemTask.run("test", List.of("ADMIN"), () -> outbox.log(Status.SENT, Channel.MAIL, 0, 50));
        assertThat(sent).singleElement().satisfies(e -> {
            assertThat(e.recipient()).isEqualTo(dave.email());
            assertThat(e.bodyText())
                    .contains("Hello Dave Default,")
                    .contains("2026-03-04 09:00 UTC")
                    .contains("https://portal.example/sandboxes/42")
                    .contains("https://portal.example/account");
            assertThat(e.bodyHtml()).contains("<a href=\"https://portal.example/sandboxes/42\"");
        });
    }

    @Test
    void everyKindReachesEveryChannelChosenSlackAsBlocksWithItsButtons() {
        UserAccount erin = users.signIn(new MappedIdentity(
                "https://idp.example",
                "erin-" + UUID.randomUUID(),
                "erin-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example",
                "Erin Everything",
                Set.of(Role.FIELD_ENGINEER),
                null));
        TestUsers.signInAs(erin.id(), erin.displayName(), Role.FIELD_ENGINEER);
        for (NotificationKind kind : NotificationKind.values()) {
            notifications.choose(kind, java.util.EnumSet.allOf(NotificationChannel.class));
        }
        String thing = UUID.randomUUID().toString();
        for (NotificationKind kind : NotificationKind.values()) {
            change(new Notice(
                    kind,
                    List.of(recipient(erin)),
                    "About " + kind.key(),
                    Message.of("It happened at ", TestClockConfiguration.START, "."),
                    "my-bookings",
                    Map.of("Kind", kind.label()),
                    Map.of("booking", thing, "sandbox", thing)));
        }

        assertThat(jdbc.queryForList("select message from notification where user_id = ?", String.class, erin.id()))
                .hasSize(NotificationKind.values().length);
        for (NotificationKind kind : NotificationKind.values()) {
            assertThat(jdbc.queryForList(
                            "select channel from outbox_message where recipient = ? and kind = ?",
                            String.class,
                            erin.email(),
                            kind.key()))
                    .as(kind.key())
                    .containsExactlyInAnyOrder("MAIL", "SLACK");
            String blocks = jdbc.queryForObject(
                    "select body_blocks::text from outbox_message where recipient = ? and kind = ? and channel = 'SLACK'",
                    String.class,
                    erin.email(),
                    kind.key());
            List<String> actions = SlackBlocks.parse(blocks).stream()
                    .filter(com.slack.api.model.block.ActionsBlock.class::isInstance)
                    .flatMap(b -> ((com.slack.api.model.block.ActionsBlock) b).getElements().stream())
                    .map(e -> (com.slack.api.model.block.element.ButtonElement) e)
                    .map(b -> b.getActionId() + (b.getValue() == null ? "" : "=" + b.getValue()))
                    .toList();
            List<String> expected = switch (kind) {
                case WAITLIST_GRANTED, BOOKING_CHECK_IN_DUE ->
                    List.of(SlackBlocks.EXTEND + "=" + thing, SlackBlocks.RELEASE + "=" + thing, SlackBlocks.OPEN);
                case SANDBOX_AWAITING_APPROVAL ->
                    List.of(SlackBlocks.APPROVE + "=" + thing, SlackBlocks.REJECT + "=" + thing, SlackBlocks.OPEN);
                default -> List.of(SlackBlocks.OPEN);
            };
            assertThat(actions).as(kind.key()).isEqualTo(expected);
            assertThat(blocks)
                    .as("the moment as a Slack date token")
                    .contains("<!date^" + TestClockConfiguration.START.getEpochSecond() + "^");
        }
    }

    private Notice notice(UserAccount to) {
        return new Notice(
                NotificationKind.SANDBOX_READY,
                List.of(recipient(to)),
                "Sandbox acme-trial is ready",
                Message.plain("Your sandbox acme-trial is ready."),
                "sandboxes/42",
                Map.of(),
                Map.of("sandbox", "42"));
    }

    private static Notice.Recipient recipient(UserAccount a) {
        return new Notice.Recipient(a.id(), a.email(), a.displayName());
    }

    private void change(Notice notice) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> notifications.notify(notice));
    }

    private int deliver() {
        return SystemTask.run("outbox", List.of("ADMIN"), outbox::deliverDue);
    }

    private OutboxEntry webhook() {
        return SystemTask.run("test", List.of("ADMIN"), () -> outbox.log(null, Channel.WEBHOOK, 0, 10))
                .getFirst();
    }

    private void asAdmin() {
        TestUsers.signInAs(ada.id(), ada.displayName(), Role.ADMIN);
    }
}
