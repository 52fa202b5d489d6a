package dev.demoportal.booking.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.BrowserTestSupport;
import dev.demoportal.Waits;
import org.junit.jupiter.api.Test;

/**
 * Two people on the board in two browsers: what one claims appears on the other's board without a
 * reload (server push, fed by PostgreSQL LISTEN/NOTIFY).
 * Screenshots land in {@code target/e2e/}.
 */
class BoardLiveIT extends BrowserTestSupport {

    @Test
    void whatAliceClaimsAppearsOnFranksBoardWithoutReload() {
        try (BrowserContext aliceContext = newContext("Europe/Berlin");
                BrowserContext frankContext = newContext("America/New_York")) {
            Page alice = signInToBoard(aliceContext, "alice");
            Page frank = signInToBoard(frankContext, "frank");
            Locator franksCard = frank.locator("#board-emea-demo-1");
            assertThat(franksCard).containsText("4 of 4 free");
            screenshot(frank, "frank-board-before");

            alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Claim slot 1 of EMEA Demo 1"))
                    .click();
            Locator dialog = alice.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Purpose").fill("Acme GitOps workshop");
            dialog.getByLabel("Customer").fill("Acme Corp");
            screenshot(alice, "alice-claim-dialog");
            dialog.getByRole(
                            AriaRole.BUTTON,
                            new Locator.GetByRoleOptions().setName("Claim").setExact(true))
                    .click();
            assertThat(alice.locator("#board-emea-demo-1")).containsText("Alice Field");

            // no reload, no click: the change is pushed to frank's open page
            assertThat(franksCard)
                    .containsText(
                            "Alice Field",
                            new LocatorAssertions.ContainsTextOptions().setTimeout(Waits.millis(Waits.PUSH)));
            assertThat(franksCard).containsText("Acme GitOps workshop · Acme Corp");
            assertThat(franksCard).containsText("3 of 4 free");
            screenshot(frank, "frank-board-live");
            screenshot(alice, "alice-board-after-claim");

            alice.navigate(base() + "environments/emea-demo-1");
            assertThat(alice.locator(".dp-tl-booking").first()).containsText("Alice Field");
            screenshot(alice, "alice-environment-timeline");
            alice.navigate(base() + "my-bookings");
            assertThat(alice.locator("#my-bookings")).containsText("Acme GitOps workshop");
            screenshot(alice, "alice-my-bookings");
        }
    }

    private static Page signInToBoard(BrowserContext context, String username) {
        Page page = signIn(context, username);
        page.locator(".dp-board").waitFor();
        return page;
    }
}
