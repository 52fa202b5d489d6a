package dev.demoportal.sandbox.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.BrowserTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Revealing a sandbox's secrets in headless Chromium, with the worker embedded: carol's seeded CI/CD
 * trial becomes ready (simulated), she reveals its admin password, the page's live update (the
 * reveal is itself audited and announced) arrives and the password stays, the copy button puts it on
 * the clipboard, and it goes only when she hides it.
 */
@TestPropertySource(
        properties = {"portal.worker.embedded=true", "db-scheduler.enabled=true", "db-scheduler.polling-interval=1s"})
class SandboxSecretsBrowserIT extends BrowserTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRevealedPasswordStaysThroughLiveUpdatesAndIsCopiedUntilHidden() {
        try (BrowserContext context = newContext("Europe/Berlin")) {
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            Page carol = signIn(context, "carol");
            carol.navigate(base() + "sandboxes");
            carol.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("CI/CD trial"))
                    .first()
                    .click();
            assertThat(carol).hasURL(java.util.regex.Pattern.compile(".*/sandboxes/[0-9a-f-]{36}$"));
            assertThat(carol.locator("[data-status]").first())
                    .hasAttribute(
                            "data-status", "READY", new LocatorAssertions.HasAttributeOptions().setTimeout(90_000));
            String url = carol.url();
            String id = url.substring(url.lastIndexOf('/') + 1);

            carol.locator("#reveal-secrets").click();
            Locator secret = carol.locator(".dp-secret");
            assertThat(secret).hasCount(1);
            String password = secret.textContent();
            assertThat(password).isNotBlank();
            // the live update the reveal itself announced has redrawn the page: the timeline lists it
            assertThat(carol.locator("#timeline"))
                    .containsText("Secrets revealed", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            assertThat(secret).hasText(password);
            screenshot(carol, "sandbox-secret-revealed");

            carol.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy adminPassword"))
                    .click();
            assertThat(carol.getByText("Copied adminPassword to the clipboard")).isVisible();
            assertThat(carol.evaluate("() => navigator.clipboard.readText()")).isEqualTo(password);

            carol.locator("#hide-secrets").click();
            assertThat(carol.locator(".dp-secret")).hasCount(0);
            assertThat(jdbc.queryForObject(
                            "select count(*) from audit_event where target_id = ? "
                                    + "and action = 'sandbox.secrets_revealed'",
                            Integer.class,
                            id))
                    .as("reveals of %s (%s)", id, url)
                    .isEqualTo(1);
        }
    }
}
