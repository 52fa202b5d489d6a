package dev.demoportal.booking.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.demoportal.BrowserTestSupport;
import dev.demoportal.ViewTestSupport.SignedIn;
import dev.demoportal.booking.BookingRequest;
import dev.demoportal.booking.BookingService;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What a field engineer meets in a real browser: My bookings and the header on a phone (390 × 844),
 * and the board with a full environment. Screenshots land in {@code target/e2e/}; {@code board.png}
 * there is the README's picture.
 */
class BookingPagesBrowserIT extends BrowserTestSupport {

    /** For a page that answers a click with a server round trip on a loaded two-core machine. */
    private static final double ROUND_TRIP = 30_000;

    @Autowired
    BookingService bookings;

    @Autowired
    UserService users;

    @Autowired
    Clock clock;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Test
    void onAPhoneMyBookingsActionsAreOnScreenAndWorkAndTheHeaderShowsTheName() {
        try (BrowserContext context = newContext("Europe/Berlin")) {
            Page page = signIn(context, "alice");
            Instant now = clock.instant();
            as(
                    "alice",
                    "Alice Field",
                    () -> bookings.book(new BookingRequest(
                            "emea-demo-2",
                            now,
                            now.plus(Duration.ofHours(2)),
                            "Phone check: partner workshop with a long purpose",
                            "Acme Corp")));
            Instant tomorrow = now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
            as(
                    "alice",
                    "Alice Field",
                    () -> bookings.book(new BookingRequest(
                            "apj-demo-1", tomorrow, tomorrow.plus(Duration.ofHours(3)), "Tomorrow's demo", null)));
            page.setViewportSize(390, 844);
            page.navigate(base() + "my-bookings");
            page.locator("#my-bookings").waitFor();
            screenshot(page, "phone-my-bookings");

            for (String name : List.of(
                    "Check in EMEA Demo 2, slot 1",
                    "Extend EMEA Demo 2, slot 1",
                    "Release EMEA Demo 2, slot 1",
                    "Extend APJ Demo 1, slot 1",
                    "Cancel APJ Demo 1, slot 1")) {
                Locator button = page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(name).setExact(true));
                // on screen across without scrolling anything sideways (a wide table would need it) ...
                BoundingBox across = button.boundingBox();
                assertThat(across).as(name).isNotNull();
                assertThat(across.x).as("%s: left edge, unscrolled", name).isGreaterThanOrEqualTo(0);
                assertThat(across.x + across.width)
                        .as("%s: right edge, unscrolled", name)
                        .isLessThanOrEqualTo(page.viewportSize().width);
                // ... and wholly on screen once scrolled down to
                button.scrollIntoViewIfNeeded();
                assertWithinViewport(page, button, name);
            }
            assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                    .isEqualTo(true);

            // the header: the page title whole, the avatar on screen, and the name whole in its menu
            Locator title = page.locator(".dp-view-title");
            assertThat(title).hasText("My bookings");
            assertThat(title.evaluate("e => e.scrollWidth <= e.clientWidth"))
                    .as("title not cut")
                    .isEqualTo(true);
            Locator menu = page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("User menu"));
            assertWithinViewport(page, menu, "the user menu");
            menu.click();
            Locator name = page.getByRole(
                    AriaRole.MENUITEM,
                    new Page.GetByRoleOptions().setName("Alice Field").setExact(true));
            name.waitFor(new Locator.WaitForOptions().setTimeout(ROUND_TRIP));
            assertWithinViewport(page, name, "the user's name");
            assertThat(name.evaluate("e => e.scrollWidth <= e.clientWidth"))
                    .as("name not cut")
                    .isEqualTo(true);
            screenshot(page, "phone-user-menu");
            page.keyboard().press("Escape");

            // and the buttons work where they are
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check in EMEA Demo 2, slot 1"))
                    .click();
            assertThat(page.getByRole(
                            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check in EMEA Demo 2, slot 1")))
                    .hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(ROUND_TRIP));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Release EMEA Demo 2, slot 1"))
                    .click();
            Locator confirm = page.getByRole(
                    AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Release").setExact(true));
            confirm.waitFor(new Locator.WaitForOptions().setTimeout(ROUND_TRIP));
            assertWithinViewport(page, confirm, "the confirm button");
            confirm.click();
            assertThat(page.locator("#my-bookings"))
                    .not()
                    .containsText("Phone check", new LocatorAssertions.ContainsTextOptions().setTimeout(ROUND_TRIP));
            screenshot(page, "phone-my-bookings-after");
        }
    }

    @Test
    void aFullEnvironmentSaysFullOnTheBoardAndOffersTheWaitlist() {
        try (BrowserContext context = newContext("America/New_York")) {
            Page page = signIn(context, "frank");
            // held for longer than the waitlist's default window (8 hours): queueing is allowed
            for (int i = 0; i < 2; i++) {
                as(
                        "alice",
                        "Alice Field",
                        () -> bookings.claim("apj-demo-2", Duration.ofDays(1), "Partner enablement", null));
            }
            as(
                    "alice",
                    "Alice Field",
                    () -> bookings.claim("emea-demo-1", Duration.ofHours(2), "Acme GitOps workshop", "Acme Corp"));
            page.navigate(base() + "board");
            Locator card = page.locator("#board-apj-demo-2");
            assertThat(card).containsText("Full", new LocatorAssertions.ContainsTextOptions().setTimeout(ROUND_TRIP));
            assertThat(card).not().containsText("Available");
            assertThat(card.getByRole(
                            AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Join the waitlist of APJ Demo 2")))
                    .isVisible();
            assertThat(page.locator("#board-emea-demo-1")).containsText("Alice Field");
            page.setViewportSize(1440, 900);
            page.evaluate("window.scrollTo(0, 0)");
            page.screenshot(
                    new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target", "e2e", "board.png")));

            card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Join the waitlist of APJ Demo 2"))
                    .click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).containsText("Join the waitlist of APJ Demo 2");
            dialog.getByLabel("Purpose").fill("Customer call");
            screenshot(page, "board-waitlist-dialog");
            dialog.getByRole(
                            AriaRole.BUTTON,
                            new Locator.GetByRoleOptions()
                                    .setName("Join the waitlist")
                                    .setExact(true))
                    .click();
            assertThat(page.getByText("You are number 1 in line"))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(ROUND_TRIP));
        }
    }

    /** Wholly on screen, once any opening animation (a phone's menu slides up from the bottom) is over. */
    private static void assertWithinViewport(Page page, Locator locator, String what) {
        assertThat(locator)
                .isInViewport(
                        new LocatorAssertions.IsInViewportOptions().setRatio(1).setTimeout(ROUND_TRIP));
        BoundingBox box = locator.boundingBox();
        assertThat(box).as(what).isNotNull();
        int width = page.viewportSize().width;
        int height = page.viewportSize().height;
        assertThat(box.x).as("%s: left edge", what).isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).as("%s: right edge", what).isLessThanOrEqualTo(width);
        assertThat(box.y).as("%s: top edge", what).isGreaterThanOrEqualTo(0);
        assertThat(box.y + box.height).as("%s: bottom edge", what).isLessThanOrEqualTo(height);
    }

    /** Acts as a demo user through the services, as their browser session would. */
    private <T> T as(String username, String name, Supplier<T> work) {
        UserAccount account = users.signIn(new MappedIdentity(
                issuer, username, username + "@demoportal.dev", name, Set.of(Role.FIELD_ENGINEER), null));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new SignedIn(account.id(), account.displayName()),
                null,
                List.of(new SimpleGrantedAuthority(Role.FIELD_ENGINEER.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
