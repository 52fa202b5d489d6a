package dev.demoportal.booking.bench;

import dev.demoportal.DemoSignIn;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One open board without a browser: speaks Vaadin Flow's own protocol over {@code java.net.http}
 * as the Flow client does for a tab. It asks for the UI ({@code ?v-r=init}), navigates it to the
 * board (the {@code ui-navigate} event the client router sends), connects push (Atmosphere over a
 * WebSocket, the URL and parameters Flow's {@code AtmospherePushConnection} uses), and sends a
 * heartbeat when asked ({@code ?v-r=heartbeat}). It renders nothing: it watches the pushed UIDL
 * messages for a marker text and notes when one first contained it.
 */
final class BoardClient implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI base;
    private final String cookies;
    private final AtomicInteger failures = new AtomicInteger();
    private final StringBuilder frame = new StringBuilder();

    private int uiId;
    private String csrfToken = "";
    private String pushId = "";
    private int heartbeatSeconds;
    private boolean productionMode;
    private int clientId;
    private int syncId;
    private volatile WebSocket push;
    private volatile ScheduledFuture<?> heartbeats;
    private volatile boolean pushOpen;
    private volatile String marker;
    private volatile long seenAt;
    private volatile long pushedMessages;

    /**
     * @param http a client shared by every board (no cookie handler: each board sends its session's
     *     cookies itself)
     * @param base the portal's root, ending in {@code /}
     * @param cookies the signed-in session's {@code Cookie} header value
     */
    BoardClient(HttpClient http, URI base, String cookies) {
        this.http = http;
        this.base = base;
        this.cookies = cookies;
    }

    /**
     * The HTTP client the boards of a benchmark share: no cookie handler (each board sends its
     * session's cookies itself) and no redirects followed (a redirect to sign-in is a failure).
     */
    static HttpClient sharedClient(ExecutorService io) {
        return HttpClient.newBuilder()
                .executor(io)
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Signs {@code frank} in as a browser would; returns the portal session's {@code Cookie} header. */
    static String signIn(URI base) {
        CookieManager jar = new CookieManager();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(jar)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        try (browser) {
            DemoSignIn.portalSession(browser, base, "frank");
            return jar.getCookieStore().get(base).stream()
                    .map(HttpCookie::toString)
                    .collect(Collectors.joining("; "));
        }
    }

    /**
     * Opens a board in the signed-in session {@code cookies} and keeps it alive with heartbeats at
     * the portal's interval on {@code scheduler}, the first at a random point of the first interval
     * (as tabs opened at different times); {@link #vanish()} stops them.
     */
    static BoardClient openBoard(
            HttpClient http, URI base, String cookies, ScheduledExecutorService scheduler, Duration timeout)
            throws IOException, InterruptedException {
        BoardClient board = new BoardClient(http, base, cookies);
        board.open("board", timeout);
        long every = board.heartbeatSeconds() * 1000L;
        board.heartbeats = scheduler.scheduleAtFixedRate(
                board::heartbeat, (long) (Math.random() * every), every, TimeUnit.MILLISECONDS);
        return board;
    }

    /** Opens the board at {@code route} (e.g. {@code board}) and connects push; returns when push is open. */
    void open(String route, Duration timeout) throws IOException, InterruptedException {
        // the page itself, as a browser loads it first (the bootstrap HTML; the session is already signed in)
        HttpResponse<String> page = get(base.resolve(route), timeout);
        check(page, "GET /" + route);

        // the UI: what Flow.ts asks for before the client engine starts
        String init = "?v-r=init&location=" + encode(route) + "&query=" + BrowserDetails.query();
        HttpResponse<String> answer = get(base.resolve(init), timeout);
        check(answer, "init");
        JsonNode appConfig = JSON.readTree(answer.body()).get("appConfig");
        uiId = appConfig.get("v-uiId").asInt();
        heartbeatSeconds = appConfig.path("heartbeatInterval").asInt(300);
        productionMode = appConfig.path("productionMode").asBoolean(false);
        JsonNode uidl = appConfig.get("uidl");
        readUidl(uidl);

        // push first, as the client engine connects it while it handles the init answer
        connectPush(timeout);

        // the client router's navigation to the route: an event on the UI's root node (node 1)
        String navigate = """
                {"csrfToken":%s,"rpc":[{"type":"event","node":%d,"event":"ui-navigate","data":\
                {"route":%s,"query":"","appShellTitle":"Demo Portal","historyState":{"idx":0},"trigger":""}}],\
                "syncId":%d,"clientId":%d}""".formatted(quote(csrfToken), 1, quote("/" + route), syncId, clientId);
        HttpResponse<String> navigated = postUidl(navigate, timeout);
        check(navigated, "ui-navigate");
        clientId++;
        readUidl(JSON.readTree(stripGuard(navigated.body())));
    }

    private void connectPush(Duration timeout) throws InterruptedException, IOException {
        String query = "v-r=push&v-uiId=" + uiId + "&v-pushId=" + encode(pushId)
                + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=4.0.1"
                + "&X-Atmosphere-Transport=websocket&X-Atmosphere-TrackMessageSize=true"
                + "&Content-Type=application/json;%20charset=UTF-8&X-atmo-protocol=true"
                + "&X-Vaadin-LastSeenServerSyncId=" + syncId;
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "VAADIN/push?" + query);
        try {
            push = http.newWebSocketBuilder()
                    .header("Cookie", cookies)
                    .connectTimeout(timeout)
                    .buildAsync(uri, this)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("push did not connect: " + e, e);
        }
        pushOpen = true;
    }

    /** Sends one heartbeat, as the client does every {@link #heartbeatSeconds()}; counts a failure. */
    CompletableFuture<Void> heartbeat() {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("?v-r=heartbeat&v-uiId=" + uiId))
                .header("Cookie", cookies)
                .header("Content-Type", "application/json; charset=UTF-8")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                failures.incrementAndGet();
            }
            return null;
        });
    }

    /** From now on, notes the first moment a pushed message contains {@code text}. */
    void watchFor(String text) {
        seenAt = 0;
        marker = text;
    }

    /** When a pushed message first contained the watched text ({@link System#currentTimeMillis()}), or 0. */
    long seenAt() {
        return seenAt;
    }

    int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    /** Whether the portal said it runs Vaadin in production mode (its init answer). */
    boolean productionMode() {
        return productionMode;
    }

    int failures() {
        return failures.get();
    }

    boolean pushOpen() {
        return pushOpen;
    }

    long pushedMessages() {
        return pushedMessages;
    }

    /**
     * Stops the heartbeats and drops the push connection without a goodbye, as a tab that vanishes
     * (closed, or its laptop asleep: no unload request).
     */
    void vanish() {
        ScheduledFuture<?> beating = heartbeats;
        if (beating != null) {
            beating.cancel(false);
        }
        WebSocket socket = push;
        if (socket != null) {
            socket.abort();
        }
        pushOpen = false;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String watched = marker;
        if (watched != null && seenAt == 0) {
            // a marker can straddle two fragments: look at the tail of the previous one as well
            frame.append(data);
            if (frame.indexOf(watched) >= 0) {
                seenAt = System.currentTimeMillis();
                marker = null;
            }
            if (frame.length() > 4 * watched.length()) {
                frame.delete(0, frame.length() - watched.length());
            }
        }
        if (last) {
            pushedMessages++;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        pushOpen = false;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        pushOpen = false;
        failures.incrementAndGet();
    }

    private void readUidl(JsonNode uidl) {
        if (uidl.has("Vaadin-Security-Key")) {
            csrfToken = uidl.get("Vaadin-Security-Key").asString();
        }
        if (uidl.has("Vaadin-Push-ID")) {
            pushId = uidl.get("Vaadin-Push-ID").asString();
        }
        if (uidl.has("syncId")) {
            syncId = uidl.get("syncId").asInt();
        }
        if (uidl.has("clientId")) {
            clientId = uidl.get("clientId").asInt();
        }
    }

    private HttpResponse<String> get(URI uri, Duration timeout) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Cookie", cookies)
                        .timeout(timeout)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postUidl(String body, Duration timeout) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(base.resolve("?v-r=uidl&v-uiId=" + uiId))
                        .header("Cookie", cookies)
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .timeout(timeout)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String stripGuard(String body) {
        return body.startsWith("for(;;);") ? body.substring("for(;;);".length()) : body;
    }

    private static void check(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(what + " answered " + response.statusCode());
        }
    }

    private static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The browser details Flow.ts sends with {@code ?v-r=init} (a plausible desktop browser). */
    private static final class BrowserDetails {
        /** With the current time and a window name of its own, as each tab has. */
        static String query() {
            return "&v-sh=720&v-sw=1280&v-wh=720&v-ww=1280&v-bh=720&v-bw=1280&v-curdate="
                    + System.currentTimeMillis()
                    + "&v-tzo=0&v-dstd=0&v-rtzo=0&v-dston=false&v-tzid=UTC&v-wn=v-" + Math.random()
                    + "&v-td=false&v-pr=1"
                    + "&v-np=Linux%20x86_64&v-cs=light&v-pv=VISIBLE&v-fs=NOT_FULLSCREEN&v-so=landscape-primary&v-soa=0"
                    + "&v-tn=lumo&v-ga=PROMPT&v-wla=SUPPORTED&v-ws=false";
        }
    }
}
