package dev.demoportal.booking.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The heap curve of simulated use (issue 19): for a given time a churning population of open boards,
 * each open for a random one to five minutes and then gone without a goodbye (heartbeats stopped,
 * the push connection dropped, as a closed tab or a sleeping laptop), a new one opening in its place
 * in the same signed-in session; meanwhile bookings flow through the REST API (claims, bookings
 * ahead, releases, cancellations) every few seconds, so every open board is redrawn. At every sample
 * it prints the portal's heap after a full GC, the live UIs, boards and sessions (from the class
 * histogram), the open boards and the portal's CPU since the last sample; at the end the curve as
 * CSV and its slope.
 *
 * <p>The boards are {@link BoardClient}s against the production-mode jar started as a separate
 * process ({@link PortalProcess}), as in {@link SessionsDriverBenchmark}. Run it with {@code
 * benchmarks/sessions.sh soak [minutes] [boards] [boards-per-session]}; see docs/benchmarks.md,
 * "Sessions per pod".
 */
public final class SessionsSoakBenchmark {

    private static final Duration STEP = Duration.ofSeconds(120);
    private static final String UI = "com.vaadin.flow.component.UI";
    private static final String BOARD = "dev.demoportal.booking.ui.BoardView";
    private static final String VAADIN_SESSION = "com.vaadin.flow.spring.SpringVaadinSession";
    private static final String PLAIN_VAADIN_SESSION = "com.vaadin.flow.server.VaadinSession";
    private static final String HTTP_SESSION = "org.apache.catalina.session.StandardSession";

    /**
     * @param duration how long the boards churn, from when the first ones are all open
     * @param boards the open boards at any time
     * @param boardsPerSession boards (tabs) per signed-in session
     * @param shortestLife how long a board stays open at least (each draws its life at random)
     * @param longestLife … and at most
     * @param sampleEvery how often to take the heap
     * @param bookingEvery how often one booking call goes to the REST API
     * @param goneWait after the churn, every board vanishes; the last sample this long after
     */
    public record Options(
            Duration duration,
            int boards,
            int boardsPerSession,
            Duration shortestLife,
            Duration longestLife,
            Duration sampleEvery,
            Duration bookingEvery,
            Duration goneWait) {}

    /** One point of the curve. */
    record Sample(
            double minutes,
            long heap,
            long uis,
            long boardViews,
            long vaadinSessions,
            long httpSessions,
            int open,
            long closed,
            double cpuMillisPerSecond,
            String load) {

        String csv() {
            return "%.1f,%.1f,%d,%d,%d,%d,%d,%d,%.1f,%s"
                    .formatted(
                            minutes,
                            heap / 1048576.0,
                            uis,
                            boardViews,
                            vaadinSessions,
                            httpSessions,
                            open,
                            closed,
                            cpuMillisPerSecond,
                            load.split(" ")[0]);
        }
    }

