package dev.demoportal.booking.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.PortalApplication;
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
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Two people on the board in two browsers: what one claims appears on the other's board without a
 * reload (server push, fed by PostgreSQL LISTEN/NOTIFY). Same set-up as {@code EndToEndIT}.
 * Screenshots land in {@code target/e2e/}.
 */
@SpringBootTest(classes = PortalApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestPropertySource(properties = {
        "portal.local.enabled=true",
        "portal.local.idp-port=0",
        "portal.local.demo-data=true",
        "spring.security.oauth2.resourceserver.jwt.audiences=portal,portal-cli",
        "vaadin.devmode.devTools.enabled=false"})
@PortalDatabaseTest
class BoardLiveIT {

    private static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Path SHOTS = Paths.get("target", "e2e");
    private static final int PORT = freePort();

    static {
        System.setProperty("server.port", String.valueOf(PORT));
    }

    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void launchBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Chromium not found at " + CHROMIUM + "; install it (apt-get install chromium) to run browser tests");
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    @AfterAll
    static void closeBrowser() {
        System.clearProperty("server.port");
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void whatAliceClaimsAppearsOnFranksBoardWithoutReload() {
        try (BrowserContext aliceContext = newContext("Europe/Berlin");
                BrowserContext frankContext = newContext("America/New_York")) {
            Page alice = signIn(aliceContext, "alice");
            Page frank = signIn(frankContext, "frank");
            Locator franksCard = frank.locator("#board-emea-demo-1");
            assertThat(franksCard).containsText("4 of 4 free");
            screenshot(frank, "frank-board-before");

            alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Claim slot 1 of EMEA Demo 1")).click();
            Locator dialog = alice.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Purpose").fill("Acme GitOps workshop");
            dialog.getByLabel("Customer").fill("Acme Corp");
            screenshot(alice, "alice-claim-dialog");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Claim").setExact(true)).click();
            assertThat(alice.locator("#board-emea-demo-1")).containsText("Alice Field");

            // no reload, no click: the change is pushed to frank's open page
            assertThat(franksCard).containsText("Alice Field", new LocatorAssertions.ContainsTextOptions().setTimeout(5000));
            assertThat(franksCard).containsText("Acme GitOps workshop · Acme Corp");
            assertThat(franksCard).containsText("3 of 4 free");
            screenshot(frank, "frank-board-live");
            screenshot(alice, "alice-board-after-claim");

            alice.navigate(base() + "environments/emea-demo-1");
            assertThat(alice.locator(".dp-tl-booking").first()).containsText("Alice Field");
            screenshot(alice, "alice-environment-timeline");
            alice.navigate(base() + "my-bookings");
            assertThat(alice.locator("vaadin-grid")).containsText("Acme GitOps workshop");
            screenshot(alice, "alice-my-bookings");
        }
    }

    private BrowserContext newContext(String timeZone) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900).setTimezoneId(timeZone));
    }

    private Page signIn(BrowserContext context, String username) {
        Page page = context.newPage();
        page.navigate(base());
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill("demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> url.startsWith(base()) && url.contains("/board"));
        page.locator(".dp-board").waitFor();
        return page;
    }

    private static String base() {
        return "http://localhost:" + PORT + "/";
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
