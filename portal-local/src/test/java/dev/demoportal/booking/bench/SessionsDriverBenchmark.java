package dev.demoportal.booking.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
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
        try (PortalProcess portal = PortalProcess.start(jar, System.getProperty("sessions.heap", "1g"), List.of())) {
            System.out.printf(
                    "Portal: %s (pid %d, log %s)%n", jar, portal.portal().pid(), portal.log());
            run(portal.portal(), options, System.out);
        }
    }

    public static void run(Portal portal, Options options, PrintStream out) throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(4);
        HttpClient http = BoardClient.sharedClient(io);
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        List<BoardClient> boards = new ArrayList<>();
        try {
            BookingApi api = new BookingApi(http, portal);

            // warm-up: one board (kept open, not counted) and one booking; then the baseline heap
            String cookies = BoardClient.signIn(portal.base());
            BoardClient warm = BoardClient.openBoard(http, portal.base(), cookies, heartbeats, STEP);
            propagation(api, List.of(warm), "warm-up " + UUID.randomUUID());
            long baseline = PortalProcess.heapAfterGc(portal.pid());
            histogram(portal.pid(), 0);
            out.printf(
                    "Sessions per pod (protocol driver): portal pid %d, Vaadin %s mode, %s, baseline heap after GC %.1f MiB, %d board(s) per session, heartbeat every %d s%n",
                    portal.pid(),
                    warm.productionMode() ? "production" : "development",
                    PortalProcess.heapCapacity(portal.pid()),
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
                        cookies = BoardClient.signIn(portal.base());
                        sessions++;
                    }
                    boards.add(BoardClient.openBoard(http, portal.base(), cookies, heartbeats, STEP));
                }
                double openSeconds = (System.nanoTime() - opening) / 1e9;
                // -Dsessions.settle=<seconds>: wait before the heap figure, for what a UI lets go of
                // only after a heartbeat (GoneTabSweeper drops the answer kept for a resend)
                Thread.sleep(Long.getLong("sessions.settle", 0) * 1000);
                long heap = PortalProcess.heapAfterGc(portal.pid());
                histogram(portal.pid(), boards.size());
                double idleCpu = PortalProcess.cpuMillisPerSecond(portal.pid(), options.idleSeconds());
                // BookingApi signs in again when its token has expired (a loaded run outlasts one)
                List<Long> millis = propagation(api, boards, "sessions round " + round++ + " " + UUID.randomUUID());
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
                        PortalProcess.loadAverage(),
                        openSeconds,
                        boards.stream().mapToInt(BoardClient::failures).sum() + warm.failures(),
                        boards.stream().filter(b -> !b.pushOpen()).count());
            }

            long beforeGone = PortalProcess.heapAfterGc(portal.pid());
            heartbeats.shutdownNow();
            boards.forEach(BoardClient::vanish);
            warm.vanish();
            Thread.sleep(options.goneWait().toMillis());
            long after = PortalProcess.heapAfterGc(portal.pid());
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

    /**
     * Books a slot through the REST API and returns for each board how long (ms, sorted) from
     * sending the claim until a pushed message contained its purpose; -1 for a board that did not
     * see it within two minutes. Releases the booking afterwards.
     */
    private static List<Long> propagation(BookingApi api, List<BoardClient> boards, String purpose)
            throws IOException, InterruptedException {
        boards.forEach(board -> board.watchFor(purpose));
        long sent = System.currentTimeMillis();
        HttpResponse<String> claim = api.claim(ENVIRONMENT, Duration.ofHours(1), purpose);
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
        HttpResponse<String> release = api.release(BookingApi.id(claim));
        if (release.statusCode() / 100 != 2) {
            throw new IOException("release answered " + release.statusCode() + ": " + release.body());
        }
        // let the release's redraw reach every board before the next figure
        Thread.sleep(2000);
        millis.sort(Comparator.naturalOrder());
        return millis;
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
            Files.writeString(Path.of(folder, "boards-" + boards + ".txt"), PortalProcess.classHistogram(pid));
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private SessionsDriverBenchmark() {}
}
