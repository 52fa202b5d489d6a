package dev.demoportal.usage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.testing.PrintedOutput;
import dev.demoportal.testing.TestDatabase;
import dev.demoportal.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dashboard benchmark alive ({@code benchmarks/usage-data.sh} and
 * {@code benchmarks/usage.sh}): the generator fills a tiny database (two hundred bookings, twenty
 * sandboxes) and the benchmark times every dashboard query once on it; both must run to the end and
 * print their figures. No figure is judged here.
 */
class UsageBenchmarkSmokeIT {

    private static final String[] SERVER = {
        "DEMO_PORTAL_TEST_DATABASE_URL", "DEMO_PORTAL_TEST_DATABASE_USERNAME", "DEMO_PORTAL_TEST_DATABASE_PASSWORD"
    };

    @Test
    void aTinyDatabaseIsGeneratedAndEveryQueryTimed() throws Exception {
        // the benchmark's server is the tests' one, whichever that is (environment, Docker, embedded)
        TestDatabase server = TestDatabases.migrated();
        String name = "dp_usage_smoke_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String[] previous = new String[SERVER.length];
        String[] values = {server.url(), server.username(), server.password()};
        for (int i = 0; i < SERVER.length; i++) {
            previous[i] = System.getProperty(SERVER[i]);
            System.setProperty(SERVER[i], values[i]);
        }
        try {
            String generated = PrintedOutput.of(() -> UsageDataGenerator.main(new String[] {
                "database=" + name,
                "bookings=200",
                "sandboxes=20",
                "audit=200",
                "days=60",
                "environments_per_region=2",
                "sql=../benchmarks/usage-data.sql"
            }));
            assertThat(generated).contains("usage data: done in").containsPattern("booking\\s+200\\b");

            String timed = PrintedOutput.of(() -> UsageBenchmark.main(new String[] {"database=" + name, "runs=1"}));
            assertThat(timed)
                    .contains("usage benchmark on " + name + ": 200 bookings")
                    .containsPattern("(?m)^query\\s+median ms\\s+max ms$")
                    .containsPattern("(?m)^\\S.*\\s[0-9.]+\\s+[0-9.]+$");
        } finally {
            for (int i = 0; i < SERVER.length; i++) {
                if (previous[i] == null) {
                    System.clearProperty(SERVER[i]);
                } else {
                    System.setProperty(SERVER[i], previous[i]);
                }
            }
            try (Connection c = DriverManager.getConnection(server.url(), server.username(), server.password());
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
