package dev.demoportal.usage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PrintedOutput;
import dev.demoportal.testing.TestDatabase;
import dev.demoportal.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link DashboardPageBenchmark} ({@code benchmarks/usage-pages.sh}) alive: on a fresh
 * database (local mode puts its demo data in) every dashboard page must be drawn once after its
 * warm-up, and redrawn for a two-year range, and the figures printed. Each page waits until its
 * charts are drawn; no figure is judged. (Development mode in this JVM; the production mode starts
 * the production jar, too heavy to build for the suite.)
 */
class DashboardPageBenchmarkSmokeIT {

    private static final String[] SERVER = {
        "DEMO_PORTAL_TEST_DATABASE_URL", "DEMO_PORTAL_TEST_DATABASE_USERNAME", "DEMO_PORTAL_TEST_DATABASE_PASSWORD"
    };

    @Test
    void aTinyRunPrintsEveryPage() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"))),
                "Chromium is needed");
        TestDatabase db = TestDatabases.migrated();
        String[] values = {db.url(), db.username(), db.password()};
        String[] previous = new String[SERVER.length];
        String port = System.getProperty("server.port");
        for (int i = 0; i < SERVER.length; i++) {
            previous[i] = System.getProperty(SERVER[i]);
            System.setProperty(SERVER[i], values[i]);
        }
        try {
            String report = PrintedOutput.of(
                    () -> DashboardPageBenchmark.main(new String[] {"database=" + db.name(), "runs=1", "windows=730"}));

            assertThat(report)
                    .contains("dashboard pages on " + db.name())
                    .containsPattern("(?m)^dashboards\\s+\\d+\\s+\\d+$")
                    .containsPattern("(?m)^dashboards/holders\\s+\\d+\\s+\\d+$")
                    .containsPattern("(?m)^dashboards/sandboxes\\s+\\d+\\s+\\d+$")
                    .containsPattern("(?m)^dashboards/now\\s+\\d+\\s+\\d+$")
                    .containsPattern("(?m)^audit\\s+\\d+\\s+\\d+$")
                    .containsPattern("(?m)^dashboards/holders 730 d\\s+\\d+\\s+\\d+$");
        } finally {
            for (int i = 0; i < SERVER.length; i++) {
                if (previous[i] == null) {
                    System.clearProperty(SERVER[i]);
                } else {
                    System.setProperty(SERVER[i], previous[i]);
                }
            }
            if (port == null) {
                System.clearProperty("server.port");
            } else {
                System.setProperty("server.port", port);
            }
        }
    }
}
