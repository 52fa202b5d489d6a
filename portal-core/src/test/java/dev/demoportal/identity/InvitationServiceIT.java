package dev.demoportal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.SystemTask;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.notification.Mailer;
import dev.demoportal.notification.OutboxService;
import dev.demoportal.testing.PortalDatabaseTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Invitations end to end in the core: a real SMTP server (GreenMail) receives the mail, the link's
 * token is never stored, and signing in with the invited address binds the customer, once.
 */
@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class InvitationServiceIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("portal.mail.portal-url", () -> "https://portal.example");
    }

    private static final String ISSUER = "https://customers.idp.example";
    private static final Pattern LINK = Pattern.compile("https://portal\\.example/invitation/([A-Za-z0-9_-]{43})");

    @Autowired
    InvitationService invitations;

    @Autowired
    OrganisationService organisations;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    OutboxService outbox;

    UserAccount alice;

    @BeforeEach
    void setUp() {
        clock.set(TestClockConfiguration.START);
        alice = users.signIn(new MappedIdentity(
                ISSUER,
                "alice-" + UUID.randomUUID(),
                "alice@demoportal.dev",
                "Alice Field",
                Set.of(Role.FIELD_ENGINEER),
                null));
        TestUsers.signInAs(alice.id(), alice.displayName(), Role.FIELD_ENGINEER);
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    private UserAccount signInAsCustomer(String subject, String email) {
        return users.signIn(new MappedIdentity(ISSUER, subject, email, "New Customer", Set.of(Role.CUSTOMER), null));
    }

    private String tokenFromTheMail(String to) throws Exception {
        // the worker's part: deliver the outbox
        assertThat(SystemTask.run("outbox", List.of("ADMIN"), outbox::deliverDue))
                .isGreaterThanOrEqualTo(1);
        smtp.waitForIncomingEmail(5000, 1);
        MimeMessage mail = smtp.getReceivedMessagesForDomain(to)[0];
        assertThat(mail.getSubject()).isEqualTo("You are invited to Demo Portal for Initech");
        Matcher link = LINK.matcher(GreenMailUtil.getBody(mail));
        assertThat(link.find()).as("the mail has the invitation link").isTrue();
        return link.group(1);
    }

    @Test
    void anInvitedAddressIsBoundToTheOrganisationAtItsFirstSignInAndOnlyOnce() throws Exception {
        OrganisationRef initech = organisations.create("Initech");
        String email = "peter-" + UUID.randomUUID().toString().substring(0, 6) + "@initech.example";

        NewInvitation created = invitations.invite(email.toUpperCase(), "initech");
        InvitationSummary invitation = created.invitation();

        assertThat(created.mail()).isEqualTo(Mailer.Delivery.QUEUED);
        assertThat(invitation.email()).isEqualTo(email);
        assertThat(invitation.state()).isEqualTo(InvitationSummary.State.OPEN);
        assertThat(invitation.expiresAt()).isEqualTo(TestClockConfiguration.START.plus(InvitationService.VALIDITY));
        String token = tokenFromTheMail(email);
        // the sender is shown the same link the mail carries
        assertThat(created.link()).isEqualTo("https://portal.example/invitation/" + token);
        String stored =
                jdbc.queryForObject("select token_hash from invitation where id = ?", String.class, invitation.id());
        assertThat(stored).isEqualTo(InvitationService.hash(token)).doesNotContain(token);

        UserAccount peter = signInAsCustomer("peter-" + UUID.randomUUID(), email);

        assertThat(peter.organisation()).isEqualTo(initech);
        assertThat(invitations.recent())
                .filteredOn(i -> i.id().equals(invitation.id()))
                .singleElement()
                .satisfies(i -> assertThat(i.state()).isEqualTo(InvitationSummary.State.ACCEPTED));
        // signing in again (the IdP sends no organisation) keeps the binding
        assertThat(users.signIn(new MappedIdentity(
                                ISSUER,
                                jdbc.queryForObject(
                                        "select subject from portal_user where id = ?", String.class, peter.id()),
                                email,
                                "Peter",
                                Set.of(Role.CUSTOMER),
                                null))
                        .organisation())
                .isEqualTo(initech);
        // used once: another account with the same address is not placed by it
        assertThatThrownBy(() -> signInAsCustomer("impostor-" + UUID.randomUUID(), email))
                .isInstanceOf(SignInRefused.class)
                .hasMessageContaining("invitation");

        TestUsers.signInAs(peter.id(), peter.displayName(), Role.CUSTOMER);
        assertThat(invitations.mine(token))
                .hasValueSatisfying(i -> assertThat(i.organisation()).isEqualTo(initech));
        assertThat(invitations.mine("not-the-token")).isEmpty();
        TestUsers.signInAs(alice.id(), alice.displayName(), Role.FIELD_ENGINEER);
        assertThat(invitations.mine(token)).isEmpty();
    }

    @Test
    void anUnverifiedAddressIsNotBoundByAnInvitationOfIt() throws Exception {
        organisations.create("Initech");
        String email = "mallory-" + UUID.randomUUID().toString().substring(0, 6) + "@initech.example";
        InvitationSummary invitation = invitations.invite(email, "initech").invitation();

        // someone typed the invited address into their own IdP profile; the IdP has not verified it
        String subject = "mallory-" + UUID.randomUUID();
        assertThatThrownBy(() -> users.signIn(
                        new MappedIdentity(ISSUER, subject, email, false, "Mallory", Set.of(Role.CUSTOMER), null)))
                .isInstanceOfSatisfying(
                        SignInRefused.class, e -> assertThat(e.code()).isEqualTo("identity.email_unverified"));

        assertThat(jdbc.queryForObject("select count(*) from portal_user where subject = ?", Long.class, subject))
                .isZero();
        assertThat(invitations.recent())
                .filteredOn(i -> i.id().equals(invitation.id()))
                .singleElement()
                .satisfies(i ->
                        assertThat(i.state()).as("still open for its owner").isEqualTo(InvitationSummary.State.OPEN));
    }

    @Test
    void anExpiredOrRevokedInvitationPlacesNobody() throws Exception {
        organisations.create("Initech");
        String late = "late-" + UUID.randomUUID().toString().substring(0, 6) + "@initech.example";
        String revoked = "revoked-" + UUID.randomUUID().toString().substring(0, 6) + "@initech.example";
        invitations.invite(late, "initech");
        InvitationSummary toRevoke = invitations.invite(revoked, "initech").invitation();
        invitations.revoke(toRevoke.id());

        clock.advance(InvitationService.VALIDITY.plus(Duration.ofMinutes(1)));

        assertThatThrownBy(() -> signInAsCustomer("late-" + UUID.randomUUID(), late))
                .isInstanceOf(SignInRefused.class);
        assertThatThrownBy(() -> signInAsCustomer("revoked-" + UUID.randomUUID(), revoked))
                .isInstanceOf(SignInRefused.class);
        assertThat(invitations.recent())
                .filteredOn(i -> i.email().equals(late))
                .singleElement()
                .satisfies(i -> assertThat(i.state()).isEqualTo(InvitationSummary.State.EXPIRED));
    }

    @Test
    void invitationsAreCheckedAndOnlyStaffSendThem() {
        organisations.create("Initech");

        assertThatThrownBy(() -> invitations.invite("not an address", "initech"))
                .isInstanceOf(ValidationFailed.class)
                .satisfies(e -> assertThat(((ValidationFailed) e).byField()).containsOnlyKeys("email"));
        assertThatThrownBy(() -> invitations.invite("x@y.example", "no-such-org"))
                .isInstanceOf(ValidationFailed.class)
                .satisfies(e -> assertThat(((ValidationFailed) e).byField()).containsOnlyKeys("organisation"));

        TestUsers.signInAs(UUID.randomUUID(), "Carol", Role.CUSTOMER);
        assertThatThrownBy(() -> invitations.invite("x@y.example", "initech"))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
