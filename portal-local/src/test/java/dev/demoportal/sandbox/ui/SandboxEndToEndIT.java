package dev.demoportal.sandbox.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.BrowserTestSupport;
import dev.demoportal.Waits;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole sandbox story in headless Chromium against the running portal in local mode, with the
 * worker embedded and its simulated driver: carol requests a sandbox beyond the auto-approval
 * limit, alice approves it in the queue, carol's open page follows provisioning live (server push)
 * until it is ready, and she extends it.
 */
@TestPropertySource(
        properties = {"portal.worker.embedded=true", "db-scheduler.enabled=true", "db-scheduler.polling-interval=1s"})
class SandboxEndToEndIT extends BrowserTestSupport {

    @Test
    void carolRequestsAliceApprovesCarolWatchesItBecomeReadyAndExtendsIt() {
        try (BrowserContext carolsBrowser = newContext("Europe/Berlin");
                BrowserContext alicesBrowser = newContext("America/New_York")) {
            Page carol = signIn(carolsBrowser, "carol");
            assertThat(carol).hasURL(Pattern.compile(".*/sandboxes(\\?.*)?$"));

            carol.navigate(base() + "sandboxes/request");
            carol.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Choose CI/CD trial"))
                    .click();
            // 96 hours is beyond the template's 72-hour default: a person has to approve it
            carol.getByLabel("Lifetime (hours)").fill("96");
            carol.getByLabel("What do you want to try?").fill("Port our release pipeline");
            carol.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                    .click();
            assertThat(carol).hasURL(Pattern.compile(".*/sandboxes/[0-9a-f-]{36}$"));
            Locator status = carol.locator("[data-status]").first();
            assertThat(status).hasAttribute("data-status", "REQUESTED");
            assertThat(carol).hasTitle(Pattern.compile("Sandbox acme-corp-[0-9a-f]{8}"));
            String name = carol.title().substring("Sandbox ".length());
            // times in the zone carol's browser reports, named on the page (never UTC for her)
            assertThat(carol.locator("#zone-note")).hasText("Times in your time zone (Berlin).");
            screenshot(carol, "sandbox-requested");

            Page alice = signIn(alicesBrowser, "alice");
            alice.navigate(base() + "approvals");
            assertThat(alice.locator("#zone-note")).hasText("Times in your time zone (New York).");
            alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve " + name))
                    .click();
            Locator dialog = alice.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Note (the requester sees it)").fill("Have fun");
            dialog.getByRole(
                            AriaRole.BUTTON,
                            new Locator.GetByRoleOptions().setName("Approve").setExact(true))
                    .click();
            assertThat(alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve " + name)))
                    .hasCount(0);
            screenshot(alice, "sandbox-approved");

            // carol's page was left open: the states arrive by server push, no reload
            assertThat(status)
                    .hasAttribute(
                            "data-status",
                            Pattern.compile("APPROVED|PROVISIONING|READY"),
                            new LocatorAssertions.HasAttributeOptions().setTimeout(Waits.millis(Waits.PUSH)));
            assertThat(carol.locator("[data-status]").first())
                    .hasAttribute(
                            "data-status",
                            "READY",
                            new LocatorAssertions.HasAttributeOptions().setTimeout(Waits.millis(Waits.PROVISIONING)));
            assertThat(carol.locator("#access-url")).isVisible();
            assertThat(carol.locator("#timeline")).containsText("Approved: Have fun");
            assertThat(carol.locator("#timeline")).containsText("Alice Field");
            assertThat(carol.locator("#jobs")).containsText("simulated");
            String expiryBefore = carol.locator("#expiry").textContent();
            screenshot(carol, "sandbox-ready");

            carol.getByLabel("Hours to extend by").fill("24");
            carol.locator("#extend").click();
            // the extension schedules a worker job (relabelling the resources); the page follows it
            assertThat(carol.locator("#expiry"))
                    .containsText(
                            "extended 1×",
                            new LocatorAssertions.ContainsTextOptions().setTimeout(Waits.millis(Waits.WORKER_JOB)));
            assertThat(carol.locator("#expiry")).not().hasText(expiryBefore);
            assertThat(carol.locator("#timeline"))
                    .containsText(
                            "Extended by 24 hours",
                            new LocatorAssertions.ContainsTextOptions().setTimeout(Waits.millis(Waits.WORKER_JOB)));
            screenshot(carol, "sandbox-extended");
        }
    }
}
