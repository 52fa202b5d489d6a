package dev.demoportal.shell;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.demoportal.BrowserTestSupport;
import dev.demoportal.notification.NotificationService;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a person meets around the pages in a real browser: the bell, the date and time pickers, and
 * addresses that lead nowhere.
 */
class ShellBrowserIT extends BrowserTestSupport {

    private static final String NOT_AVAILABLE = "This page is not available to you";

    @Autowired
    NotificationService notifications;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void clickingTheUnreadCountOpensTheBell() {
        try (BrowserContext context = newContext("Europe/Dublin")) {
            Page page = signIn(context, "alice");
            UUID alice =
                    jdbc.queryForObject("select id from portal_user where email = 'alice@demoportal.dev'", UUID.class);
            tx.executeWithoutResult(s -> notifications.tell(
                    alice, "Maria Manager released your booking of NA Demo 1 (slot 1): hardware swap", "my-bookings"));
            page.reload();

            Locator count = page.locator(".dp-bell-count");
            assertThat(count).hasText("1");
            count.click();

            Locator dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).containsText("released your booking of NA Demo 1 (slot 1): hardware swap");
            screenshot(page, "bell-opened-from-its-count");
        }
    }

    @Test
    void pickersShowIsoDatesAnd24HourTimesWhateverTheBrowsersLanguage() {
        try (BrowserContext context = browserContext("en-US")) {
            Page page = signIn(context, "alice");
            page.getByRole(
                            AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Book…").setExact(true))
                    .first()
                    .click();

            Locator start = page.locator("vaadin-date-time-picker").first();
            assertThat(start.locator("vaadin-date-picker input"))
                    .hasValue(java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}"));
            assertThat(start.locator("vaadin-time-picker input"))
                    .hasValue(java.util.regex.Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d"));
            screenshot(page, "book-dialog-pickers");

            page.navigate(base() + "my-usage");
            assertThat(page.locator("vaadin-date-picker input").first())
                    .hasValue(java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}"));
        }
    }

    @Test
    void anUnknownAddressShowsThePortalsOwnPageSignedIn() {
        try (BrowserContext context = newContext("Europe/Dublin")) {
            Page page = signIn(context, "alice");

            for (String address : new String[] {"no-such-page", "reports/2026/q4.pdf", "board/extra/segments"}) {
                page.navigate(base() + address);

                // Vaadin's router answers in the page (the document itself comes with 200)
                assertThat(exactText(page, NOT_AVAILABLE)).isVisible();
                assertThat(page.locator("vaadin-side-nav")).containsText("Board");
            }
            screenshot(page, "unknown-address-signed-in");

            // refused before any view: still the portal's page, not the browser's "HTTP ERROR 403"
            Response refused = page.navigate(base() + "actuator/env");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(exactText(page, NOT_AVAILABLE)).isVisible();
            screenshot(page, "refused-address-signed-in");
        }
    }

    @Test
    void anUnknownAddressSendsSomeoneSignedOutToSignIn() {
        try (BrowserContext context = newContext("Europe/Dublin")) {
            Page page = context.newPage();

            page.navigate(base() + "no-such-page");

            assertThat(page.getByLabel("Username")).isVisible();
            assertThat(page.locator("body")).not().containsText("HTTP ERROR");
        }
    }

    private static BrowserContext browserContext(String locale) {
        BrowserContext context = newContext("America/New_York");
        context.setExtraHTTPHeaders(java.util.Map.of("Accept-Language", locale));
        return context;
    }
}
