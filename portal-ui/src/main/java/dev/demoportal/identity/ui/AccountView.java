package dev.demoportal.identity.ui;

import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.ui.AccountSection;
import dev.demoportal.identity.ApiTokenService;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.notification.ui.NotificationPreferencesCard;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;

/**
 * Who the portal thinks you are (as your IdP told it), what reaches you (notification choices),
 * your calendar feeds, and how to call the API as yourself: your API tokens.
 */
@Route("account")
@PageTitle("My account")
@PermitAll
public class AccountView extends VerticalLayout {

    AccountView(
            UserService users,
            ApiTokenService tokens,
            Clock clock,
            Environment environment,
            NotificationService notifications,
            java.util.List<AccountSection> sections) {
        UserAccount me = users.me();
        Avatar avatar = new Avatar(me.displayName());
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_LARGE);
        H2 name = new H2(me.displayName());
        name.getStyle().set("margin", "0");
        Span email = new Span(me.email() == null ? "no e-mail address from your identity provider" : me.email());
        email.addClassName("dp-muted");
        HorizontalLayout header = new HorizontalLayout(avatar, new VerticalLayout(name, email));
        header.setAlignItems(Alignment.CENTER);

        Div card = new Div(
                header,
                fact("Roles", me.roles().stream().map(Role::label).sorted().collect(Collectors.joining(", "))),
                fact(
                        "Organisation",
                        me.organisation() == null
                                ? "— (internal staff)"
                                : me.organisation().name()),
                new Paragraph("Your roles and organisation come from your identity provider at each sign-in. "
                        + "If they are wrong, ask an administrator to change your groups there."));
        card.addClassName("dp-card");

        String issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "<issuer>");
        Div api = new Div(
                new H3("Use the API as yourself"),
                new Paragraph("Scripts and pipelines call /api/v1 with an access token for you from the same "
                        + "identity provider (" + issuer + "), sent as 'Authorization: Bearer <token>'. The API is "
                        + "described at /v3/api-docs (browse it at /swagger-ui.html)."));
        if (environment.getProperty("portal.local.enabled", Boolean.class, false)) {
            api.add(
                    new Paragraph("In local mode, the public client portal-cli supports the device flow, which "
                            + "needs no browser on the machine that runs the script:"),
                    new Pre("curl -s -d client_id=portal-cli -d 'scope=profile email' " + issuer
                            + "/oauth2/device_authorization\n"
                            + "# open verification_uri_complete in a browser and sign in; then:\n"
                            + "curl -s -d client_id=portal-cli -d grant_type=urn:ietf:params:oauth:grant-type:device_code \\\n"
                            + "     -d device_code=<device_code> " + issuer + "/oauth2/token\n"
                            + "curl -H \"Authorization: Bearer <access_token>\" " + baseUrl() + "/api/v1/me"));
        } else {
            api.add(new Paragraph("Ask your administrator for the public client registered for scripts; "
                    + "docs/operations/oidc-providers.md explains the set-up."));
        }
        api.addClassName("dp-card");

        Div personal = new Div(
                new H3("API tokens"),
                new Paragraph("A token lets a script act as you, with some or "
                        + "all of your roles, until it expires or you revoke it; no identity provider round trip. It starts "
                        + "with dpt_ so secret scanners recognise it. Pipelines on GitHub Actions or CircleCI need no token: "
                        + "an admin can trust their OIDC identity instead."),
                new ApiTokensPanel(me.roles(), tokens::mine, tokens::create, tokens::revoke, clock));
        personal.setId("api-tokens");
        personal.addClassName("dp-card");
        add(card, new NotificationPreferencesCard(notifications));
        sections.stream()
                .sorted(java.util.Comparator.comparingInt(AccountSection::order))
                .forEach(section -> add(section.create()));
        add(api, personal);
    }

    private static String baseUrl() {
        var request = com.vaadin.flow.server.VaadinServletRequest.getCurrent();
        if (request == null) {
            return "http://localhost:8080";
        }
        var http = request.getHttpServletRequest();
        return http.getScheme() + "://" + http.getServerName() + ":" + http.getServerPort();
    }

    private static Div fact(String label, String value) {
        Span l = new Span(label);
        l.addClassName("dp-muted");
        l.getStyle().set("display", "inline-block").set("width", "9em");
        Div row = new Div(l, new Span(value));
        row.getStyle().set("margin", "var(--lumo-space-s) 0");
        return row;
    }
}
