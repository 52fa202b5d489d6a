package dev.demoportal.identity.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.identity.InvitationService;
import dev.demoportal.identity.InvitationSummary;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService.OrganisationSummary;
import dev.demoportal.identity.Role;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Field engineers invite customers and rename organisations from the organisations page; managers only look. */
class OrganisationsViewIT extends ViewTestSupport {

    @Autowired
    InvitationService invitations;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Test
    void aFieldEngineerInvitesACustomerIntoAnOrganisation() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("organisations");
        OrganisationsView view = _get(OrganisationsView.class);
        assertThat(_size(view.grid)).isGreaterThanOrEqualTo(2);
        OrganisationRef globex = view.organisation
                .getListDataView()
                .getItems()
                .filter(o -> o.slug().equals("globex"))
                .findFirst()
                .orElseThrow();

        view.email.setValue("Wile.E@Globex.example");
        view.organisation.setValue(globex);
        _click(view.invite);

        InvitationSummary sent = invitations.recent().getFirst();
        assertThat(sent.email()).isEqualTo("wile.e@globex.example");
        assertThat(sent.organisation()).isEqualTo(globex);
        assertThat(sent.invitedBy()).isEqualTo("Alice Field");
        assertThat(sent.state()).isEqualTo(InvitationSummary.State.OPEN);
        assertThat(_size(view.invitationGrid)).isEqualTo(invitations.recent().size());
        // valid until: in the zone Karibu's browser reports (never UTC), as the page says
        ZoneId zone = ViewerTime.zone();
        assertThat(zone.getRules().getOffset(sent.expiresAt())).isNotEqualTo(ZoneOffset.UTC);
        assertThat(view.zoneNote.getText()).isEqualTo(ViewerTime.note(zone));
        assertThat(_getFormattedRow(view.invitationGrid, 0).get(4))
                .isEqualTo(ViewerTime.format(sent.expiresAt(), zone, clock.instant()))
                .isNotEqualTo(ViewerTime.format(sent.expiresAt(), ZoneOffset.UTC, clock.instant()));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'invitation.sent'", Long.class))
                .isPositive();
    }

    @Test
    void withoutMailTheInvitationLinkIsOfferedToCopyAndThePageSaysNoMailWentOut() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("organisations");
        OrganisationsView view = _get(OrganisationsView.class);
        view.email.setValue("road.runner@globex.example");
        view.organisation.setValue(view.organisation
                .getListDataView()
                .getItems()
                .filter(o -> o.slug().equals("globex"))
                .findFirst()
                .orElseThrow());
        _click(view.invite);

        // no SMTP server here: the page does not claim a mail was sent
        InvitationLinkDialog dialog = _get(InvitationLinkDialog.class);
        assertThat(_get(dialog, Paragraph.class, spec -> spec.withId("invitation-mail"))
                        .getText())
                .startsWith("This portal sends no mail (kept in its outbox); share this link")
                .contains("road.runner@globex.example")
                .doesNotContain("sent");
        String link = _get(dialog, TextField.class, spec -> spec.withId("invitation-link"))
                .getValue();
        assertThat(link).matches("https?://.+/invitation/[A-Za-z0-9_-]{43}");
        // the link is the invitation's: only its hash is stored
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from invitation where token_hash = ?", Long.class, sha256(token)))
                .isEqualTo(1);
        _assertOne(dialog, Button.class, spec -> spec.withText("Copy link"));
    }

    @Test
    void theInvitedCustomerLandsOnAWelcomeThatLeadsToRequestingASandbox() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("organisations");
        OrganisationsView view = _get(OrganisationsView.class);
        view.email.setValue("wile.e@coyote.example");
        view.organisation.setValue(view.organisation
                .getListDataView()
                .getItems()
                .filter(o -> o.slug().equals("globex"))
                .findFirst()
                .orElseThrow());
        _click(view.invite);
        String link = _get(_get(InvitationLinkDialog.class), TextField.class, spec -> spec.withId("invitation-link"))
                .getValue();
        closeUi();

        // the invited person signs in through their IdP, which names no organisation: the invitation binds them
        openUiAs(new MappedIdentity(
                issuer, "wile", "wile.e@coyote.example", true, "Wile E. Coyote", Set.of(Role.CUSTOMER), null));
        UI.getCurrent().navigate("invitation/" + link.substring(link.lastIndexOf('/') + 1));

        InvitationLandingView landing = _get(InvitationLandingView.class);
        assertThat(_get(landing, Paragraph.class).getText()).startsWith("You belong to Globex now.");
        Anchor request = _get(landing, Anchor.class, spec -> spec.withText("Request a sandbox"));
        assertThat(request.getHref()).isEqualTo("sandboxes/request");
        assertThat(request.getElement().hasAttribute("router-link"))
                .as("navigates inside the app")
                .isTrue();
    }

    @Test
    void revokingAnInvitationAsksFirst() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("organisations");
        OrganisationsView view = _get(OrganisationsView.class);
        view.email.setValue("coyote@globex.example");
        view.organisation.setValue(view.organisation
                .getListDataView()
                .getItems()
                .filter(o -> o.slug().equals("globex"))
                .findFirst()
                .orElseThrow());
        _click(view.invite);
        _get(InvitationLinkDialog.class).close();
        InvitationSummary open = invitations.recent().getFirst();

        int row = GridKt._findAll(view.invitationGrid).stream()
                .map(InvitationSummary::id)
                .toList()
                .indexOf(open.id());
        Button revoke = (Button) GridKt._getCellComponent(view.invitationGrid, row, "actions");
        assertThat(revoke.getAriaLabel()).hasValue("Revoke the invitation of coyote@globex.example");
        _click(revoke);
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        // nothing happened yet
        assertThat(state(open)).isEqualTo(InvitationSummary.State.OPEN);

        _fireConfirm(confirm);

        assertThat(state(open)).isEqualTo(InvitationSummary.State.REVOKED);
    }

    private static String sha256(String token) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private InvitationSummary.State state(InvitationSummary invitation) {
        return invitations.recent().stream()
                .filter(i -> i.id().equals(invitation.id()))
                .findFirst()
                .orElseThrow()
                .state();
    }

    @Test
    void aFieldEngineerMapsAnEmailDomainToAnOrganisation() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("organisations");
        OrganisationsView view = _get(OrganisationsView.class);
        OrganisationRef acme = view.domainOrganisation
                .getListDataView()
                .getItems()
                .filter(o -> o.slug().equals("acme-corp"))
                .findFirst()
                .orElseThrow();

        view.domainOrganisation.setValue(acme);
        view.domain.setValue("ACME-Labs.example");
        _click(_get(view, com.vaadin.flow.component.button.Button.class, spec -> spec.withText("Add domain")));

        assertThat(jdbc.queryForObject(
                        "select organisation_id from organisation_email_domain where domain = ?",
                        java.util.UUID.class,
                        "acme-labs.example"))
                .isEqualTo(acme.id());
        assertThat(view.grid
                        .getListDataView()
                        .getItems()
                        .filter(o -> o.organisation().equals(acme))
                        .findFirst()
                        .orElseThrow()
                        .emailDomains())
                .contains("acme-labs.example");

        view.domain.setValue("acme-labs.example");
        _click(_get(view, com.vaadin.flow.component.button.Button.class, spec -> spec.withText("Add domain")));
        assertThat(view.domain.isInvalid()).isTrue();
    }

    @Test
    void aFieldEngineerRenamesAnOrganisationAndItsSlugStays() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("organisations");
        OrganisationsView view = _get(OrganisationsView.class);
        view.newOrganisation.setValue("Hooli Rename");
        _click(_get(view, Button.class, spec -> spec.withText("Add organisation")));
        int row = rowOf(view, "hooli-rename");

        _click((Button) _getCellComponent(view.grid, row, "actions"));
        RenameOrganisationDialog dialog = _get(RenameOrganisationDialog.class);
        dialog.name.setValue("Acme Corp");
        _click(dialog.save);
        assertThat(dialog.name.isInvalid()).as("another organisation's name").isTrue();
        assertThat(dialog.name.getErrorMessage()).contains("acme-corp");

        dialog.name.setValue("Hooli XYZ");
        _click(dialog.save);

        _assertNone(RenameOrganisationDialog.class);
        assertThat(_getFormattedRow(view.grid, rowOf(view, "hooli-rename")).get(0))
                .isEqualTo("Hooli XYZ");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'organisation.renamed' and details ->> 'to' = ?",
                        Long.class,
                        "Hooli XYZ"))
                .isEqualTo(1L);
    }

    @Test
    void aManagerSeesNoRenameButton() {
        openUiAs(Person.MARIA);
        UI.getCurrent().navigate("organisations");
        OrganisationsView view = _get(OrganisationsView.class);
        assertThat(view.grid.getColumnByKey("actions")).isNull();
    }

    private static int rowOf(OrganisationsView view, String slug) {
        List<OrganisationSummary> rows = view.grid.getListDataView().getItems().toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).organisation().slug().equals(slug)) {
                return i;
            }
        }
        throw new AssertionError("no organisation " + slug + " in the grid");
    }

    @Test
    void aBadAddressIsShownOnTheField() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("organisations");
        OrganisationsView view = _get(OrganisationsView.class);

        view.email.setValue("not an address");
        _click(view.invite);

        assertThat(view.email.isInvalid()).isTrue();
    }

    @Test
    void managersSeeOrganisationsButDoNotInvite() {
        openUiAs(Person.MARIA);
        UI.getCurrent().navigate("organisations");
        OrganisationsView view = _get(OrganisationsView.class);

        assertThat(view.invite.isAttached()).isFalse();
        _assertNone(view, com.vaadin.flow.component.button.Button.class, spec -> spec.withText("Revoke"));
    }
}
