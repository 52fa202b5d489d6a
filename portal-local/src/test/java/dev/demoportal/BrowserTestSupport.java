package dev.demoportal;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.testing.PortalDatabaseTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The running portal in local mode (the in-process OIDC provider, demo environments, a fresh
 * PostgreSQL database) driven by headless Chromium through Playwright. Nothing is downloaded: the
 * system browser is used, and the tests are skipped with a message where it is absent (CI installs
 * it). Screenshots land in {@code target/e2e/}.
 *
 * <p>Every wait (actions, assertions, navigation) defaults to a limit from {@link Waits}, sized for a
 * loaded two-core machine; Playwright's own defaults (5 s for an assertion) are too short there. A
 * test waiting for a push or a worker job passes {@link Waits#PUSH} or {@link Waits#WORKER_JOB}.
 */
@SpringBootTest(classes = PortalApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestPropertySource(
        properties = {
            "portal.local.enabled=true",
            "portal.local.idp-port=0",
            "portal.local.demo-data=true",
            // tests run Vaadin in development mode; its tool overlay would sit over the page
            "vaadin.devmode.devTools.enabled=false"
        })
@PortalDatabaseTest
public abstract class BrowserTestSupport {

    private static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Path SHOTS = Paths.get("target", "e2e");

    // The provider registers the portal's exact post-logout address, so the port is fixed up front.
    protected static final int PORT = freePort();

    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void launchBrowser() throws IOException {
        // read when the Spring context starts, which is after this method
        System.setProperty("server.port", String.valueOf(PORT));
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "Chromium not found at " + CHROMIUM + "; install it (apt-get install chromium) to run browser tests");
        Files.createDirectories(SHOTS);
        PlaywrightAssertions.setDefaultAssertionTimeout(Waits.millis(Waits.ROUND_TRIP));
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run",
                                "--disable-quic")));
    }

    @AfterAll
    static void closeBrowser() {
        System.clearProperty("server.port");
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    /** A fresh browser profile (its own cookies) in the given time zone. */
    protected static BrowserContext newContext(String timeZone) {
        BrowserContext context = browser.newContext(
                new Browser.NewContextOptions().setViewportSize(1440, 900).setTimezoneId(timeZone));
        context.setDefaultTimeout(Waits.millis(Waits.ROUND_TRIP));
        context.setDefaultNavigationTimeout(Waits.millis(Waits.PAGE_LOAD));
        return context;
    }

    /** A real authorization code flow: portal → provider's sign-in form → back to the portal. */
    protected static Page signIn(BrowserContext context, String username) {
        Page page = context.newPage();
        page.navigate(base());
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill("demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        try {
            page.waitForURL(url -> url.startsWith(base()) && !url.contains("/login"));
            page.locator("vaadin-app-layout").waitFor();
        } catch (RuntimeException e) {
            screenshot(page, "failed-sign-in-" + username);
            throw new AssertionError(
                    "Sign-in as " + username + " did not reach the portal; at " + page.url()
                            + "; see target/e2e/failed-sign-in-" + username + ".png",
                    e);
        }
        return page;
    }

    protected static Locator exactText(Page page, String text) {
        return page.getByText(text, new Page.GetByTextOptions().setExact(true)).first();
    }

    protected static String base() {
        return "http://localhost:" + PORT + "/";
    }

    protected static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
