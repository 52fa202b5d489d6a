package dev.demoportal.identity.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.identity.InvitationService;
import dev.demoportal.identity.InvitationSummary;
import jakarta.annotation.security.PermitAll;
import java.util.Optional;

/**
 * Where the invitation mail's link lands, after sign-in. Signing in with the invited address is
 * what binds the person to the organisation; this page confirms it. Links of others are "not
 * available", like any page that does not exist.
 */
@Route("invitation/:token")
@PageTitle("Welcome")
@PermitAll
public class InvitationLandingView extends Div implements BeforeEnterObserver {

    private final InvitationService invitations;

    InvitationLandingView(InvitationService invitations) {
        this.invitations = invitations;
        addClassName("dp-card");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<InvitationSummary> mine =
                invitations.mine(event.getRouteParameters().get("token").orElse(""));
        if (mine.isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        removeAll();
        add(
                new H2("Welcome to Demo Portal"),
                new Paragraph("You belong to " + mine.get().organisation().name() + " now. Request a sandbox to try "
                        + "our platform in a space of your own."),
                requestSandbox());
    }

    /**
     * What a {@code RouterLink} to {@code sandbox.ui.RequestSandboxView} renders, by route: naming the
     * view class would make identity depend on sandbox, which depends on identity.
     */
    private static Anchor requestSandbox() {
        Anchor link = new Anchor("sandboxes/request", "Request a sandbox");
        link.getElement().setAttribute("router-link", true);
        return link;
    }
}
