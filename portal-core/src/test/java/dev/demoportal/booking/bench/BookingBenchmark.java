package dev.demoportal.booking.bench;

import dev.demoportal.CoreTestApplication;
import dev.demoportal.TestUsers;
import dev.demoportal.booking.BoardChanges;
import dev.demoportal.booking.BookingRequest;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.SlotUnavailable;
import dev.demoportal.environment.BookingRules;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.testing.TestDatabase;
import dev.demoportal.testing.TestDatabases;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Booking benchmark. Not a test: run it on purpose with {@code benchmarks/booking.sh}; it prints its
 * numbers. It boots the core features on a fresh, migrated PostgreSQL database (the server the
 * tests use) and measures the real {@link BookingService}:
 *
 * <ol>
 * <li>contention: many clients ask for the only slot of an environment for the same period at once;
 * <li>throughput of bookings that do not conflict (each thread books consecutive periods of an
 * environment of its own), after a warm-up;
 * <li>the same rows written by bare JDBC inserts, one per transaction, with the same threads: what
 * the service costs on top of the database's own work. The service and the two floors take turns in
 * {@code passes} (the service first in odd passes, last in even ones) and are summed over all of them.
 * </ol>
 *
 * Arguments ({@code name=value}, all optional): {@code clients=200 rounds=3 threads=8 bookings=12000
 * warmup=2000 pool=10 passes=3}.
 */
public final class BookingBenchmark {

    private static final String ISSUER = "https://idp.example/benchmark";

    private final BookingService bookings;
    private final EnvironmentService environments;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final UserAccount admin;
    private final List<UserAccount> engineers;
    private final AtomicInteger environmentNumber = new AtomicInteger();

