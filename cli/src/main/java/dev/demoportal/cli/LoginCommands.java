package dev.demoportal.cli;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code demo login}, {@code demo logout}, {@code demo who}. */
final class LoginCommands {

    static final String DEFAULT_CLIENT_ID = "portal-cli";

    static final String DEFAULT_SCOPE = "profile email";

    private LoginCommands() {}

    @Command(
            name = "login",
            mixinStandardHelpOptions = true,
            description = {
                "Sign in with the device flow (open the link shown, on any device, and approve).",
                "The token is kept in your config directory, readable by you only; when it expires the",
                "refresh token the identity provider gave renews it, until that one ends (local mode: 12 hours)."
            })
    static final class Login extends DemoCommand {

        @Option(
                names = "--issuer",
                paramLabel = "URL",
                description = "The identity provider (default: DEMO_PORTAL_ISSUER, the one of the last login, "
                        + "or local mode's http://localhost:9000 for a portal on localhost).")
        @Nullable
        String issuer;

        @Option(
                names = "--client-id",
                paramLabel = "ID",
                description = "The public client registered for the CLI (default: DEMO_PORTAL_CLIENT_ID or "
                        + DEFAULT_CLIENT_ID + ").")
        @Nullable
        String clientId;

        @Option(
                names = "--scope",
                description = "The scopes to ask for, space-separated (default: DEMO_PORTAL_SCOPE or \"" + DEFAULT_SCOPE
                        + "\"); e.g. the scope that gives your IdP's tokens the portal API's audience.")
        @Nullable
        String scope;

        @Override
        int execute() {
            LoginStore store = store();
            LoginStore.Login previous = readQuietly(store);
            URI portal = portal(previous);
            URI issuerUri = DemoCommand.portalUri(issuer(portal, previous));
            String client =
                    clientId != null ? clientId : ctx().env().getOrDefault("DEMO_PORTAL_CLIENT_ID", DEFAULT_CLIENT_ID);
            DeviceFlow.Tokens tokens = new DeviceFlow(
                            ctx(),
                            issuerUri,
                            client,
                            scope != null ? scope : ctx().env().getOrDefault("DEMO_PORTAL_SCOPE", DEFAULT_SCOPE))
                    .signIn();
            JsonNode me = new Api(ctx().http(), portal, tokens.accessToken()).get("api/v1/me");
            store.write(new LoginStore.Login(
                    portal.toString(),
                    issuerUri.toString(),
                    client,
                    tokens.accessToken(),
                    tokens.expiresAt().toString(),
                    text(me, "name") + " <" + text(me, "email") + ">",
                    tokens.refreshToken()));
            if (json()) {
                ObjectNode answer = Api.JSON.createObjectNode();
                answer.put("portal", portal.toString());
                answer.put("expiresAt", tokens.expiresAt().toString());
                answer.set("me", me);
                printJson(answer);
            } else {
                ctx().out()
                        .println("Signed in to " + portal + " as " + text(me, "name") + " <" + text(me, "email")
                                + "> until " + Times.show(tokens.expiresAt(), ctx().zone()) + ".");
            }
            return ExitCodes.OK;
        }

        private String issuer(URI portal, LoginStore.@Nullable Login previous) {
            if (issuer != null && !issuer.isBlank()) {
                return issuer;
            }
            String fromEnv = ctx().env().get("DEMO_PORTAL_ISSUER");
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv;
            }
            if (previous != null && previous.portal().equals(portal.toString())) {
                return previous.issuer();
            }
            if ("localhost".equals(portal.getHost()) || "127.0.0.1".equals(portal.getHost())) {
                return "http://localhost:9000";
            }
            throw new IllegalArgumentException(
                    "which identity provider? Give --issuer https://login.example.com (your portal's OIDC issuer) or set DEMO_PORTAL_ISSUER");
        }
    }

    static LoginStore.@Nullable Login readQuietly(LoginStore store) {
        try {
            return store.read();
        } catch (CliFailure unreadable) {
            return null;
        }
    }

    @Command(
            name = "logout",
            mixinStandardHelpOptions = true,
            description = "Forget the cached sign-in (and revoke its refresh token at the identity provider).")
    static final class Logout extends DemoCommand {

        @Override
        int execute() {
            LoginStore store = store();
            LoginStore.Login login = readQuietly(store);
            String refreshToken = login == null ? null : login.refreshToken();
            if (login != null && refreshToken != null) {
                try {
                    new DeviceFlow(ctx(), URI.create(login.issuer()), login.clientId(), "").revoke(refreshToken);
                } catch (CliFailure unreachable) {
                    // the provider is unreachable: forget it here anyway; it ends on its own
                    ctx().err().println("warning: could not reach the identity provider to revoke the sign-in");
                }
            }
            boolean removed = store.delete();
            if (json()) {
                ObjectNode answer = Api.JSON.createObjectNode();
                answer.put("signedOut", removed);
                printJson(answer);
            } else {
                ctx().out().println(removed ? "Signed out." : "Not signed in.");
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "who",
            mixinStandardHelpOptions = true,
            description = "Who the portal sees: name, e-mail, roles, organisation, and which token is used.")
    static final class Who extends DemoCommand {

        @Override
        int execute() {
            LoginStore store = store();
            LoginStore.Login login = store.read();
            Credentials.Token token = Credentials.resolve(ctx(), store, login);
            URI portal = portal(login);
            JsonNode me = new Api(ctx().http(), portal, token.value()).get("api/v1/me");
            if (json()) {
                printJson(me);
                return ExitCodes.OK;
            }
            var out = ctx().out();
            out.println(text(me, "name") + (text(me, "email").isEmpty() ? "" : " <" + text(me, "email") + ">"));
            out.println("roles:        " + String.join(", ", strings(me.path("roles"))));
            JsonNode organisation = me.get("organisation");
            out.println("organisation: "
                    + (organisation == null || organisation.isNull() ? "-" : text(organisation, "name")));
            out.println("portal:       " + portal);
            out.println("token:        " + token.source()
                    + (token.expiresAt() != null ? ", until " + Times.show(token.expiresAt(), ctx().zone()) : ""));
            return ExitCodes.OK;
        }
    }

    static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
