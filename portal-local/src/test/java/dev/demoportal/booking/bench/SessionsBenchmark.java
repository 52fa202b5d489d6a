package dev.demoportal.booking.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.PortalApplication;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.ui.BoardListener;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Sessions per pod: how much one open board costs the portal. Starts the portal in this JVM (local
 * mode, fresh embedded PostgreSQL in a temporary folder; run with {@code -Xmx1g}), opens boards in
 * headless Chromium (signed-in browser contexts, a few board tabs each, push connected) up to each
 * size of the curve, and at each size prints: the heap retained per open board after a full GC
 * (against the heap before the first board), the portal JVM's CPU per second while nobody does
 * anything, and how long one booking takes to show on every open board (p50/p95/max over the
 * boards, taken in each browser by a {@code MutationObserver}). Then it closes every tab and prints
 * how long until the portal stops following them and what the heap returns to.
 *
 * <p>Run it with {@code benchmarks/sessions.sh [sizes] [tabs-per-session]}; see docs/benchmarks.md,
 * "Sessions per pod". {@link #run} is also what the smoke test calls with tiny sizes.
 */
public final class SessionsBenchmark {

    /** The session principal the portal's services read the user id from. */
    private record SignedIn(UUID userId, String displayName) implements dev.demoportal.base.PortalPrincipal, Principal {
        @Override
        public String getName() {
            return displayName;
        }
    }

    /** What one run measures: the sizes of the curve, board tabs per signed-in browser context, idle seconds. */
    /**
     * @param freedWithin how long to wait, after the browser is gone, for its boards to be let go
     *     (a figure either way: how long it took, or how many still follow)
     */
    public record Options(
            List<Integer> sizes, int tabsPerSession, int idleSeconds, List<String> portalArgs, Duration freedWithin) {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length > 0
                ? Arrays.stream(args[0].split(",")).map(Integer::parseInt).toList()
                : List.of(50, 100, 250, 500);
        int tabs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        run(new Options(sizes, tabs, 10, List.of(), Duration.ofMinutes(5)), System.out);
    }

    public static void run(Options options, PrintStream out) throws Exception {
        Path chromium = Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        Path data = Files.createTempDirectory("sessions-bench-pg");
        int port = freePort();
        System.setProperty("server.port", String.valueOf(port));
        List<String> portalArgs = new ArrayList<>(List.of(
                "--spring.profiles.active=local",
                "--portal.local.data-directory=" + data,
                "--portal.local.idp-port=0",
                "--portal.worker.embedded=false",
                "--vaadin.devmode.devTools.enabled=false",
                "--logging.level.root=WARN"));
        portalArgs.addAll(options.portalArgs());
        ConfigurableApplicationContext portal =
                SpringApplication.run(PortalApplication.class, portalArgs.toArray(String[]::new));
        try (Playwright playwright = Playwright.create(
                        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(chromium)
                                .setHeadless(true)
                                .setArgs(List.of(
                                        "--no-sandbox",
                                        "--disable-gpu",
                                        "--disable-background-networking",
                                        "--disable-component-update",
                                        "--disable-sync",
                                        "--no-first-run",
                                        "--disable-quic",
                                        // every tab is a background tab here: keep their timers (heartbeats) and pushes
                                        // running
                                        "--disable-background-timer-throttling",
                                        "--disable-renderer-backgrounding",
                                        "--disable-backgrounding-occluded-windows")))) {
            String base = "http://localhost:" + port + "/";
            BoardListener boards = portal.getBean(BoardListener.class);
            // subscribers that are no board (SlackBoardBridge follows board changes for good): not counted
            int others = boards.subscriberCount();
            signInAsAlice(portal);
            BookingService bookings = portal.getBean(BookingService.class);

            // warm-up: one board (kept open, not counted) and one booking; then the baseline heap
            BrowserContext warm = signIn(browser, base);
            Page warmPage = warm.pages().getFirst();
            openBoard(warmPage, base);
            propagation(List.of(warmPage), bookings, "warm-up");
            long baseline = heapAfterGc();
            out.printf(
                    "Sessions per pod: max heap %d MiB, baseline heap after GC %.1f MiB, %d board tabs per session%n",
                    Runtime.getRuntime().maxMemory() >> 20, baseline / 1048576.0, options.tabsPerSession());
            out.println(
                    "boards | sessions | heap after GC MiB | retained kB/board | idle CPU ms/s | propagation p50 / p95 / max ms");

            List<BrowserContext> contexts = new ArrayList<>();
            List<Page> pages = new ArrayList<>();
            int round = 0;
            for (int size : options.sizes()) {
                while (pages.size() < size) {
                    BrowserContext context =
                            contexts.isEmpty() || contexts.getLast().pages().size() >= options.tabsPerSession()
                                    ? null
                                    : contexts.getLast();
                    Page page;
                    if (context == null) {
                        context = signIn(browser, base);
                        contexts.add(context);
                        page = context.pages().getFirst();
                    } else {
                        page = context.newPage();
                    }
                    openBoard(page, base);
                    pages.add(page);
                }
                int finalSize = size;
                waitUntil(() -> boards.subscriberCount() - others >= finalSize + 1, Duration.ofMinutes(2));
                long heap = heapAfterGc();
                double idleCpu = idleCpuMillisPerSecond(options.idleSeconds());
                List<Double> millis = propagation(pages, bookings, "bench round " + round++);
                out.printf(
                        "%6d | %8d | %17.1f | %17.0f | %13.1f | %.0f / %.0f / %.0f%n",
                        pages.size(),
                        contexts.size(),
                        heap / 1048576.0,
                        (heap - baseline) / 1024.0 / pages.size(),
                        idleCpu,
                        percentile(millis, 50),
                        percentile(millis, 95),
                        millis.getLast());
            }

            int open = boards.subscriberCount() - others;
            long beforeClose = heapAfterGc();
            long closedAt = System.nanoTime();
            // the browser goes away at once (no unload handlers run): the portal must notice by itself
            browser.close();
            boolean freed = waitUntil(() -> boards.subscriberCount() - others == 0, options.freedWithin());
            double seconds = (System.nanoTime() - closedAt) / 1e9;
            long after = heapAfterGc();
            out.printf(
                    "Closed all tabs (browser gone): %d boards following before; %s after %.0f s; heap after GC %.1f → %.1f MiB (baseline %.1f)%n",
                    open,
                    freed ? "none following" : boards.subscriberCount() - others + " still following",
                    seconds,
                    beforeClose / 1048576.0,
                    after / 1048576.0,
                    baseline / 1048576.0);
        } finally {
            SecurityContextHolder.clearContext();
            System.clearProperty("server.port");
            portal.close();
            deleteQuietly(data);
        }
    }

    private static BrowserContext signIn(Browser browser, String base) {
        BrowserContext context = browser.newContext();
        context.setDefaultTimeout(120_000);
        context.setDefaultNavigationTimeout(120_000);
        Page page = context.newPage();
        page.navigate(base);
        page.getByLabel("Username").fill("frank");
        page.getByLabel("Password").fill("demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(url -> url.contains("/board"));
        return context;
    }

    private static void openBoard(Page page, String base) {
        if (!page.url().endsWith("/board")) {
            page.navigate(base + "board");
        }
        page.locator(".dp-board .dp-env-card").first().waitFor();
    }

    /** Books a slot, and returns for each page how long until its board showed it (ms, sorted). */
    private static List<Double> propagation(List<Page> pages, BookingService bookings, String purpose) {
        String environment = "emea-demo-2";
        for (Page page : pages) {
            page.evaluate("""
                    ([id, text]) => {
                      window.__seen = null;
                      const observer = new MutationObserver(() => {
                        const card = document.getElementById(id);
                        if (card && card.textContent.includes(text)) {
                          window.__seen = Date.now();
                          observer.disconnect();
                        }
                      });
                      observer.observe(document.body, {childList: true, subtree: true, characterData: true});
                    }""", List.of("board-" + environment, purpose));
        }
        BookingSummary booking = bookings.claim(environment, Duration.ofHours(1), purpose, null);
        long committed = System.currentTimeMillis();
        List<Double> millis = new ArrayList<>();
        for (Page page : pages) {
            page.waitForFunction("() => typeof window.__seen === 'number'");
            millis.add((double) (((Number) page.evaluate("window.__seen")).longValue() - committed));
        }
        bookings.release(booking.id());
        millis.sort(Comparator.naturalOrder());
        return millis;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        var memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** CPU time of this JVM (the portal; the browsers are other processes) per wall-clock second. */
    private static double idleCpuMillisPerSecond(int seconds) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return (os.getProcessCpuTime() - cpu) / 1e6 / ((System.nanoTime() - wall) / 1e9);
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private static void signInAsAlice(ConfigurableApplicationContext portal) {
        String issuer = portal.getEnvironment().getRequiredProperty("portal.local.idp-issuer");
        UserAccount alice = portal.getBean(UserService.class)
                .signIn(new MappedIdentity(
                        issuer, "alice", "alice@demoportal.dev", "Alice Field", Set.of(Role.FIELD_ENGINEER), null));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new SignedIn(alice.id(), alice.displayName()),
                null,
                List.of(new SimpleGrantedAuthority(Role.FIELD_ENGINEER.authority()))));
        SecurityContextHolder.setContext(context);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static int freePort() throws IOException {
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

    private SessionsBenchmark() {}
}
