package dev.demoportal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.notification.Mailer;
import dev.demoportal.testing.PortalDatabaseTest;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

/**
 * An invitation where no SMTP server is configured, with production's settings (no
 * {@code portal.mail.log-body}): the service says no mail went out, hands the link to the sender
 * instead, and the link's secret appears in no log line.
 */
@SpringBootTest(properties = "logging.level.dev.demoportal=DEBUG")
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class InvitationWithoutMailIT {

    @Autowired
    InvitationService invitations;

    @Autowired
    OrganisationService organisations;

    @Autowired
    UserService users;

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    @Test
    void theLinkGoesToTheSenderAndNeverToTheLog(CapturedOutput output) {
        UserAccount alice = users.signIn(new MappedIdentity(
                "https://idp.example",
                "alice-" + UUID.randomUUID(),
                "alice@demoportal.dev",
                "Alice Field",
                Set.of(Role.FIELD_ENGINEER),
                null));
        TestUsers.signInAs(alice.id(), alice.displayName(), Role.FIELD_ENGINEER);
        organisations.create("Initrode");

        NewInvitation created = invitations.invite("milton@initrode.example", "initrode");

        assertThat(created.mail()).isEqualTo(Mailer.Delivery.NOT_CONFIGURED);
        String token = created.link().substring(created.link().lastIndexOf('/') + 1);
        assertThat(token).hasSize(43);
        assertThat(output.getAll()).contains("not sent").doesNotContain(token);
    }
}