    private record Tab(BoardClient board, int session, long closesAt) {}

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int boards = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int perSession = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        // seconds a board stays open, shortest-longest; how often to sample (seconds)
        String[] life = System.getProperty("soak.life", "60-300").split("-");
        Options options = new Options(
                Duration.ofMinutes(minutes),
                boards,
                perSession,
                Duration.ofSeconds(Long.parseLong(life[0])),
                Duration.ofSeconds(Long.parseLong(life[1])),
                Duration.ofSeconds(Long.getLong("soak.sample", 30)),
                Duration.ofSeconds(5),
                Duration.ofSeconds(Long.getLong("soak.gone", 150)));
        Path jar = Path.of(System.getProperty("sessions.jar", "portal-local/target/portal-local.jar"));
        try (PortalProcess portal = PortalProcess.start(jar, System.getProperty("sessions.heap", "1g"), List.of())) {
            System.out.printf(
                    "Portal: %s (pid %d, log %s)%n", jar, portal.portal().pid(), portal.log());
            run(portal.portal(), options, System.out);
        }
    }

    public static void run(SessionsDriverBenchmark.Portal portal, Options options, PrintStream out) throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(4);
        HttpClient http = BoardClient.sharedClient(io);
        ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(2);
        List<Tab> tabs = new ArrayList<>();
        List<Sample> curve = new ArrayList<>();
        try {
            BookingApi api = new BookingApi(http, portal);
            Bookings bookings = new Bookings(api, api.environments());
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < Math.ceilDiv(options.boards(), options.boardsPerSession()); i++) {
                sessions.add(BoardClient.signIn(portal.base()));
            }
            long started = System.nanoTime();
            Sampler sampler = new Sampler(portal.pid(), started);
            Sample baseline = sampler.sample(0, 0);
            for (int i = 0; i < options.boards(); i++) {
                tabs.add(open(http, portal, sessions, i / options.boardsPerSession(), heartbeats, options));
            }
            BoardClient first = tabs.getFirst().board();
            out.printf(
                    "Sessions soak (protocol driver): portal pid %d, Vaadin %s mode, %s, heartbeat every %d s, %d boards open at any time in %d sessions, each open %d–%d s, a booking call every %d s, %d min; before any board %.1f MiB after GC%n",
                    portal.pid(),
                    first.productionMode() ? "production" : "development",
                    PortalProcess.heapCapacity(portal.pid()),
                    first.heartbeatSeconds(),
                    options.boards(),
                    sessions.size(),
                    options.shortestLife().toSeconds(),
                    options.longestLife().toSeconds(),
                    options.bookingEvery().toSeconds(),
                    options.duration().toMinutes(),
                    baseline.heap() / 1048576.0);
            out.println(
                    "min | heap after GC MiB | UIs | board views | Vaadin sessions | HTTP sessions | open boards | closed so far | portal CPU ms/s | load avg");
            curve.add(baseline);
            print(out, baseline);

            long closed = 0;
            long heartbeatFailures = 0;
            int openFailures = 0;
            // the churn's time counts from when every board is open; the minutes printed from before the first
            long churning = System.nanoTime();
            long end = churning + options.duration().toNanos();
            long nextSample = churning + options.sampleEvery().toNanos();
            long nextBooking = churning;
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                for (int i = 0; i < tabs.size(); i++) {
                    Tab tab = tabs.get(i);
                    if (tab.closesAt() <= now) {
                        tab.board().vanish();
                        heartbeatFailures += tab.board().failures();
                        closed++;
                        try {
                            tabs.set(i, open(http, portal, sessions, tab.session(), heartbeats, options));
                        } catch (IOException e) {
                            // try again at the next pass
                            openFailures++;
                            tabs.set(i, new Tab(tab.board(), tab.session(), now));
                            heartbeatFailures -= tab.board().failures();
                            closed--;
                        }
                    }
                }
                if (now >= nextBooking) {
                    bookings.next();
                    nextBooking += options.bookingEvery().toNanos();
                }
                if (now >= nextSample) {
                    Sample sample = sampler.sample(tabs.size(), closed);
                    curve.add(sample);
                    print(out, sample);
                    // from the end of this sample: a slow one (a loaded machine) does not bunch the next ones
                    nextSample = System.nanoTime() + options.sampleEvery().toNanos();
                }
                Thread.sleep(200);
            }

            heartbeats.shutdownNow();
            tabs.forEach(tab -> tab.board().vanish());
            closed += tabs.size();
            heartbeatFailures +=
                    tabs.stream().mapToLong(tab -> tab.board().failures()).sum();
            tabs.clear();
            Thread.sleep(options.goneWait().toMillis());
            Sample gone = sampler.sample(0, closed);
            curve.add(gone);
            out.printf("Every board vanished, %d s later:%n", options.goneWait().toSeconds());
            print(out, gone);

            out.printf(
                    "Bookings through the API: %s; %d boards failed to open (tried again); %d failed heartbeats or push errors%n",
                    bookings, openFailures, heartbeatFailures);
            out.println("Curve (CSV):");
            out.println(
                    "minutes,heap_mib,uis,board_views,vaadin_sessions,http_sessions,open_boards,closed_so_far,cpu_ms_per_s,load1");
            curve.forEach(sample -> out.println(sample.csv()));
            // the samples with boards open: not the baseline before them, nor the one after they vanished
            List<Sample> withBoards = curve.subList(1, curve.size() - 1);
            out.printf(
                    "Slope of the heap after GC while churning: %+.1f MiB per 10 min over the whole run, %+.1f MiB per 10 min over its second half%n",
                    slope(withBoards), slope(withBoards.subList(withBoards.size() / 2, withBoards.size())));
        } finally {
            heartbeats.shutdownNow();
            tabs.forEach(tab -> tab.board().vanish());
            http.close();
            io.shutdownNow();
        }
    }

    private static Tab open(
            HttpClient http,
            SessionsDriverBenchmark.Portal portal,
            List<String> sessions,
            int session,
            ScheduledExecutorService heartbeats,
            Options options)
            throws IOException, InterruptedException {
        BoardClient board = BoardClient.openBoard(http, portal.base(), sessions.get(session), heartbeats, STEP);
        long life = ThreadLocalRandom.current()
                .nextLong(
                        options.shortestLife().toNanos(), options.longestLife().toNanos() + 1);
        return new Tab(board, session, System.nanoTime() + life);
    }

    private static void print(PrintStream out, Sample s) {
        out.printf(
                "%5.1f | %17.1f | %3d | %11d | %15d | %13d | %11d | %13d | %15.1f | %s%n",
                s.minutes(),
                s.heap() / 1048576.0,
                s.uis(),
                s.boardViews(),
                s.vaadinSessions(),
                s.httpSessions(),
                s.open(),
                s.closed(),
                s.cpuMillisPerSecond(),
                s.load());
    }

    /** Least-squares slope of the heap over time, MiB per 10 minutes; 0 with fewer than two points. */
    static double slope(List<Sample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanX = samples.stream().mapToDouble(Sample::minutes).average().orElse(0);
        double meanY = samples.stream()
                .mapToDouble(s -> s.heap() / 1048576.0)
                .average()
                .orElse(0);
        double covariance = 0;
        double variance = 0;
        for (Sample s : samples) {
            covariance += (s.minutes() - meanX) * (s.heap() / 1048576.0 - meanY);
            variance += (s.minutes() - meanX) * (s.minutes() - meanX);
        }
        return variance == 0 ? 0 : covariance / variance * 10;
    }

    /** Takes the portal's heap after GC, its live UIs and sessions, and its CPU since the last sample. */
    private static final class Sampler {
        private final long pid;
        private final long started;
        private long lastTicks;
        private long lastWall;

        Sampler(long pid, long started) throws IOException {
            this.pid = pid;
            this.started = started;
            this.lastTicks = PortalProcess.cpuTicks(pid);
            this.lastWall = System.nanoTime();
        }

        Sample sample(int open, long closed) throws IOException, InterruptedException {
            long ticks = PortalProcess.cpuTicks(pid);
            long wall = System.nanoTime();
            double cpu = (ticks - lastTicks) * 10.0 / Math.max(1e-9, (wall - lastWall) / 1e9);
            long heap = PortalProcess.heapAfterGc(pid);
            Map<String, Long> live = PortalProcess.liveInstances(
                    pid, List.of(UI, BOARD, VAADIN_SESSION, PLAIN_VAADIN_SESSION, HTTP_SESSION));
            lastTicks = PortalProcess.cpuTicks(pid);
            lastWall = System.nanoTime();
            return new Sample(
                    (wall - started) / 60e9,
                    heap,
                    live.get(UI),
                    live.get(BOARD),
                    live.get(VAADIN_SESSION) + live.get(PLAIN_VAADIN_SESSION),
                    live.get(HTTP_SESSION),
                    open,
                    closed,
                    cpu,
                    PortalProcess.loadAverage());
        }
    }

    /**
     * Bookings flowing through the REST API, one call per turn in a cycle: claim a slot now, book one
     * ahead, release the oldest claim, cancel the oldest booking ahead. Each changes the board, so
     * every open board is redrawn. A refusal (a full environment, one frank may not book) is counted,
     * not an error.
     */
    private static final class Bookings {
        private final BookingApi api;
        private final List<String> environments;
        private final Deque<String> claimed = new ArrayDeque<>();
        private final Deque<String> ahead = new ArrayDeque<>();
        private int turn;
        private int done;
        private int refused;
        private int failed;

        Bookings(BookingApi api, List<String> environments) {
            this.api = api;
            this.environments = environments;
        }

        void next() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String environment = environments.get(random.nextInt(environments.size()));
            String purpose = "soak " + turn;
            try {
                HttpResponse<String> answer = switch (turn++ % 4) {
                    case 0 ->
                        keep(
                                claimed,
                                api.claim(environment, Duration.ofMinutes(30 + 30L * random.nextInt(4)), purpose));
                    case 1 -> {
                        Instant start = Instant.now()
                                .truncatedTo(ChronoUnit.HOURS)
                                .plus(Duration.ofHours(2 + random.nextInt(72)));
                        yield keep(ahead, api.book(environment, start, start.plus(Duration.ofHours(1)), purpose));
                    }
                    case 2 -> claimed.isEmpty() ? null : api.release(claimed.removeFirst());
                    default -> ahead.isEmpty() ? null : api.cancel(ahead.removeFirst());
                };
                if (answer != null) {
                    if (answer.statusCode() / 100 == 2) {
                        done++;
                    } else {
                        refused++;
                    }
                }
            } catch (IOException e) {
                failed++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static HttpResponse<String> keep(Deque<String> held, HttpResponse<String> answer) {
            if (answer.statusCode() / 100 == 2) {
                held.addLast(BookingApi.id(answer));
            }
            return answer;
        }

        @Override
        public String toString() {
            return "%d done, %d refused (4xx: full or not allowed), %d failed".formatted(done, refused, failed);
        }
    }

    private SessionsSoakBenchmark() {}
}
