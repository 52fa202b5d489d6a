package dev.demoportal.identity.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Map;

/** Where a refused sign-in lands: says why, in words chosen here (never text taken from the URL). */
@Route(value = SignInProblemView.ROUTE, autoLayout = false)
@PageTitle("Sign-in problem · Demo Portal")
@AnonymousAllowed
public class SignInProblemView extends Div implements BeforeEnterObserver {

    static final String ROUTE = "signin-problem";

    private static final Map<String, String> REASONS = Map.of(
            "identity.no_role",
                    "Your account has no Demo Portal role. Ask an administrator to add you to one of "
                            + "the portal's groups in your identity provider.",
            "identity.no_organisation",
                    "We could not tell which organisation you belong to. Ask your contact at "
                            + "our company for an invitation.",
            "identity.mixed_roles",
                    "Your account is both a customer and internal staff. Ask an administrator to "
                            + "fix your group membership in the identity provider.",
            "identity.email_unverified",
                    "Your identity provider has not verified your e-mail address, so we "
                            + "cannot tell which organisation you belong to. Verify the address with your identity "
                            + "provider (look for its confirmation mail), then sign in again.");

    private final Paragraph reason = new Paragraph();

    SignInProblemView() {
        addClassName("dp-center-page");
        Div card = new Div(new H2("We could not sign you in"), reason, new Anchor("/", "Try again"));
        card.addClassName("dp-card");
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String code = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("code")
                .orElse("");
        reason.setText(REASONS.getOrDefault(
                code, "Your identity provider did not confirm who you are. Try again, or contact an administrator."));
    }
}
