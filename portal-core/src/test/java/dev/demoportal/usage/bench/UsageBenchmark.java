package dev.demoportal.usage.bench;

import dev.demoportal.CoreTestApplication;
import dev.demoportal.audit.AuditQuery;
import dev.demoportal.audit.AuditService;
import dev.demoportal.base.SystemTask;
import dev.demoportal.usage.UsageFilter;
import dev.demoportal.usage.UsageService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Times every dashboard query through the real services on a generated database (see
 * {@link UsageDataGenerator}): each query several times after one warm-up run, median and maximum
 * printed. Not a test: run it on purpose with {@code benchmarks/usage.sh}.
 */
public final class UsageBenchmark {

    private UsageBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("database", "demoportal_usage_bench", "runs", "7"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String admin = env("DEMO_PORTAL_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + options.get("database");
        int runs = Integer.parseInt(options.get("runs"));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CoreTestApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .initializers(c ->
                        c.getBeanFactory().registerSingleton("skipTestConfigurations", new SkipTestConfigurations()))
                .properties(
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=" + env("DEMO_PORTAL_TEST_DATABASE_USERNAME", "postgres"),
                        "spring.datasource.password=" + env("DEMO_PORTAL_TEST_DATABASE_PASSWORD", ""),
                        // a generated database may predate a lower-numbered migration merged since
                        "spring.flyway.out-of-order=true",
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN")
                .run()) {
            UsageService usage = context.getBean(UsageService.class);
            AuditService audit = context.getBean(AuditService.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            System.out.printf(
                    "usage benchmark on %s: %,d bookings, %,d sandboxes, %,d audit events; %d cores, "
                            + "PostgreSQL %s, %d runs after one warm-up%n",
                    options.get("database"),
                    jdbc.queryForObject("select count(*) from booking", Long.class),
                    jdbc.queryForObject("select count(*) from sandbox", Long.class),
                    jdbc.queryForObject("select count(*) from audit_event", Long.class),
                    Runtime.getRuntime().availableProcessors(),
                    jdbc.queryForObject("show server_version", String.class),
                    runs);

            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            UsageFilter days30 = UsageFilter.of(today.minusDays(29), today);
            UsageFilter days90 = UsageFilter.of(today.minusDays(89), today);
            UsageFilter days365 = UsageFilter.of(today.minusDays(364), today);
            UsageFilter days730 = UsageFilter.of(today.minusDays(729), today);
            String region = "emea";
            String environment =
                    jdbc.queryForObject("select slug from shared_environment order by slug limit 1", String.class);
            Instant now = Instant.now();
            AuditQuery week = AuditQuery.ALL.between(now.minus(Duration.ofDays(7)), now);
            AuditQuery month = AuditQuery.ALL.between(now.minus(Duration.ofDays(30)), now);

            Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
            queries.put("utilisation, 30 days, all", () -> usage.utilisation(days30));
            queries.put("utilisation, 30 days, one region", () -> usage.utilisation(days30.withRegion(region)));
            queries.put(
                    "utilisation, 30 days, one environment",
                    () -> usage.utilisation(days30.withEnvironment(environment)));
            queries.put("utilisation, 90 days, all", () -> usage.utilisation(days90));
            queries.put("utilisation, 365 days, all", () -> usage.utilisation(days365));
            queries.put("utilisation, 730 days, all", () -> usage.utilisation(days730));
            queries.put("utilisation, 730 days, one region", () -> usage.utilisation(days730.withRegion(region)));
            queries.put("holders, 30 days, all", () -> usage.holders(days30));
            queries.put("holders, 90 days, all", () -> usage.holders(days90));
            queries.put("holders, 365 days, all", () -> usage.holders(days365));
            queries.put("holders, 730 days, all", () -> usage.holders(days730));
            queries.put("sandboxes, 30 days, all", () -> usage.sandboxes(days30));
            queries.put("sandboxes, 90 days, all", () -> usage.sandboxes(days90));
            queries.put("sandboxes, 365 days, all", () -> usage.sandboxes(days365));
            queries.put("sandboxes, 730 days, all", () -> usage.sandboxes(days730));
            queries.put("now", () -> usage.now(days30));
            queries.put("filter options", usage::options);
            queries.put("audit: count, last 30 days", () -> audit.count(month));
            queries.put("audit: first page of 50, last 7 days", () -> audit.search(week, 0, 50));
            queries.put("audit: page 20 (offset 950), last 7 days", () -> audit.search(week, 950, 50));
            queries.put(
                    "audit: actor contains 'Staff 17', 30 days",
                    () -> audit.search(
                            new AuditQuery(month.from(), month.to(), "Staff 17", null, null, null, null, null), 0, 50));
            queries.put(
                    "audit: action sandbox.approved, count 30 days",
                    () -> audit.count(new AuditQuery(
                            month.from(), month.to(), null, "sandbox.approved", null, null, null, null)));

            System.out.printf("%-48s %10s %10s%n", "query", "median ms", "max ms");
            if (options.containsKey("only")) {
                // the same query once more first, so order effects (connections, caches) show
                SystemTask.run("benchmark", List.of("MANAGER"), () -> usage.utilisation(days90));
            }
            SystemTask.run("benchmark", List.of("MANAGER"), () -> {
                queries.forEach((name, query) -> {
                    if (name.startsWith(options.getOrDefault("only", ""))) {
                        report(name, query, runs);
                    }
                });
                AtomicLong rows = new AtomicLong();
                long t = System.nanoTime();
                usage.exportBookings(days30, b -> rows.incrementAndGet());
                System.out.printf(
                        "export: bookings of 30 days, %,d rows streamed in %.0f ms%n",
                        rows.get(), (System.nanoTime() - t) / 1e6);
                AtomicLong events = new AtomicLong();
                t = System.nanoTime();
                audit.export(AuditQuery.ALL, e -> events.incrementAndGet());
                System.out.printf(
                        "export: the whole audit trail, %,d rows streamed in %.0f ms%n",
                        events.get(), (System.nanoTime() - t) / 1e6);
                return null;
            });
            SystemTask.run("benchmark", List.of("ADMIN"), () -> {
                long t = System.nanoTime();
                int written = usage.refreshRollup();
                System.out.printf(
                        "rollup refresh (incremental, nothing or one day new): %d rows in %.0f ms%n",
                        written, (System.nanoTime() - t) / 1e6);
                return null;
            });
        }
    }

    private static void report(String name, Supplier<Object> query, int runs) {
        query.get();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            query.get();
            times.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(times);
        System.out.printf("%-48s %10.1f %10.1f%n", name, times.get(times.size() / 2), times.getLast());
    }

    /** The environment variable, unless a system property of that name overrides it (the smoke test's server). */
    private static String env(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Test configurations (the tests' fixed clock) are for tests; the benchmark runs on the system clock. */
    static final class SkipTestConfigurations extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SkipTestConfigurations;
        }

        @Override
        public int hashCode() {
            return SkipTestConfigurations.class.hashCode();
        }
    }
}
