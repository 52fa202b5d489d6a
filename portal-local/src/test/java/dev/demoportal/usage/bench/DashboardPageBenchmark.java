package dev.demoportal.usage.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.PortalApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long a dashboard page takes to be fully drawn in headless Chromium on a generated database
 * (see {@code UsageDataGenerator} in portal-core): from the navigation until every chart of the
 * page carries {@code data-drawn="true"} (ECharts has rendered it; the tables arrive in the same
 * server response). Starts the portal itself in local mode on that database, signs maria in through
 * the local provider, opens each dashboard once to warm up, then {@code runs} times.
 *
 * <pre>benchmarks/usage-pages.sh [database=demoportal_usage_bench] [runs=5]</pre>
 */
public final class DashboardPageBenchmark {

    private static final List<String> PAGES =
            List.of("dashboards", "dashboards/holders", "dashboards/sandboxes", "dashboards/now", "audit");

    private DashboardPageBenchmark() {}

    public static void main(String[] args) throws Exception {
        String database = "demoportal_usage_bench";
        int runs = 5;
        for (String arg : args) {
            if (arg.startsWith("database=")) {
                database = arg.substring(9);
            } else if (arg.startsWith("runs=")) {
                runs = Integer.parseInt(arg.substring(5));
            }
        }
        String admin = env("DEMO_PORTAL_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + database;
        Path chromium = Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        int port = freePort();
        System.setProperty("server.port", String.valueOf(port));
        ConfigurableApplicationContext portal = SpringApplication.run(
                PortalApplication.class,
                "--spring.profiles.active=local",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + env("DEMO_PORTAL_TEST_DATABASE_USERNAME", "postgres"),
                "--spring.datasource.password=" + env("DEMO_PORTAL_TEST_DATABASE_PASSWORD", ""),
                // a generated database may predate a lower-numbered migration merged since
                "--spring.flyway.out-of-order=true",
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
                    "dashboard pages on %s, headless Chromium, %d runs after one warm-up each, %d cores%n",
                    database, runs, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-24s %10s %10s%n", "page", "median ms", "max ms");
            for (String path : PAGES) {
                drawn(page, base + path);
                List<Double> times = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    times.add(drawn(page, base + path));
                }
                Collections.sort(times);
                System.out.printf("%-24s %10.0f %10.0f%n", path, times.get(times.size() / 2), times.getLast());
            }
        } finally {
            portal.close();
        }
    }

    /** Milliseconds from navigating to {@code url} until every chart on it is drawn (or, without charts, the grid shows rows). */
    private static double drawn(Page page, String url) {
        page.navigate("about:blank");
        long start = System.nanoTime();
        page.navigate(url);
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
        return (System.nanoTime() - start) / 1e6;
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
