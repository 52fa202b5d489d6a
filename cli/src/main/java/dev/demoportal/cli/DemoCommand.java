package dev.demoportal.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** What every command shares: the context, {@code --json} and {@code --portal}, and a signed-in API client. */
abstract class DemoCommand implements Callable<Integer> {

    @Spec
    @Nullable
    CommandSpec spec;

    @Override
    public final Integer call() {
        return execute();
    }

    abstract int execute();

    final Demo demo() {
        if (spec == null) {
            throw new IllegalStateException("not run by picocli");
        }
        return (Demo) spec.root().userObject();
    }

    final CliContext ctx() {
        return demo().ctx;
    }

    final boolean json() {
        return demo().json;
    }

    final LoginStore store() {
        return new LoginStore(ctx().configDir());
    }

    /** {@code --portal}, else {@code DEMO_PORTAL_URL}, else the portal of the cached sign-in. */
    final URI portal(LoginStore.@Nullable Login login) {
        String url = demo().portal;
        if (url == null || url.isBlank()) {
            url = ctx().env().get("DEMO_PORTAL_URL");
        }
        if ((url == null || url.isBlank()) && login != null) {
            url = login.portal();
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "which portal? Give --portal https://portal.example.com, set DEMO_PORTAL_URL, or run `demo login --portal ...`");
        }
        return portalUri(url);
    }

    static URI portalUri(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http(s) URL");
        }
        return uri;
    }

    /** The API of the portal, with the token {@link Credentials} chooses. */
    final Api api() {
        LoginStore store = store();
        LoginStore.Login login = store.read();
        return new Api(
                ctx().http(),
                portal(login),
                Credentials.resolve(ctx(), store, login).value());
    }

    /** Prints the portal's answer as JSON (for {@code --json}). */
    final void printJson(JsonNode node) {
        ctx().out().println(Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }
}
