package dev.demoportal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs demo users in at local mode's OIDC provider with plain HTTP, the way a browser (cookies,
 * redirects, the login form) or a command-line client (authorization code with PKCE on a loopback
 * redirect) would. Redirects are followed by hand so every hop can be checked.
 */
public final class DemoSignIn {

    public static final String PASSWORD = "demo";

    static final String CLI_CLIENT = "portal-cli";

    /** The CLI's loopback redirect; the provider accepts any port on 127.0.0.1 (RFC 8252). */
    static final String CLI_REDIRECT = "http://127.0.0.1:54321/callback";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI issuer;

    /** @param issuer the provider's issuer URL ({@code portal.local.idp-issuer}) */
    public DemoSignIn(String issuer) {
        this.issuer = URI.create(issuer);
    }

    /** A client like a browser: keeps cookies, follows no redirects by itself. */
    public static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** An access token for {@code username}, obtained as the public client {@code portal-cli}. */
    public String accessToken(String username) {
        return tokens(username).get("access_token").asString();
    }

    /** The provider's whole token response (access token, ID token, ...). */
    public JsonNode tokens(String username) {
        HttpClient http = browser();
        String verifier = randomToken();
        String state = randomToken();
        URI authorize = issuer.resolve("/oauth2/authorize?"
                + form(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        CLI_CLIENT,
                        "redirect_uri",
                        CLI_REDIRECT,
                        "scope",
                        "openid profile email",
                        "code_challenge",
                        challenge(verifier),
                        "code_challenge_method",
                        "S256",
                        "state",
                        state)));

        HttpResponse<String> toLogin = get(http, authorize);
        assertThat(toLogin.statusCode())
                .as("authorize without a session redirects to sign-in")
                .isEqualTo(302);
        URI login = location(toLogin);
        assertThat(login.getPath()).isEqualTo("/login");

        URI back = location(submitLogin(http, login, username));
        assertThat(back.getPath())
                .as("after sign-in, back to the authorization request")
                .isEqualTo("/oauth2/authorize");

        HttpResponse<String> toCallback = get(http, back);
        assertThat(toCallback.statusCode()).isEqualTo(302);
        URI callback = location(toCallback);
        assertThat(callback.toString()).startsWith(CLI_REDIRECT + "?");
        Map<String, String> query = query(callback);
        assertThat(query).containsEntry("state", state).containsKey("code");

        HttpResponse<String> token = post(
                http,
                issuer.resolve("/oauth2/token"),
                Map.of(
                        "grant_type", "authorization_code",
                        "client_id", CLI_CLIENT,
                        "code", query.get("code"),
                        "redirect_uri", CLI_REDIRECT,
                        "code_verifier", verifier));
        assertThat(token.statusCode()).as("token response: %s", token.body()).isEqualTo(200);
        return JSON.readTree(token.body());
    }

    /**
     * Signs {@code username} in to the portal at {@code portal} as a browser does (the portal's
     * authorization code flow through the provider); afterwards {@code browser} holds the portal's
     * session cookie.
     */
    public static void portalSession(HttpClient browser, URI portal, String username) {
        URI toProvider = location(get(browser, portal.resolve("/oauth2/authorization/portal")));
        URI login = location(get(browser, toProvider));
        URI back = location(submitLogin(browser, login, username));
        URI callback = location(get(browser, back));
        HttpResponse<String> signedIn = get(browser, callback);
        assertThat(signedIn.statusCode())
                .as("signed in to the portal: %s", signedIn.body())
                .isEqualTo(302);
        assertThat(location(signedIn).getPath()).doesNotContain("signin-problem");
    }

    /**
     * Reads the provider's login page at {@code loginPage} (for its CSRF token) and posts the
     * demo user's credentials; returns the provider's answer, a redirect to where sign-in began.
     */
    public static HttpResponse<String> submitLogin(HttpClient http, URI loginPage, String username) {
        HttpResponse<String> page = get(http, loginPage);
        assertThat(page.statusCode()).as("login page").isEqualTo(200);
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("login form has a CSRF token").isTrue();
        HttpResponse<String> submitted =
                post(http, loginPage, Map.of("username", username, "password", PASSWORD, "_csrf", csrf.group(1)));
        assertThat(submitted.statusCode()).as("login accepted").isEqualTo(302);
        assertThat(location(submitted).getQuery())
                .as("not sent back with ?error")
                .doesNotContain("error");
        return submitted;
    }

    public static HttpResponse<String> get(HttpClient http, URI uri) {
        return send(
                http,
                HttpRequest.newBuilder(uri)
                        .header("Accept", "text/html,application/xhtml+xml")
                        .GET());
    }

    public static HttpResponse<String> post(HttpClient http, URI uri, Map<String, String> fields) {
        return send(
                http,
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    public static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The redirect target of a response, resolved against the request. */
    public static URI location(HttpResponse<?> response) {
        String location = response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
        return response.uri().resolve(location);
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return values;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(decode(key), decode(value));
        }
        return values;
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