    private BookingBenchmark(ConfigurableApplicationContext context) throws java.sql.SQLException {
        this.bookings = context.getBean(BookingService.class);
        this.environments = context.getBean(EnvironmentService.class);
        // the pool itself, not the statement-counting wrapper the application sees
        this.dataSource = context.getBean(DataSource.class).unwrap(DataSource.class);
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = context.getBean(Clock.class);
        UserService users = context.getBean(UserService.class);
        this.admin = users.signIn(identity("Bench Admin", Role.ADMIN));
        this.engineers = IntStream.rangeClosed(1, 16)
                .mapToObj(i -> users.signIn(identity("Bench Engineer " + i, Role.FIELD_ENGINEER)))
                .toList();
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = options(args);
        int clients = options.getOrDefault("clients", 200);
        int rounds = options.getOrDefault("rounds", 3);
        int threads = options.getOrDefault("threads", 8);
        int total = options.getOrDefault("bookings", 12_000);
        int warmup = options.getOrDefault("warmup", 2_000);
        int pool = options.getOrDefault("pool", 10);

        TestDatabase db = TestDatabases.migrated();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CoreTestApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .initializers(c -> {
                    c.getBeanFactory().registerSingleton("skipTestConfigurations", new SkipTestConfigurations());
                    c.getBeanFactory().addBeanPostProcessor(new CountingStatements.Wrapper());
                })
                .properties(
                        "spring.datasource.url=" + db.url(),
                        "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(),
                        "spring.datasource.hikari.maximum-pool-size=" + pool,
                        "spring.main.banner-mode=off",
                        "logging.level.root=WARN",
                        // every lost race is logged by Hibernate before the service turns it into SlotUnavailable
                        "logging.level.org.hibernate.orm.jdbc.error=OFF")
                .run()) {
            BookingBenchmark bench = new BookingBenchmark(context);
            System.out.printf(
                    "booking benchmark: %d cores (load average at start %s), Java %s, PostgreSQL %s, "
                            + "Hikari pool %d, clock %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    loadAverage(),
                    System.getProperty("java.version"),
                    bench.jdbc.queryForObject("show server_version", String.class),
                    pool,
                    bench.clock.getClass().getSimpleName());

            bench.throughput("warm-up service", threads, warmup / threads, Writer.SERVICE);
            bench.throughput("warm-up jdbc", threads, warmup / threads, Writer.JDBC);
            for (int round = 1; round <= rounds; round++) {
                bench.contention(round, clients);
            }
            // The three writers take turns in passes, the service first in odd passes and last in even
            // ones: a machine that slows down or speeds up during the run (other work, the database's
            // checkpoints) then weighs on all three alike, not on whichever ran last.
            int passes = Math.max(1, options.getOrDefault("passes", 3));
            int perPass = Math.max(1, total / threads / passes);
            List<Result> services = new ArrayList<>();
            List<Result> plains = new ArrayList<>();
            List<Result> notifyings = new ArrayList<>();
            for (int pass = 1; pass <= passes; pass++) {
                boolean serviceFirst = pass % 2 == 1;
                String suffix = passes == 1 ? "" : " #" + pass;
                if (serviceFirst) {
                    services.add(bench.throughput("service" + suffix, threads, perPass, Writer.SERVICE));
                }
                plains.add(bench.throughput("jdbc" + suffix, threads, perPass, Writer.JDBC));
                notifyings.add(bench.throughput("jdbc+notify" + suffix, threads, perPass, Writer.JDBC_NOTIFY));
                if (!serviceFirst) {
                    services.add(bench.throughput("service" + suffix, threads, perPass, Writer.SERVICE));
                }
                if (passes > 1) {
                    System.out.printf(
                            "pass %d (service %s): ratio service/(jdbc+notify) %.2f%n",
                            pass,
                            serviceFirst ? "first" : "last",
                            services.getLast().perSecond()
                                    / notifyings.getLast().perSecond());
                }
            }
            Result service = Result.of(services);
            Result plain = Result.of(plains);
            Result notifying = Result.of(notifyings);
            if (passes > 1) {
                System.out.printf(
                        "all %d passes: service %.0f bookings/s (p50 %.2f ms, p99 %.2f ms), jdbc %.0f/s, jdbc+notify %.0f/s%n",
                        passes,
                        service.perSecond(),
                        service.p50(),
                        service.p99(),
                        plain.perSecond(),
                        notifying.perSecond());
            }
            System.out.printf(
                    "ratio service/jdbc throughput: %.2f (bare JDBC writes %.1fx as many rows per second)%n",
                    service.perSecond() / plain.perSecond(), plain.perSecond() / service.perSecond());
            System.out.printf(
                    "ratio service/(jdbc+notify) throughput: %.2f (issue 19's floor; target >= 0.5)%n",
                    service.perSecond() / notifying.perSecond());
            System.out.printf(
                    "target >= 500 bookings/s and p99 <= 25 ms: %s%n",
                    service.perSecond() >= 500 && service.p99() <= 25 ? "met" : "MISSED");
            bench.profile(200);
            System.out.printf("load average at the end: %s%n", loadAverage());
        }
    }

    // ---- contention ----------------------------------------------------------------------------

    private void contention(int round, int clients) throws Exception {
        EnvironmentSummary environment = environment(1);
        Instant start = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        BookingRequest request =
                new BookingRequest(environment.slug(), start, start.plus(Duration.ofHours(1)), "Contention", null);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] latencies = new long[clients];
        long wall = runTogether(clients, i -> () -> {
            long t0 = System.nanoTime();
            try {
                bookings.book(request);
                won.incrementAndGet();
            } catch (SlotUnavailable e) {
                unavailable.incrementAndGet();
            } catch (RuntimeException e) {
                errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            latencies[i] = System.nanoTime() - t0;
        });
        Long held = jdbc.queryForObject(
                "select count(*) from booking where environment_id = ? and status = 'BOOKED'",
                Long.class,
                environment.id());
        System.out.printf(
                "contention round %d: %d clients, 1 slot: winners %d, slot_unavailable %d, other errors %d, "
                        + "rows held %d; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; wall %.0f ms%n",
                round,
                clients,
                won.get(),
                unavailable.get(),
                errors.size(),
                held,
                percentile(latencies, 50),
                percentile(latencies, 99),
                percentile(latencies, 100),
                wall / 1e6);
        errors.stream().distinct().limit(3).forEach(e -> System.out.println("  error: " + e));
    }

    // ---- throughput ----------------------------------------------------------------------------

    /** A writer's figures: every booking's latency ({@code nanos}) and the wall time they took. */
    record Result(long[] nanos, double seconds) {

        /** Several passes as one: all their bookings over all their wall time. */
        static Result of(List<Result> passes) {
            return new Result(
                    passes.stream().flatMapToLong(r -> Arrays.stream(r.nanos())).toArray(),
                    passes.stream().mapToDouble(Result::seconds).sum());
        }

        double perSecond() {
            return nanos.length / seconds;
        }

        double p50() {
            return percentile(nanos, 50);
        }

        double p99() {
            return percentile(nanos, 99);
        }
    }

    /**
     * Who writes the rows: the service; a bare JDBC insert per transaction; the same insert plus the
     * board's {@code pg_notify} in one transaction (what separates the two).
     */
    enum Writer {
        SERVICE,
        JDBC,
        JDBC_NOTIFY
    }

    /**
     * {@code threads} threads, each booking {@code perThread} consecutive 30-minute periods of an
     * environment of its own: never a conflict, so this is the cost of a booking that succeeds.
     */
    private Result throughput(String label, int threads, int perThread, Writer writer) throws Exception {
        boolean bareJdbc = writer != Writer.SERVICE;
        List<EnvironmentSummary> own =
                IntStream.range(0, threads).mapToObj(i -> environment(1)).toList();
        Instant base = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        Duration length = Duration.ofMinutes(30);
        long[][] latencies = new long[threads][perThread];
        AtomicInteger failures = new AtomicInteger();
        // CPU the client threads used: unlike rates, it hardly moves with the machine's load
        AtomicLong cpu = new AtomicLong();
        long wall = runTogether(threads, t -> () -> {
            EnvironmentSummary environment = own.get(t);
            long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            try (Connection connection = bareJdbc ? dataSource.getConnection() : null;
                    PreparedStatement insert = bareJdbc ? connection.prepareStatement(INSERT) : null) {
                for (int i = 0; i < perThread; i++) {
                    Instant start = base.plus(length.multipliedBy(i));
                    long t0 = System.nanoTime();
                    if (bareJdbc) {
                        connection.setAutoCommit(writer == Writer.JDBC);
                        insertRow(insert, environment, engineers.get(t % engineers.size()), start, start.plus(length));
                        if (writer == Writer.JDBC_NOTIFY) {
                            try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                                notify.setString(1, BoardChanges.CHANNEL);
                                notify.setString(2, environment.id().toString());
                                notify.executeQuery().close();
                            }
                            connection.commit();
                        }
                    } else {
                        bookings.book(new BookingRequest(
                                environment.slug(), start, start.plus(length), "Throughput", "Customer " + i));
                    }
                    latencies[t][i] = System.nanoTime() - t0;
                }
            } catch (Exception e) {
                failures.incrementAndGet();
                System.out.println("  " + label + " thread " + t + " failed: " + e);
            }
            cpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0);
        });
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
        Result result = new Result(all, wall / 1e9);
        System.out.printf(
                "%-15s: %d threads x %d bookings = %d in %.2f s: %.0f bookings/s; per booking p50 %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms; client-thread CPU %.0f µs%s%n",
                label,
                threads,
                perThread,
                all.length,
                wall / 1e9,
                result.perSecond(),
                result.p50(),
                result.p99(),
                percentile(all, 100),
                cpu.get() / 1e3 / all.length,
                failures.get() == 0 ? "" : "; FAILED THREADS " + failures.get());
        return result;
    }

    private static final String INSERT = """
            insert into booking (id, environment_id, slot_no, holder_id, starts_at, ends_at, booked_until, status,
                                 purpose, customer, checked_in_at, created_at, updated_at, version)
            values (?, ?, 1, ?, ?, ?, ?, 'BOOKED', 'Throughput', 'Customer', null, ?, ?, 0)""";

    private void insertRow(
            PreparedStatement insert, EnvironmentSummary environment, UserAccount holder, Instant start, Instant end)
            throws java.sql.SQLException {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        insert.setObject(1, UUID.randomUUID());
        insert.setObject(2, environment.id());
        insert.setObject(3, holder.id());
        insert.setObject(4, start.atOffset(ZoneOffset.UTC));
        insert.setObject(5, end.atOffset(ZoneOffset.UTC));
        insert.setObject(6, end.atOffset(ZoneOffset.UTC));
        insert.setObject(7, now);
        insert.setObject(8, now);
        insert.executeUpdate();
    }

    // ---- profile -------------------------------------------------------------------------------

    /** One thread, {@code n} bookings: statements and transactions per booking. */
    private void profile(int n) throws Exception {
        EnvironmentSummary environment = environment(1);
        Instant base = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        long commitsBefore = commits();
        CountingStatements.start();
        signIn(engineers.getFirst());
        long[] latencies = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Instant start = base.plus(Duration.ofMinutes(30L * i));
            bookings.book(new BookingRequest(environment.slug(), start, start.plusSeconds(1800), "Profile", null));
            latencies[i] = System.nanoTime() - t0;
        }
        TestUsers.signOut();
        CountingStatements.stop();
        Map<String, Long> statements = CountingStatements.counts();
        long commits = commits() - commitsBefore;
        System.out.printf(
                "profile: %d bookings, one thread: p50 %.2f ms, p99 %.2f ms; %.1f statements (Hibernate's and "
                        + "JDBC's) and %.1f committed transactions per booking%n",
                n,
                percentile(latencies, 50),
                percentile(latencies, 99),
                statements.values().stream().mapToLong(Long::longValue).sum() / (double) n,
                commits / (double) n);
        statements.forEach((sql, count) -> System.out.printf("  %5.2f x %s%n", count / (double) n, sql));
    }

    /**
     * Committed transactions of the benchmark database. Idle backends report their counts within
     * about ten seconds, hence the wait.
     */
    private long commits() throws InterruptedException {
        Thread.sleep(11_000);
        Long n = jdbc.queryForObject(
                "select xact_commit from pg_stat_database where datname = current_database()", Long.class);
        return n == null ? 0 : n;
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Starts {@code n} threads (each signed in as an engineer) at the same instant; the wall time in ns. */
    private long runTogether(int n, IntFunction<Runnable> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                UserAccount user = engineers.get(i % engineers.size());
                Runnable task = work.apply(i);
                futures.add(pool.submit(() -> {
                    signIn(user);
                    ready.countDown();
                    go.await();
                    try {
                        task.run();
                    } finally {
                        TestUsers.signOut();
                    }
                    return null;
                }));
            }
            ready.await();
            long t0 = System.nanoTime();
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            return System.nanoTime() - t0;
        } finally {
            pool.shutdownNow();
        }
    }

    private EnvironmentSummary environment(int slots) {
        signIn(admin);
        try {
            int n = environmentNumber.incrementAndGet();
            EnvironmentSummary created = environments.createEnvironment(new EnvironmentForm(
                    "bench-" + n, "Bench " + n, "emea", slots, EnvironmentStatus.AVAILABLE, "", List.of()));
            // a year ahead, so long throughput runs stay inside the horizon
            return environments.updateBookingRules(
                    created.id(), created.version(), new BookingRules(30, 4320, 365, 30));
        } finally {
            TestUsers.signOut();
        }
    }

    private static void signIn(UserAccount user) {
        TestUsers.signInAs(user.id(), user.displayName(), user.roles().toArray(Role[]::new));
    }

    private static MappedIdentity identity(String name, Role role) {
        return new MappedIdentity(
                ISSUER,
                "sub-" + UUID.randomUUID(),
                name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@demoportal.dev",
                name,
                Set.of(role),
                null);
    }

    /** The p-th percentile (nearest rank) of nanosecond samples, in milliseconds. */
    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private static String loadAverage() {
        try {
            return String.join(
                    " ",
                    Arrays.copyOf(
                            java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                                    .split(" "),
                            3));
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options = new java.util.HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected name=value, got " + arg);
            }
            options.put(kv[0], Integer.parseInt(kv[1]));
        }
        return options;
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
