package dev.demoportal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.testing.PortalDatabaseTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The real thing, end to end: headless Chromium signs in through the in-process OIDC provider
 * (a real authorization code flow, real session cookies) against the running portal on a real
 * PostgreSQL database, and looks at what each person sees.
 *
 * <p>Needs {@code /usr/bin/chromium} (CI installs it); skipped with a message where it is absent.
 * Screenshots of each step land in {@code target/e2e/}.
 */
@SpringBootTest(classes = PortalApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestPropertySource(properties = {
        "portal.local.enabled=true",
        "portal.local.idp-port=0",
        "portal.local.demo-data=true",
        "spring.security.oauth2.resourceserver.jwt.audiences=portal,portal-cli",
        // tests run Vaadin in development mode; its tool overlay would sit over the page
        "vaadin.devmode.devTools.enabled=false"})
@PortalDatabaseTest
class EndToEndIT {

    private static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Path SHOTS = Paths.get("target", "e2e");

    // The provider registers the portal's exact post-logout address, so the port is fixed up front.
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
    void fieldEngineerSignsInThroughOidcAndSeesTheBoardByRegion() {
        try (BrowserContext context = newContext()) {
            Page page = signIn(context, "alice");

            assertThat(page).hasURL(Pattern.compile(".*:" + PORT + "/board(\\?.*)?$"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("North America"))).isVisible();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("EMEA"))).isVisible();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Japan / APAC"))).isVisible();
            for (String env : List.of("NA Demo 1", "NA Demo 2", "EMEA Demo 1", "EMEA Demo 2", "APJ Demo 1")) {
                assertThat(exactText(page, env)).isVisible();
            }
            assertThat(exactText(page, "LOCAL MODE")).isVisible();
            assertThat(exactText(page, "Alice Field")).isVisible();
            Locator nav = page.locator("vaadin-side-nav");
            assertThat(nav).containsText("Environments");
            assertThat(nav).not().containsText("Regions");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New environment")))
                    .hasCount(0);
            screenshot(page, "alice-board");
        }
    }

    @Test
    void customerIsRefusedInternalAndAdminViewsEvenByDirectUrl() {
        try (BrowserContext context = newContext()) {
            Page page = signIn(context, "carol");

            assertThat(page).hasURL(Pattern.compile(".*:" + PORT + "/account(\\?.*)?$"));
            assertThat(exactText(page, "Acme Corp")).isVisible();
            Locator nav = page.locator("vaadin-side-nav");
            assertThat(nav).containsText("My account");
            assertThat(nav).not().containsText("Environments");
            screenshot(page, "carol-account");

            page.navigate(base() + "admin/regions");
            assertThat(exactText(page, "This page is not available to you")).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New region"))).hasCount(0);
            assertThat(page.locator("body")).not().containsText("AWS region");
            screenshot(page, "carol-admin-regions-refused");

            page.navigate(base() + "environments");
            assertThat(exactText(page, "This page is not available to you")).isVisible();
            assertThat(page.locator("body")).not().containsText("NA Demo 1");
        }
    }

    @Test
    void adminCreatesAnEnvironmentAndSignOutEndsTheIdentityProviderSessionToo() {
        try (BrowserContext context = newContext()) {
            Page page = signIn(context, "adam");
            assertThat(page.locator("vaadin-side-nav")).containsText("Regions");
            page.navigate(base() + "environments");
            screenshot(page, "adam-environments");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New environment")).click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Slug").fill("emea-demo-9");
            dialog.getByLabel("Name").fill("EMEA Demo 9");
            dialog.getByLabel("Region").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("EMEA (eu-west-1)")).click();
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
            assertThat(exactText(page, "EMEA Demo 9")).isVisible();
            screenshot(page, "adam-created-environment");

            page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("User menu")).click();
            page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Sign out")).click();

            // Sign-out ends the portal session, then the IdP's (RP-initiated logout), which sends the
            // browser back to the portal; had the IdP session survived, the portal would sign adam
            // straight back in. Instead the IdP asks for credentials again.
            assertThat(page.getByLabel("Username")).isVisible();
            assertThat(page).hasURL(Pattern.compile("^http://localhost:\\d+/login$"));
            screenshot(page, "adam-signed-out");
        }
    }

    private BrowserContext newContext() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)
                .setTimezoneId("Europe/Berlin"));
    }

    /** A real authorization code flow: portal → provider's sign-in form → back to the portal. */
    private Page signIn(BrowserContext context, String username) {
        Page page = context.newPage();
        page.navigate(base());
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill("demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        try {
            page.waitForURL(url -> url.startsWith(base()) && !url.contains("/login"));
            page.locator("vaadin-app-layout").waitFor();
        } catch (RuntimeException e) {
            screenshot(page, "failed-sign-in-" + username);
            throw new AssertionError("Sign-in as " + username + " did not reach the portal; at " + page.url()
                    + "; see target/e2e/failed-sign-in-" + username + ".png", e);
        }
        return page;
    }

    private static Locator exactText(Page page, String text) {
        return page.getByText(text, new Page.GetByTextOptions().setExact(true)).first();
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
