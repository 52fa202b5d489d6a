package dev.demoportal.usage.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.PortalApplication;
import dev.demoportal.booking.bench.PortalProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long a dashboard page takes to be fully drawn in headless Chromium on a generated database
 * (see {@code UsageDataGenerator} in portal-core): from the navigation until every chart of the
 * page carries {@code data-drawn="true"} (ECharts has rendered it; the tables arrive in the same
 * server response). Signs maria in through the local provider, opens each dashboard once to warm up,
 * then {@code runs} times; then, on the pages with a date range, sets the range to each of {@code
 * windows} days and times from the change until every chart is drawn again.
 *
 * <p>The portal runs in local mode on that database: by default started in this JVM from the class
 * path (Vaadin development mode, as the tests run it); with {@code production} the production-mode
 * local-mode jar ({@code portal-local/target/portal-local.jar} built with {@code -Pproduction}, or
 * {@code jar=}) as a separate process with a 1 GiB heap ({@link PortalProcess}), as a pod runs it.
 *
 * <pre>benchmarks/usage-pages.sh [production] [database=demoportal_usage_bench] [runs=5] [windows=90,365,730]</pre>
 */
public final class DashboardPageBenchmark {

    private static final List<String> PAGES =
            List.of("dashboards", "dashboards/holders", "dashboards/sandboxes", "dashboards/now", "audit");
    /** The pages with a date range (the filter bar's From and To). */
    private static final List<String> WINDOWED = List.of("dashboards", "dashboards/holders", "dashboards/sandboxes");

    private DashboardPageBenchmark() {}

    public static void main(String[] args) throws Exception {
        String database = "demoportal_usage_bench";
        int runs = 5;
        boolean production = false;
        Path jar = Path.of("portal-local/target/portal-local.jar");
        List<Integer> windows = List.of(90, 365, 730);
        for (String arg : args) {
            if (arg.startsWith("database=")) {
                database = arg.substring(9);
            } else if (arg.startsWith("runs=")) {
                runs = Integer.parseInt(arg.substring(5));
            } else if (arg.equals("production")) {
                production = true;
            } else if (arg.startsWith("jar=")) {
                jar = Path.of(arg.substring(4));
            } else if (arg.startsWith("windows=")) {
                windows = arg.length() == 8
                        ? List.of()
                        : Arrays.stream(arg.substring(8).split(","))
                                .map(Integer::parseInt)
                                .toList();
            }
        }
        String admin = env("DEMO_PORTAL_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + database;
        List<String> onDatabase = List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + env("DEMO_PORTAL_TEST_DATABASE_USERNAME", "postgres"),
                "--spring.datasource.password=" + env("DEMO_PORTAL_TEST_DATABASE_PASSWORD", ""),
                // a generated database may predate a lower-numbered migration merged since
                "--spring.flyway.out-of-order=true");
        if (production) {
            try (PortalProcess portal = PortalProcess.start(jar, "1g", onDatabase)) {
                measure(portal.portal().base().toString(), database, runs, windows, "production mode (" + jar + ")");
            }
            return;
        }
        int port = freePort();
        System.setProperty("server.port", String.valueOf(port));
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=local"));
        arguments.addAll(onDatabase);
        arguments.addAll(List.of(
                "--portal.local.idp-port=0",
                "--portal.worker.embedded=false",
                "--vaadin.devmode.devTools.enabled=false",
                "--logging.level.root=WARN"));
        ConfigurableApplicationContext portal =
                SpringApplication.run(PortalApplication.class, arguments.toArray(String[]::new));
        try {
            measure("http://localhost:" + port + "/", database, runs, windows, "development mode");
        } finally {
            portal.close();
        }
    }

    private static void measure(String base, String database, int runs, List<Integer> windows, String mode) {
        Path chromium = Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
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
            Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900))
                    .newPage();
            page.navigate(base);
            page.getByLabel("Username").fill("maria");
            page.getByLabel("Password").fill("demo");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                    .click();
            // the first page of a fresh portal can take a while on a busy machine (development mode)
            page.waitForURL(
                    u -> u.startsWith(base) && !u.contains("/login"), new Page.WaitForURLOptions().setTimeout(120_000));
            page.locator("vaadin-app-layout").waitFor(new Locator.WaitForOptions().setTimeout(120_000));

            System.out.printf(
                    "dashboard pages on %s, Vaadin %s, headless Chromium, %d runs after one warm-up each, %d cores, load average %s%n",
                    database, mode, runs, Runtime.getRuntime().availableProcessors(), loadAverage());
            System.out.printf("%-24s %10s %10s%n", "page", "median ms", "max ms");
            for (String path : PAGES) {
                drawn(page, base + path);
                List<Double> times = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    times.add(drawn(page, base + path));
                }
                print(path, times);
            }
            System.out.printf("load average %s%n", loadAverage());
            if (!windows.isEmpty()) {
                System.out.println("window: from changing the range's first day until every chart is drawn again");
                for (String path : WINDOWED) {
                    for (int days : windows) {
                        redrawn(page, base + path, days);
                        List<Double> times = new ArrayList<>();
                        for (int i = 0; i < runs; i++) {
                            times.add(redrawn(page, base + path, days));
                        }
                        print(path + " " + days + " d", times);
                    }
                }
                System.out.printf("load average %s%n", loadAverage());
            }
        }
    }

    private static void print(String what, List<Double> times) {
        Collections.sort(times);
        System.out.printf("%-24s %10.0f %10.0f%n", what, times.get(times.size() / 2), times.getLast());
    }

    /** Milliseconds from navigating to {@code url} until every chart on it is drawn (or, without charts, the grid shows rows). */
    private static double drawn(Page page, String url) {
        page.navigate("about:blank");
        long start = System.nanoTime();
        page.navigate(url);
        waitUntilDrawn(page);
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * Opens {@code url} (drawn for its default range), then sets the range's first day so that it
     * spans {@code days} days up to its last; milliseconds from that change until every chart is
     * drawn again.
     */
    private static double redrawn(Page page, String url, int days) {
        drawn(page, url);
        String last = (String) page.evaluate("() => document.querySelector('#filter-to').value");
        LocalDate to = last == null || last.isEmpty() ? LocalDate.now() : LocalDate.parse(last);
        String first = to.minusDays(days - 1L).toString();
        long start = System.nanoTime();
        // as a person picking a date: the picker's value changes in the browser and is sent to the server
        page.evaluate("""
                first => {
                  document.querySelectorAll('.dp-chart').forEach(c => c.removeAttribute('data-drawn'));
                  const picker = document.querySelector('#filter-from');
                  picker.value = first;
                  picker.dispatchEvent(new CustomEvent('change', {bubbles: true}));
                }""", first);
        waitUntilDrawn(page);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void waitUntilDrawn(Page page) {
        page.waitForFunction(
                """
                () => {
                  const charts = document.querySelectorAll('.dp-chart');
                  if (charts.length > 0) {
                    return [...charts].every(c => c.getAttribute('data-drawn') === 'true');
                  }
                  const grid = document.querySelector('#audit-grid');
                  return grid && grid.size > 0 && !grid.loading;
                }""", null, new Page.WaitForFunctionOptions().setTimeout(60_000).setPollingInterval(10));
    }

    private static String loadAverage() {
        return PortalProcess.loadAverage();
    }
    /** The environment variable, unless a system property of that name overrides it (the smoke test's server). */
    private static String env(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
