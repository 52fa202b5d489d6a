package dev.demoportal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real thing, end to end: headless Chromium signs in through the in-process OIDC provider
 * (a real authorization code flow, real session cookies) against the running portal on a real
 * PostgreSQL database, and looks at what each person sees.
 *
 * <p>Needs {@code /usr/bin/chromium} (CI installs it); skipped with a message where it is absent.
 * Screenshots of each step land in {@code target/e2e/}.
 */
class EndToEndIT extends BrowserTestSupport {

    @Test
    void fieldEngineerSignsInThroughOidcAndSeesTheBoardByRegion() {
        try (BrowserContext context = newContext()) {
            Page page = signIn(context, "alice");

            assertThat(page).hasURL(Pattern.compile(".*:" + PORT + "/board(\\?.*)?$"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("North America")))
                    .isVisible();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("EMEA")))
                    .isVisible();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Japan / APAC")))
                    .isVisible();
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

            assertThat(page).hasURL(Pattern.compile(".*:" + PORT + "/sandboxes(\\?.*)?$"));
            page.navigate(base() + "account");
            assertThat(exactText(page, "Acme Corp")).isVisible();
            Locator nav = page.locator("vaadin-side-nav");
            assertThat(nav).containsText("My account");
            assertThat(nav).not().containsText("Environments");
            screenshot(page, "carol-account");

            page.navigate(base() + "admin/regions");
            assertThat(exactText(page, "This page is not available to you")).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New region")))
                    .hasCount(0);
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

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New environment"))
                    .click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Slug").fill("emea-demo-9");
            dialog.getByLabel("Name").fill("EMEA Demo 9");
            dialog.getByLabel("Region").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("EMEA (eu-west-1)"))
                    .click();
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create"))
                    .click();
            assertThat(exactText(page, "EMEA Demo 9")).isVisible();
            screenshot(page, "adam-created-environment");

            page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("User menu"))
                    .click();
            page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Sign out"))
                    .click();

            // Sign-out ends the portal session, then the IdP's (RP-initiated logout), which sends the
            // browser back to the portal; had the IdP session survived, the portal would sign adam
            // straight back in. Instead the IdP asks for credentials again.
            assertThat(page.getByLabel("Username")).isVisible();
            assertThat(page).hasURL(Pattern.compile("^http://localhost:\\d+/login$"));
            screenshot(page, "adam-signed-out");
        }
    }

    private static BrowserContext newContext() {
        return newContext("Europe/Berlin");
    }
}
