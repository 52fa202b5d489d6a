package dev.demoportal.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.DomainException;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.identity.InvitationService;
import dev.demoportal.identity.InvitationSummary;
import dev.demoportal.identity.NewInvitation;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.identity.OrganisationService.OrganisationSummary;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Customer organisations, their e-mail domains, and invitations (valid until a time in the viewer's
 * time zone). Field engineers invite; managers look.
 */
@Route("organisations")
@PageTitle("Organisations")
@RolesAllowed({"FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class OrganisationsView extends VerticalLayout {

    private final OrganisationService organisations;
    private final InvitationService invitations;
    private final Clock clock;
    private ZoneId zone = ViewerTime.zone();
    final Span zoneNote = new Span();
    final Grid<OrganisationSummary> grid = new Grid<>();
    final Grid<InvitationSummary> invitationGrid = new Grid<>();
    final TextField newOrganisation = new TextField("New organisation");
    final EmailField email = new EmailField("E-mail address");
    final ComboBox<OrganisationRef> organisation = new ComboBox<>("Organisation");
    final Button invite = new Button("Invite");
    final ComboBox<OrganisationRef> domainOrganisation = new ComboBox<>("Organisation");
    final TextField domain = new TextField("E-mail domain");

    OrganisationsView(
            OrganisationService organisations, InvitationService invitations, UserService users, Clock clock) {
        this.organisations = organisations;
        this.invitations = invitations;
        this.clock = clock;
        boolean mayChange =
                users.me().hasRole(Role.FIELD_ENGINEER) || users.me().hasRole(Role.ADMIN);

        grid.setId("organisations");
        grid.addThemeVariants(GridVariant.LUMO_NO_BORDER);
        grid.addColumn(o -> o.organisation().name()).setHeader("Organisation").setFlexGrow(2);
        grid.addColumn(o -> o.organisation().slug()).setHeader("Slug");
        grid.addColumn(o -> String.join(", ", o.emailDomains())).setHeader("E-mail domains");
        grid.addColumn(OrganisationSummary::members).setHeader("People");
        if (mayChange) {
            grid.addComponentColumn(o -> {
                        Button rename = new Button(
                                "Rename",
                                e -> new RenameOrganisationDialog(organisations, o.organisation(), this::refresh)
                                        .open());
                        rename.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                        rename.setAriaLabel("Rename " + o.organisation().name());
                        return rename;
                    })
                    .setHeader("")
                    .setKey("actions");
        }
        grid.setAllRowsVisible(true);

        Button create = new Button("Add organisation", e -> {
            try {
                organisations.create(newOrganisation.getValue());
                newOrganisation.clear();
                refresh();
            } catch (ValidationFailed failed) {
                newOrganisation.setErrorMessage(failed.byField().getOrDefault("name", failed.getMessage()));
                newOrganisation.setInvalid(true);
            }
        });
        Div createForm = new Div(newOrganisation, create);
        createForm.addClassName("dp-toolbar");

        domainOrganisation.setItemLabelGenerator(OrganisationRef::name);
        domain.setPlaceholder("acme.example");
        Button addDomain = new Button("Add domain", e -> {
            try {
                if (domainOrganisation.getValue() == null) {
                    throw ValidationFailed.of("organisation", "Choose the organisation");
                }
                organisations.addEmailDomain(domainOrganisation.getValue().id(), domain.getValue());
                domain.clear();
                domain.setInvalid(false);
                refresh();
            } catch (ValidationFailed failed) {
                domain.setErrorMessage(failed.getMessage());
                domain.setInvalid(true);
            }
        });
        Div domainForm = new Div(domainOrganisation, domain, addDomain);
        domainForm.addClassName("dp-toolbar");

        organisation.setItemLabelGenerator(OrganisationRef::name);
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FieldErrors errors = new FieldErrors().field("email", email).field("organisation", organisation);
        invite.addClickListener(e -> {
            try {
                NewInvitation created = invitations.invite(
                        email.getValue(),
                        organisation.getValue() == null
                                ? ""
                                : organisation.getValue().slug());
                errors.clear();
                email.clear();
                refresh();
                // says truthfully whether a mail went out, and offers the link either way
                new InvitationLinkDialog(created, zone, clock.instant()).open();
            } catch (ValidationFailed failed) {
                errors.show(failed);
            }
        });
        Div inviteForm = new Div(email, organisation, invite);
        inviteForm.addClassName("dp-toolbar");

        invitationGrid.setId("invitations");
        invitationGrid.addThemeVariants(GridVariant.LUMO_NO_BORDER);
        invitationGrid.addColumn(InvitationSummary::email).setHeader("E-mail").setFlexGrow(2);
        invitationGrid.addColumn(i -> i.organisation().name()).setHeader("Organisation");
        invitationGrid.addColumn(InvitationSummary::invitedBy).setHeader("Invited by");
        invitationGrid
                .addColumn(i -> i.state().name().toLowerCase(java.util.Locale.ROOT))
                .setHeader("State");
        invitationGrid
                .addColumn(i -> ViewerTime.format(i.expiresAt(), zone, clock.instant()))
                .setHeader("Valid until");
        if (mayChange) {
            invitationGrid
                    .addComponentColumn(i -> {
                        Button revoke = new Button("Revoke", e -> confirmRevoke(i));
                        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                        revoke.setAriaLabel("Revoke the invitation of " + i.email());
                        revoke.setVisible(i.state() == InvitationSummary.State.OPEN);
                        return revoke;
                    })
                    .setHeader("")
                    .setKey("actions");
        }
        invitationGrid.setAllRowsVisible(true);
        add(grid);
        if (mayChange) {
            add(
                    createForm,
                    new H3("E-mail domains (companies with their own IdP)"),
                    domainForm,
                    new H3("Invite a customer"),
                    inviteForm);
        }
        zoneNote.setId("zone-note");
        zoneNote.addClassName("dp-muted");
        add(new H3("Invitations"), zoneNote, invitationGrid);
        refresh();
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            refresh();
        }));
    }

    /** Revoking cannot be undone (the link dies; a new invitation means a new mail), so it asks first. */
    private void confirmRevoke(InvitationSummary invitation) {
        ConfirmDialog confirm = new ConfirmDialog(
                "Revoke the invitation?",
                "The link sent to " + invitation.email() + " will stop working. To let them in later, invite them "
                        + "again.",
                "Revoke",
                e -> {
                    try {
                        invitations.revoke(invitation.id());
                        Notification.show(
                                        "Invitation of " + invitation.email() + " revoked",
                                        3000,
                                        Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    } catch (DomainException refused) {
                        Notification.show(refused.getMessage(), 4000, Notification.Position.MIDDLE);
                    }
                    refresh();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.setCancelText("Keep it");
        confirm.open();
    }

    void refresh() {
        grid.setItems(organisations.summaries());
        organisation.setItems(organisations.all());
        domainOrganisation.setItems(organisations.all());
        zoneNote.setText(ViewerTime.note(zone));
        invitationGrid.setItems(invitations.recent());
    }
}
