package dev.demoportal.usage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.demoportal.BrowserTestSupport;
import dev.demoportal.Waits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A manager's dashboard in real Chromium, on local mode's demo history: the ECharts library loads
 * from the WebJar, every chart of the page is drawn (a canvas, titled), the history shows, and the
 * CSV link downloads with the browser's session.
 */
@TestPropertySource(properties = "portal.local.demo-history=true")
class DashboardBrowserIT extends BrowserTestSupport {

    @Test
    void theUtilisationDashboardDrawsItsChartsAndExportsCsv() throws Exception {
        try (BrowserContext context = newContext("Europe/Berlin")) {
            Page page = signIn(context, "maria");
            page.navigate(base() + "dashboards");
            for (String chart : new String[] {
                "chart-utilisation-days", "chart-utilisation-environments", "chart-utilisation-heatmap"
            }) {
                Locator drawn = page.locator("#" + chart + "[data-drawn='true']");
                drawn.waitFor(new Locator.WaitForOptions()
                        .setState(WaitForSelectorState.ATTACHED)
                        .setTimeout(Waits.millis(Waits.ROUND_TRIP)));
                assertThat(page.locator("#" + chart + " canvas").count())
                        .as(chart)
                        .isPositive();
            }
            assertThat(page.evaluate("() => typeof window.echarts")).isEqualTo("object");
            // the demo history (six weeks of bookings) is there
            assertThat(page.locator("#stat-utilisation").textContent()).isNotEqualTo("0 %");
            assertThat(page.locator("#chart-utilisation-days").getAttribute("aria-label"))
                    .contains("Utilisation");
            // the note names the viewer's time zone, as the browser reported it (one more round trip)
            PlaywrightAssertions.assertThat(
                            page.getByText("times in your time zone (Berlin)").first())
                    .isVisible();
            screenshot(page, "dashboard-utilisation");

            Download download =
                    page.waitForDownload(() -> page.locator("a.dp-csv").first().click());
            String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
            assertThat(csv).startsWith("day,environment,environment_name,region,slots,available_hours");
            assertThat(csv).contains("na-demo-1");
        }
    }
}
