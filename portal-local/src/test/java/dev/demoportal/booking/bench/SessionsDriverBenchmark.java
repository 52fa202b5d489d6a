package dev.demoportal.booking.bench;

import dev.demoportal.DemoSignIn;
import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions per pod without browsers: a protocol-level load driver. It signs users in through local
 * mode's real OIDC sign-in (plain HTTP: redirects, the login form with its CSRF token), and opens
 * each board with Vaadin Flow's own bootstrap and push protocol ({@link BoardClient}): the UI's init
 * request, the navigation to the board, an Atmosphere WebSocket for push, and heartbeats at the
 * portal's interval. So hundreds of live boards fit on a small machine, where a headless Chromium
 * tab each ({@link SessionsBenchmark}) cannot get past a few dozen.
 *
 * <p>The portal is measured as what it is in production: by default a separate process, the
 * production-mode local-mode jar ({@code portal-local/target/portal-local.jar}, built as {@code
 * ./portal local} does) with a 1 GiB heap, a fresh embedded database and free ports. At each size of
 * the curve it prints the heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info})
 * against the heap with one warm-up board, the portal's CPU per second while nobody does anything
 * (from {@code /proc/<pid>/stat}), and how long one booking made through the REST API takes to be
 * pushed to every open board (from sending the claim until the pushed UIDL message first contains
 * the booking's purpose, p50/p95/max over the boards). Then every board vanishes (the WebSockets
 * are dropped, heartbeats stop) and it prints what the heap returns to.
 *
 * <p>Run it with {@code benchmarks/sessions.sh driver [sizes] [boards-per-session]}; see
 * docs/benchmarks.md, "Sessions per pod". {@link #run} is also what the smoke test calls, against a
 * portal started in its own JVM.
 */
public final class SessionsDriverBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENVIRONMENT = "emea-demo-1";
    private static final Duration STEP = Duration.ofSeconds(120);

    /** A running portal: where it answers, where its sign-in provider answers, and its process. */
    public record Portal(URI base, URI provider, long pid) {}

    /**
     * @param sizes the open boards at each point of the curve
     * @param boardsPerSession boards (tabs) per signed-in session
     * @param idleSeconds how long to take the idle CPU over (60 by hand: one whole period of the
     *     board's one-minute tick, which redraws every open board)
     * @param goneWait how long to wait after every board vanished before the last heap figure
     */
    public record Options(List<Integer> sizes, int boardsPerSession, int idleSeconds, Duration goneWait) {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length > 0
                ? Arrays.stream(args[0].split(",")).map(Integer::parseInt).toList()
                : List.of(50, 100, 250, 500);
        int perSession = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Options options = new Options(sizes, perSession, 60, Duration.ofSeconds(150));
        String attach = System.getProperty("sessions.attach");
        if (attach != null) {
            // a portal already running: portal URL, provider URL, pid
            String[] parts = attach.split(",");
            run(new Portal(URI.create(parts[0]), URI.create(parts[1]), Long.parseLong(parts[2])), options, System.out);
            return;
        }
        Path jar = Path.of(System.getProperty("sessions.jar", "portal-local/target/portal-local.jar"));
        String heap = System.getProperty("sessions.heap", "1g");
        Path data = Files.createTempDirectory("sessions-driver-pg");
        Path log = Files.createTempFile("sessions-driver-portal", ".log");
        int port = freePort();
        int idpPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap,
                "-Xmx" + heap,
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--portal.local.idp-port=" + idpPort,
                "--portal.local.data-directory=" + data,
                "--portal.local.demo-history=false",
                "--portal.worker.embedded=false",
                "--logging.level.root=WARN"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            System.out.printf("Portal: %s (pid %d, log %s)%n", jar, process.pid(), log);
            URI base = URI.create("http://localhost:" + port + "/");
            URI provider = URI.create("http://localhost:" + idpPort + "/");
            waitUntilAnswering(base, process, Duration.ofMinutes(5));
            waitUntilAnswering(provider.resolve(".well-known/openid-configuration"), process, Duration.ofMinutes(1));
            run(new Portal(base, provider, process.pid()), options, System.out);
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            deleteQuietly(data);
        }
    }

    public static void run(Portal portal, Options options, PrintStream out) throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder()
                .executor(io)
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        List<BoardClient> boards = new ArrayList<>();
        try {
            String issuer = JSON.readTree(
                            DemoSignIn.get(http, portal.provider().resolve(".well-known/openid-configuration"))
                                    .body())
                    .get("issuer")
                    .asString();
            String token = new DemoSignIn(issuer).accessToken("frank");

            // warm-up: one board (kept open, not counted) and one booking; then the baseline heap
            String cookies = signIn(portal.base());
            BoardClient warm = openBoard(http, portal.base(), cookies, heartbeats);
            propagation(http, portal.base(), token, List.of(warm), "warm-up " + UUID.randomUUID());
            long baseline = heapAfterGc(portal.pid());
            histogram(portal.pid(), 0);
            out.printf(
                    "Sessions per pod (protocol driver): portal pid %d, Vaadin %s mode, %s, baseline heap after GC %.1f MiB, %d board(s) per session, heartbeat every %d s%n",
                    portal.pid(),
                    warm.productionMode() ? "production" : "development",
                    heapCapacity(portal.pid()),
                    baseline / 1048576.0,
                    options.boardsPerSession(),
                    warm.heartbeatSeconds());
            out.println(
                    "boards | sessions | heap after GC MiB | retained kB/board | idle CPU ms/s | propagation p50 / p95 / max ms | seen | load avg");

            int sessions = 0;
            int round = 0;
            for (int size : options.sizes()) {
                long opening = System.nanoTime();
                while (boards.size() < size) {
                    if (boards.size() % options.boardsPerSession() == 0) {
                        cookies = signIn(portal.base());
                        sessions++;
                    }
                    boards.add(openBoard(http, portal.base(), cookies, heartbeats));
                }
                double openSeconds = (System.nanoTime() - opening) / 1e9;
                // -Dsessions.settle=<seconds>: wait before the heap figure, for what a UI lets go of
                // only after a heartbeat (GoneTabSweeper drops the answer kept for a resend)
                Thread.sleep(Long.getLong("sessions.settle", 0) * 1000);
                long heap = heapAfterGc(portal.pid());
                histogram(portal.pid(), boards.size());
                double idleCpu = idleCpuMillisPerSecond(portal.pid(), options.idleSeconds());
                // a fresh token each round: on a loaded machine a run outlasts one (it expired at 500 boards)
                List<Long> millis = propagation(
                        http,
                        portal.base(),
                        new DemoSignIn(issuer).accessToken("frank"),
                        boards,
                        "sessions round " + round++ + " " + UUID.randomUUID());
                List<Long> seen = millis.stream().filter(m -> m >= 0).toList();
                out.printf(
                        "%6d | %8d | %17.1f | %17.0f | %13.1f | %s | %d/%d | %s   (opened in %.0f s; %d heartbeat failures, %d push connections closed)%n",
                        boards.size(),
                        sessions,
                        heap / 1048576.0,
                        (heap - baseline) / 1024.0 / boards.size(),
                        idleCpu,
                        seen.isEmpty()
                                ? "— / — / —"
                                : percentile(seen, 50) + " / " + percentile(seen, 95) + " / " + seen.getLast(),
                        seen.size(),
                        boards.size(),
                        loadAverage(),
                        openSeconds,
                        boards.stream().mapToInt(BoardClient::failures).sum() + warm.failures(),
                        boards.stream().filter(b -> !b.pushOpen()).count());
            }

            long beforeGone = heapAfterGc(portal.pid());
            heartbeats.shutdownNow();
            boards.forEach(BoardClient::vanish);
            warm.vanish();
            Thread.sleep(options.goneWait().toMillis());
            long after = heapAfterGc(portal.pid());
            out.printf(
                    "Every board vanished (push dropped, heartbeats stopped): heap after GC %.1f MiB before, %.1f MiB %d s later (baseline %.1f)%n",
                    beforeGone / 1048576.0,
                    after / 1048576.0,
                    options.goneWait().toSeconds(),
                    baseline / 1048576.0);
        } finally {
            heartbeats.shutdownNow();
            boards.forEach(BoardClient::vanish);
            http.close();
            io.shutdownNow();
        }
    }

    /** Signs {@code frank} in as a browser would; returns the portal session's {@code Cookie} header. */
    private static String signIn(URI base) {
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

    private static BoardClient openBoard(HttpClient http, URI base, String cookies, ScheduledExecutorService heartbeats)
            throws IOException, InterruptedException {
        BoardClient board = new BoardClient(http, base, cookies);
        board.open("board", STEP);
        long every = board.heartbeatSeconds() * 1000L;
        // the first heartbeat a random part of an interval from now, as tabs opened at different times
        heartbeats.scheduleAtFixedRate(board::heartbeat, (long) (Math.random() * every), every, TimeUnit.MILLISECONDS);
        return board;
    }

    /**
     * Books a slot through the REST API and returns for each board how long (ms, sorted) from
     * sending the claim until a pushed message contained its purpose; -1 for a board that did not
     * see it within two minutes. Releases the booking afterwards.
     */
    private static List<Long> propagation(
            HttpClient http, URI base, String token, List<BoardClient> boards, String purpose)
            throws IOException, InterruptedException {
        boards.forEach(board -> board.watchFor(purpose));
        long sent = System.currentTimeMillis();
        HttpResponse<String> claim = http.send(
                HttpRequest.newBuilder(base.resolve("api/v1/environments/" + ENVIRONMENT + "/claim"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .timeout(STEP)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"duration\":\"PT1H\",\"purpose\":" + JSON.writeValueAsString(purpose) + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (claim.statusCode() / 100 != 2) {
            throw new IOException("claim answered " + claim.statusCode() + ": " + claim.body());
        }
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline && boards.stream().anyMatch(b -> b.seenAt() == 0)) {
            Thread.sleep(20);
        }
        List<Long> millis = new ArrayList<>();
        for (BoardClient board : boards) {
            long at = board.seenAt();
            millis.add(at == 0 ? -1 : at - sent);
        }
        String id = JSON.readTree(claim.body()).get("id").asString();
        HttpResponse<String> release = http.send(
                HttpRequest.newBuilder(base.resolve("api/v1/bookings/" + id + "/release"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .timeout(STEP)
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (release.statusCode() / 100 != 2) {
            throw new IOException("release answered " + release.statusCode() + ": " + release.body());
        }
        // let the release's redraw reach every board before the next figure
        Thread.sleep(2000);
        millis.sort(Comparator.naturalOrder());
        return millis;
    }

    private static final Pattern HEAP_USED = Pattern.compile("total (?:reserved )?(\\d+)K.*? used (\\d+)K");

    /** The portal's heap in use after full GCs ({@code jcmd GC.run}, then {@code GC.heap_info}), bytes. */
    static long heapAfterGc(long pid) throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) {
            jcmd(pid, "GC.run");
        }
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IOException("no heap figure from jcmd GC.heap_info");
        }
        return Long.parseLong(used.group(2)) * 1024;
    }

    /**
     * With {@code -Dsessions.histograms=<folder>}, the portal's class histogram of live objects
     * ({@code jcmd GC.class_histogram}, a full GC first) written to {@code <folder>/boards-<n>.txt},
     * to compare two sizes class by class.
     */
    private static void histogram(long pid, int boards) throws IOException, InterruptedException {
        String folder = System.getProperty("sessions.histograms");
        if (folder != null) {
            Files.createDirectories(Path.of(folder));
            Files.writeString(Path.of(folder, "boards-" + boards + ".txt"), jcmd(pid, "GC.class_histogram"));
        }
    }

    private static String heapCapacity(long pid) throws IOException, InterruptedException {
        Matcher total = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        return total.find() ? "heap " + Long.parseLong(total.group(1)) / 1024 + " MiB" : "heap ?";
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(pid),
                        command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    /** CPU time of the portal process (user + system, from /proc) per wall-clock second, ms. */
    static double idleCpuMillisPerSecond(long pid, int seconds) throws IOException, InterruptedException {
        long ticks = cpuTicks(pid);
        long wall = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long used = cpuTicks(pid) - ticks;
        // Linux reports in clock ticks of 1/100 s (USER_HZ) on every architecture the JDK runs on
        return used * 10.0 / ((System.nanoTime() - wall) / 1e9);
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // fields after the command name (which may hold spaces) in parentheses: utime is the 14th field
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void waitUntilAnswering(URI uri, Process process, Duration limit)
            throws IOException, InterruptedException {
        HttpClient probe =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        try (probe) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException("the portal exited with " + process.exitValue());
                }
                try {
                    probe.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException(uri + " did not answer within " + limit);
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }

    private SessionsDriverBenchmark() {}
}
