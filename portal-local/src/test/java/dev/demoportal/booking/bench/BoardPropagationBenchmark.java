package dev.demoportal.booking.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.demoportal.PortalApplication;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
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
 * Board propagation: the time from a committed booking (made through {@link BookingService} in
 * the portal's JVM) to the change being visible in another browser that has the board open, with
 * no reload: NOTIFY on commit → the {@code BoardListener}'s LISTEN → coalesced refresh → server push
 * → DOM. Starts the portal itself in local mode on a fresh embedded PostgreSQL in a temporary
 * folder, signs frank in with headless Chromium, then has alice claim and release a slot N times.
 *
 * <p>Run it with {@code benchmarks/board-propagation.sh [runs]}; see docs/benchmarks.md, "Board propagation".
 */
public final class BoardPropagationBenchmark {

    /** The session principal the portal's services read the user id from. */
    private record SignedIn(UUID userId, String displayName) implements dev.demoportal.base.PortalPrincipal, Principal {
        @Override
        public String getName() {
            return displayName;
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path chromium = Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        Path data = Files.createTempDirectory("board-bench-pg");
        int port = freePort();
        System.setProperty("server.port", String.valueOf(port));
        ConfigurableApplicationContext portal = SpringApplication.run(
                PortalApplication.class,
                "--spring.profiles.active=local",
                "--portal.local.data-directory=" + data,
                "--portal.local.idp-port=0",
                "--portal.worker.embedded=false",
                "--vaadin.devmode.devTools.enabled=false",
                "--logging.level.root=WARN");
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
                                        "--no-first-run")))) {
            String base = "http://localhost:" + port + "/";
            BrowserContext context = browser.newContext();
            // a fresh portal's first pages can take minutes on a busy machine (development mode)
            context.setDefaultTimeout(120_000);
            context.setDefaultNavigationTimeout(120_000);
            Page frank = context.newPage();
            frank.navigate(base);
            frank.getByLabel("Username").fill("frank");
            frank.getByLabel("Password").fill("demo");
            frank.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                    .click();
            frank.waitForURL(url -> url.contains("/board"));
            frank.locator(".dp-board").waitFor();

            signInAsAlice(portal);
            BookingService bookings = portal.getBean(BookingService.class);
            List<String> environments = List.of("na-demo-1", "emea-demo-1", "apj-demo-1", "na-demo-2", "emea-demo-2");
            // warm-up: first render, JIT, connection pool
            measure(frank, bookings, "emea-demo-2", "warm-up");

            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String env = environments.get(i % environments.size());
                millis.add(measure(frank, bookings, env, "bench run " + i));
            }
            millis.sort(Comparator.naturalOrder());
            System.out.printf(
                    "Board propagation over %d bookings: p50 %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms%n",
                    runs, percentile(millis, 50), percentile(millis, 95), millis.getFirst(), millis.getLast());
        } finally {
            SecurityContextHolder.clearContext();
            portal.close();
            deleteQuietly(data);
        }
    }

    /** Books, then waits until frank's open board shows it; releases and waits until it is gone. */
    private static double measure(Page frank, BookingService bookings, String environment, String purpose) {
        // the browser notes the moment the text lands in its DOM (a MutationObserver, same machine
        // clock), so Playwright's own polling interval does not count
        frank.evaluate("""
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
        BookingSummary booking = bookings.claim(environment, Duration.ofHours(1), purpose, null);
        long committed = System.currentTimeMillis();
        Locator shown = frank.locator("#board-" + environment)
                .getByText(purpose, new Locator.GetByTextOptions().setExact(true));
        shown.waitFor(new Locator.WaitForOptions().setTimeout(10_000));
        double elapsed = ((Number) frank.evaluate("window.__seen")).longValue() - committed;
        bookings.release(booking.id());
        shown.waitFor(new Locator.WaitForOptions()
                .setState(WaitForSelectorState.DETACHED)
                .setTimeout(10_000));
        return elapsed;
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

    private BoardPropagationBenchmark() {}
}
