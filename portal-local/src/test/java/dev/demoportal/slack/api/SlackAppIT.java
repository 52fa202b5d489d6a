package dev.demoportal.slack.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.SlackSignature;
import dev.demoportal.DemoSignIn;
import dev.demoportal.base.Message;
import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.notification.Notice;
import dev.demoportal.notification.NotificationKind;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.notification.OutboxService;
import dev.demoportal.sandbox.SandboxRequest;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxSummary;
import dev.demoportal.sandbox.SandboxTemplateService;
import dev.demoportal.sandbox.TemplateForm;
import dev.demoportal.sandbox.TemplateSummary;
import dev.demoportal.slack.SlackChannelService;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Slack app against a fake of Slack's Web API (WireMock: users.info, conversations.setTopic,
 * users.lookupByEmail, conversations.open, chat.postMessage, and the response URLs of button
 * presses): {@code /demo} requests signed as Slack signs them, wrongly signed and stale ones, who
 * may use it, a claim from Slack reaching the linked channel's topic within 5 seconds, and direct
 * messages whose buttons extend and release a booking and approve a sandbox request.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.local.enabled=true",
            "portal.local.idp-port=0",
            "portal.local.demo-data=false",
            "portal.outbox.hold=false",
            "portal.slack.signing-secret=test-signing-secret",
            "portal.slack.bot-token=xoxb-test-token"
        })
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackAppIT {

    static final String SECRET = "test-signing-secret";
    /** The fake of Slack's Web API. */
    static final WireMockServer fakeSlack = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        fakeSlack.start();
    }

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        registry.add("portal.slack.api-url", () -> fakeSlack.baseUrl() + "/api/");
        // button presses are answered at their response URL: here, the fake's
        registry.add("portal.slack.response-url-prefix", () -> fakeSlack.baseUrl() + "/hooks/");
    }

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EnvironmentService environments;

    @Autowired
    SlackChannelService channels;

    @Autowired
    NotificationService notifications;

    @Autowired
    OutboxService outbox;

    @Autowired
    SandboxTemplateService templates;

    @Autowired
    SandboxRequestService requests;

    @Autowired
    TransactionTemplate transactions;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void setUp() {
        DemoSignIn signIn = new DemoSignIn(issuer);
        // the portal knows people once they have signed in (here: one API call each)
        dev.demoportal.ApiClient api = new dev.demoportal.ApiClient(port);
        api.get("/api/v1/environments", signIn.accessToken("alice"));
        api.get("/api/v1/environments", signIn.accessToken("carol"));
        fakeSlack.stubFor(post(urlEqualTo("/api/auth.test"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"team_id\":\"T0TEST\"}")));
        slackUser("U0ALICE", "alice@demoportal.dev");
        slackUser("U0CAROL", "carol@acme.example");
        slackUser("U0NOBODY", "nobody@elsewhere.example");
        Map.of(
                        "users.lookupByEmail", "{\"ok\":true,\"user\":{\"id\":\"U0ALICE\"}}",
                        "conversations.open", "{\"ok\":true,\"channel\":{\"id\":\"D0ALICE\"}}",
                        "chat.postMessage", "{\"ok\":true,\"channel\":\"D0ALICE\",\"ts\":\"1.1\"}")
                .forEach((method, answer) -> fakeSlack.stubFor(post(urlEqualTo("/api/" + method))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody(answer))));
        fakeSlack.stubFor(
                post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
        fakeSlack.stubFor(post(urlEqualTo("/api/conversations.setTopic"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true}")));
        SystemTask.run("test", List.of("ADMIN"), () -> {
            environments.createEnvironment(new EnvironmentForm(
                    "slack-one", "Slack One", "emea", 2, EnvironmentStatus.AVAILABLE, "", List.of()));
            environments.createEnvironment(new EnvironmentForm(
                    "slack-two", "Slack Two", "emea", 1, EnvironmentStatus.AVAILABLE, "", List.of()));
            environments.createEnvironment(new EnvironmentForm(
                    "slack-three", "Slack Three", "emea", 1, EnvironmentStatus.AVAILABLE, "", List.of()));
            channels.link("C0SLACKONE", "slack-one", null);
            return null;
        });
    }

    @AfterAll
    void stop() {
        fakeSlack.stop();
    }

    private static void slackUser(String id, String email) {
        fakeSlack.stubFor(post(urlEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + id))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"ok":true,"user":{"id":"%s","name":"x","deleted":false,"is_bot":false,
                         "is_email_confirmed":true,"profile":{"email":"%s"}}}""".formatted(id, email))));
    }

    @Test
    void aClaimFromSlackBooksThroughTheServiceAndTheLinkedTopicFollowsWithinFiveSeconds() throws Exception {
        // the link's first topic: both slots free
        waitForTopic("C0SLACKONE", "Slack One: slots 1, 2 free", Duration.ofSeconds(30));
        fakeSlack.resetRequests();

        long started = System.nanoTime();
        HttpResponse<String> answer = slash("U0ALICE", "claim slack-one 2h", SECRET, Instant.now());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"response_type\":\"ephemeral\"").contains("You hold *Slack One* slot 1");

        Duration took = waitForTopic("C0SLACKONE", "Slack One: alice until ", Duration.ofSeconds(30));
        long total = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf(
                "Slack topic after /demo claim: %d ms after the command returned, %d ms after it was sent%n",
                took.toMillis(), total);
        assertThat(total).as("topic changed within 5 s of the claim").isLessThan(5000);
        // the topic Slack was sent (the stored copy is written just after the call, so it may lag)
        assertThat(fakeSlack
                        .findAll(postRequestedFor(urlEqualTo("/api/conversations.setTopic"))
                                .withRequestBody(containing("channel=C0SLACKONE")))
                        .stream()
                        .map(r -> decoded(r.getBodyAsString()))
                        .filter(body -> body.contains("topic=Slack One: alice until ")))
                .anySatisfy(body -> assertThat(body).contains("slot 2 free"));

        assertThat(jdbc.queryForObject("""
                select count(*) from booking b join shared_environment e on e.id = b.environment_id
                 where e.slug = 'slack-one' and b.purpose = 'Claimed from Slack'""", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("""
                select actor_name from audit_event where action like 'booking.%' and actor_name like '%via Slack'""", String.class)).contains("Alice Field via Slack");

        HttpResponse<String> released = slash("U0ALICE", "release slack-one", SECRET, Instant.now());
        assertThat(released.body()).contains("Released Slack One slot 1");
        waitForTopic("C0SLACKONE", "Slack One: slots 1, 2 free", Duration.ofSeconds(30));
    }

    @Test
    void wronglySignedOrStaleRequestsGet401AndChangeNothing() throws Exception {
        long before = bookingsOf("slack-two");
        int lookups = usersInfoCalls();
        HttpResponse<String> wrongSecret = slash("U0ALICE", "claim slack-two", "not-the-secret", Instant.now());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.body()).contains("slack.signature_invalid");

        HttpResponse<String> stale =
                slash("U0ALICE", "claim slack-two", SECRET, Instant.now().minusSeconds(6 * 60));
        assertThat(stale.statusCode()).isEqualTo(401);

        String body = form("U0ALICE", "claim slack-two");
        HttpResponse<String> unsigned = http.send(
                HttpRequest.newBuilder(uri("/integrations/slack/commands"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);

        // signed for another body: the signature covers every byte
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = new SlackSignature.Generator(SECRET).generate(timestamp, form("U0ALICE", "who"));
        HttpResponse<String> tampered = send("/integrations/slack/commands", body, timestamp, signature);
        assertThat(tampered.statusCode()).isEqualTo(401);

        String payload =
                "payload=" + URLEncoder.encode("""
                {"type":"block_actions","user":{"id":"U0ALICE"},"actions":[{"action_id":"booking.release","value":"%s"}]}""".formatted(java.util.UUID.randomUUID()), StandardCharsets.UTF_8);
        HttpResponse<String> button = send(
                "/integrations/slack/interactions",
                payload,
                timestamp,
                new SlackSignature.Generator("not-the-secret").generate(timestamp, payload));
        assertThat(button.statusCode()).isEqualTo(401);

        assertThat(bookingsOf("slack-two")).isEqualTo(before);
        assertThat(usersInfoCalls()).as("nobody was even looked up").isEqualTo(lookups);
    }

    @Test
    void customersAndStrangersArePolitelyRefused() throws Exception {
        long before = bookingsOf("slack-two");
        HttpResponse<String> carol = slash("U0CAROL", "claim slack-two", SECRET, Instant.now());
        assertThat(carol.statusCode()).isEqualTo(200);
        assertThat(carol.body()).contains("Sorry, `/demo` is for the demo team");
        HttpResponse<String> nobody = slash("U0NOBODY", "claim slack-two", SECRET, Instant.now());
        assertThat(nobody.statusCode()).isEqualTo(200);
        assertThat(nobody.body()).contains("Sorry, I don't know you");
        assertThat(bookingsOf("slack-two")).isEqualTo(before);
    }

    @Test
    void helpWhoAndBadInputAnswerInWords() throws Exception {
        assertThat(slash("U0ALICE", "", SECRET, Instant.now()).body()).contains("/demo claim <environment>");
        assertThat(slash("U0ALICE", "who", SECRET, Instant.now()).body())
                .contains("*EMEA*")
                .contains("Slack Two: slot 1 free");
        assertThat(slash("U0ALICE", "claim slack-two forever", SECRET, Instant.now())
                        .body())
                .contains("is not a duration");
        assertThat(slash("U0ALICE", "claim no-such-env", SECRET, Instant.now()).body())
                .contains("That didn't work");
        assertThat(slash("U0ALICE", "next 1h", SECRET, Instant.now()).body()).contains("Earliest:");
    }

    @Test
    void aHeldBookingsDirectMessageHasButtonsThatExtendAndReleaseIt() throws Exception {
        UUID alice = userId("alice@demoportal.dev");
        slackChosen(alice, NotificationKind.BOOKING_CHECK_IN_DUE);
        assertThat(slash("U0ALICE", "claim slack-three 2h", SECRET, Instant.now())
                        .body())
                .contains("You hold *Slack Three*");
        UUID booking = jdbc.queryForObject("""
                select b.id from booking b join shared_environment e on e.id = b.environment_id
                 where e.slug = 'slack-three' and b.status = 'BOOKED'""", UUID.class);
        Instant end = bookingEnd(booking);
        String subject = "Check in to Slack Three (slot 1)";
        transactions.executeWithoutResult(tx -> notifications.notify(new Notice(
                NotificationKind.BOOKING_CHECK_IN_DUE,
                List.of(new Notice.Recipient(alice, "alice@demoportal.dev", "Alice Field")),
                subject,
                Message.plain("Your booking of Slack Three has started."),
                "my-bookings",
                Map.of("Environment", "Slack Three"),
                Map.of("booking", booking.toString()))));

        // the worker sends what the transaction wrote: blocks with the buttons, the text as fallback
        JsonObject message = postedMessage(subject);
        assertThat(message.get("channel").getAsString()).isEqualTo("D0ALICE");
        assertThat(message.get("text").getAsString()).contains(subject);
        assertThat(buttons(message))
                .containsExactly("booking.extend=" + booking, "booking.release=" + booking, "portal.open=");

        HttpResponse<String> extended = press("U0ALICE", "booking.extend", booking.toString(), SECRET);
        assertThat(extended.statusCode()).isEqualTo(200);
        assertThat(extended.body()).contains("Extended: Slack Three slot 1 is yours until");
        assertThat(bookingEnd(booking)).isEqualTo(end.plus(Duration.ofHours(1)));
        // the message is replaced by the outcome (its buttons gone), through the response URL
        assertThat(fakeSlack.findAll(postRequestedFor(urlEqualTo("/hooks/actions/T0TEST/booking.extend"))))
                .singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString())
                        .contains("\"replace_original\":true")
                        .contains("Extended: Slack Three"));

        HttpResponse<String> forged = send(
                "/integrations/slack/interactions",
                interaction("U0ALICE", "booking.release", booking.toString()),
                String.valueOf(Instant.now().getEpochSecond()),
                "v0=" + "0".repeat(64));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(bookingStatus(booking)).isEqualTo("BOOKED");

        HttpResponse<String> released = press("U0ALICE", "booking.release", booking.toString(), SECRET);
        assertThat(released.body()).contains("Released slot 1 of Slack Three.");
        assertThat(bookingStatus(booking)).isEqualTo("RELEASED");
        assertThat(jdbc.queryForList("""
                select action from audit_event where target_id = ? and actor_name = 'Alice Field via Slack'""", String.class, booking.toString()))
                .contains("booking.extended", "booking.released");
    }

    @Test
    void anApproverApprovesASandboxRequestFromItsDirectMessage() throws Exception {
        UUID alice = userId("alice@demoportal.dev");
        UUID carol = userId("carol@acme.example");
        slackChosen(alice, NotificationKind.SANDBOX_AWAITING_APPROVAL);
        TemplateSummary template = SystemTask.run(
                "test",
                List.of("ADMIN"),
                () -> templates.create(new TemplateForm(
                        "slack-tpl",
                        "Slack template",
                        "Approved from Slack",
                        null,
                        List.of("emea"),
                        24,
                        48,
                        false,
                        5,
                        Map.of(),
                        true)));
        SandboxSummary requested = SystemTask.onBehalfOf(
                carol,
                "Carol Customer",
                List.of("CUSTOMER"),
                () -> requests.request(new SandboxRequest(template.slug(), "emea", 24, "Try it from Slack", null)));
        assertThat(requested.status().name()).isEqualTo("REQUESTED");

        JsonObject message = postedMessage("Sandbox request " + requested.name() + " waits for approval");
        assertThat(buttons(message)).contains("sandbox.approve=" + requested.id(), "sandbox.reject=" + requested.id());

        HttpResponse<String> approved =
                press("U0ALICE", "sandbox.approve", requested.id().toString(), SECRET);
        assertThat(approved.body()).contains("Approved sandbox request *" + requested.name() + "*");
        assertThat(jdbc.queryForObject("select status from sandbox where id = ?", String.class, requested.id()))
                .isNotEqualTo("REQUESTED");
        assertThat(jdbc.queryForList(
                        "select actor_name from audit_event where target_id = ? and action = 'sandbox.approved'",
                        String.class,
                        requested.id().toString()))
                .containsExactly("Alice Field via Slack");
    }

    private UUID userId(String email) {
        return jdbc.queryForObject("select id from portal_user where lower(email) = ?", UUID.class, email);
    }

    private void slackChosen(UUID user, NotificationKind kind) {
        jdbc.update(
                "insert into notification_preference (user_id, kind, channel, enabled) values (?, ?, 'SLACK', true)"
                        + " on conflict do nothing",
                user,
                kind.key());
    }

    private Instant bookingEnd(UUID booking) {
        return jdbc.queryForObject("select ends_at from booking where id = ?", java.sql.Timestamp.class, booking)
                .toInstant();
    }

    private String bookingStatus(UUID booking) {
        return jdbc.queryForObject("select status from booking where id = ?", String.class, booking);
    }

    /** Waits for the worker to post the direct message with this subject to the fake; answers its form as JSON. */
    private JsonObject postedMessage(String subject) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            SystemTask.run("test", List.of("ADMIN"), outbox::deliverDue);
                            return fakeSlack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).stream()
                                    .map(r -> form(r.getBodyAsString()))
                                    .filter(f -> f.get("text").getAsString().contains(subject))
                                    .findFirst();
                        },
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static JsonObject form(String body) {
        JsonObject form = new JsonObject();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.addProperty(decoded(pair.substring(0, eq)), decoded(pair.substring(eq + 1)));
        }
        return form;
    }

    /** The message's buttons as {@code action_id=value}, in order. */
    private static List<String> buttons(JsonObject message) {
        var blocks = JsonParser.parseString(message.get("blocks").getAsString()).getAsJsonArray();
        List<String> buttons = new java.util.ArrayList<>();
        for (var block : blocks) {
            JsonObject b = block.getAsJsonObject();
            if (b.get("type").getAsString().equals("actions")) {
                for (var element : b.getAsJsonArray("elements")) {
                    JsonObject e = element.getAsJsonObject();
                    buttons.add(e.get("action_id").getAsString() + "="
                            + (e.has("value") ? e.get("value").getAsString() : ""));
                }
            }
        }
        return buttons;
    }

    private static String interaction(String user, String actionId, String value) {
        return "payload="
                + URLEncoder.encode(
                        """
                {"type":"block_actions","user":{"id":"%s"},"response_url":"%s",
                 "actions":[{"action_id":"%s","value":"%s"}]}""".formatted(user, fakeSlack.baseUrl() + "/hooks/actions/T0TEST/" + actionId, actionId, value),
                        StandardCharsets.UTF_8);
    }

    private HttpResponse<String> press(String user, String actionId, String value, String secret) throws Exception {
        String body = interaction(user, actionId, value);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return send(
                "/integrations/slack/interactions",
                body,
                timestamp,
                new SlackSignature.Generator(secret).generate(timestamp, body));
    }

    private static int usersInfoCalls() {
        return fakeSlack
                .findAll(postRequestedFor(urlEqualTo("/api/users.info")))
                .size();
    }

    private long bookingsOf(String slug) {
        return jdbc.queryForObject(
                "select count(*) from booking b join shared_environment e on e.id = b.environment_id"
                        + " where e.slug = ?",
                Long.class,
                slug);
    }

    private String lastTopic(String channel) {
        return jdbc.queryForObject(
                "select last_topic from slack_channel_link where channel_id = ?", String.class, channel);
    }

    /** Waits until the fake Slack was asked to set a topic starting with {@code prefix}; answers how long it took. */
    private Duration waitForTopic(String channel, String prefix, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        String wanted =
                "topic=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8).replace("+", "%20");
        while (System.nanoTime() - start < limit.toNanos()) {
            boolean seen = fakeSlack
                    .findAll(postRequestedFor(urlEqualTo("/api/conversations.setTopic"))
                            .withRequestBody(containing("channel=" + channel)))
                    .stream()
                    .anyMatch(r -> decoded(r.getBodyAsString()).contains("topic=" + prefix));
            if (seen) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No topic " + prefix + " for " + channel + " within " + limit + "; last stored: "
                + lastTopic(channel) + " (" + wanted + ")");
    }

    private static String decoded(String form) {
        return java.net.URLDecoder.decode(form, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> slash(String user, String text, String secret, Instant at) throws Exception {
        String body = form(user, text);
        String timestamp = String.valueOf(at.getEpochSecond());
        return send(
                "/integrations/slack/commands",
                body,
                timestamp,
                new SlackSignature.Generator(secret).generate(timestamp, body));
    }

    private HttpResponse<String> send(String path, String body, String timestamp, String signature) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", timestamp)
                        .header("X-Slack-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String user, String text) {
        return "token=legacy&team_id=T0TEST&command=%2Fdemo&user_id=" + user + "&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&response_url="
                + URLEncoder.encode("https://hooks.slack.com/commands/T0TEST/1/x", StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
