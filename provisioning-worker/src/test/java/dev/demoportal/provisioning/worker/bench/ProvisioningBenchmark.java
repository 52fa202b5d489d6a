package dev.demoportal.provisioning.worker.bench;

import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.ProvisioningService;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.worker.ProvisioningWorkerApplication;
import dev.demoportal.testing.SandboxRows;
import dev.demoportal.testing.TestDatabase;
import dev.demoportal.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provisioning worker benchmark. Not a test: run it on purpose with
 * {@code benchmarks/provisioning.sh}; it prints its numbers. This JVM plays the portal: it schedules
 * jobs through the real {@link ProvisioningService} on a fresh PostgreSQL database. The workers are
 * separate JVM processes running the standalone worker ({@link ProvisioningWorkerApplication}) with
 * the simulated driver.
 *
 * <ol>
 * <li>pickup: from the commit that schedules a job to its first step starting in the worker
 *     process (one job at a time, the worker otherwise idle), with the NOTIFY wake-up (as shipped)
 *     and with plain polling at db-scheduler's default interval (10 s);
 * <li>throughput: N sandboxes (zero step latency) provisioned by two worker processes;
 * <li>recovery: a worker process killed (SIGKILL) mid-step; time until the step starts again on
 *     the other worker.
 * </ol>
 *
 * Arguments ({@code name=value}, all optional): {@code scenario=all pickup=100 polled=30
 * sandboxes=1000 threads=8 jit=c1 recoveries=3 heartbeat=5s missed=4} (db-scheduler requires missed >= 4;
 * {@code jit=full} runs the throughput workers with the production image's tiered JIT).
 */
public final class ProvisioningBenchmark {

    private final TestDatabase db;
    private final ProvisioningService provisioning;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final SandboxRows sandboxes;
    private final Map<String, String> args;
    private final List<Process> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Path> logs = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Statements the stopped workers sent, by their text (see {@link StatementCounting}). */
    private final Map<String, Long> sqlCounts = new java.util.concurrent.ConcurrentHashMap<>();

    private int sandboxNumber;

    private ProvisioningBenchmark(TestDatabase db, ConfigurableApplicationContext portal, Map<String, String> args) {
        this.db = db;
        this.provisioning = portal.getBean(ProvisioningService.class);
        this.tx = portal.getBean(TransactionTemplate.class);
        this.jdbc = portal.getBean(JdbcTemplate.class);
        this.sandboxes = new SandboxRows(portal.getBean(DataSource.class));
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        run(argv);
        System.exit(0);
    }

    /** The whole benchmark, as {@link #main} runs it but without ending the JVM (the smoke test calls it). */
    static void run(String... argv) throws Exception {
        Map<String, String> args = Arrays.stream(argv)
                .map(a -> a.split("=", 2))
                .collect(Collectors.toMap(a -> a[0], a -> a[1], (a, b) -> b, LinkedHashMap::new));
        TestDatabase db = TestDatabases.migrated();
        System.out.printf(
                "database %s; %d CPUs%n", db.name(), Runtime.getRuntime().availableProcessors());
        // the portal side: no scheduler of its own, exactly like portal-ui
        ConfigurableApplicationContext portal = new SpringApplicationBuilder(ProvisioningWorkerApplication.class)
                .properties(Map.of(
                        "spring.datasource.url",
                        db.url(),
                        "spring.datasource.username",
                        db.username(),
                        "spring.datasource.password",
                        db.password(),
                        "db-scheduler.enabled",
                        "false",
                        "server.port",
                        "0",
                        "logging.level.root",
                        "WARN",
                        "spring.main.banner-mode",
                        "off"))
                .run();
        ProvisioningBenchmark bench = new ProvisioningBenchmark(db, portal, args);
        String scenario = args.getOrDefault("scenario", "all");
        try {
            if (scenario.equals("all") || scenario.equals("pickup")) {
                bench.pickup();
            }
            if (scenario.equals("all") || scenario.equals("throughput")) {
                bench.throughput();
            }
            if (scenario.equals("all") || scenario.equals("recovery")) {
                bench.recovery();
            }
        } finally {
            bench.stopWorkers();
            portal.close();
        }
    }

    // ---------------------------------------------------------------- scenarios

    private void pickup() throws Exception {
        int n = Integer.parseInt(args.getOrDefault("pickup", "100"));
        startWorker("pickup-notify", Map.of());
        List<Double> notified = measurePickup(n, 50, 250, true);
        report("pickup with NOTIFY wake-up (polling 5 s as shipped), " + n + " jobs", notified);
        stopWorkers();

        int polled = Integer.parseInt(args.getOrDefault("polled", "30"));
        startWorker(
                "pickup-polling",
                Map.of("portal.provisioning.wake-up-on-notify", "false", "db-scheduler.polling-interval", "10s"));
        // arrivals not synchronised with the polls (one after another would always land just
        // after a poll): each waits half the interval on average
        List<Double> polling = measurePickup(polled, 0, 2000, false);
        report("pickup with plain polling every 10 s (db-scheduler default), " + polled + " jobs", polling);
        stopWorkers();
    }

    /** Schedules jobs one by one with random gaps; latency = first step's start minus the commit. */
    private List<Double> measurePickup(int n, int minGapMillis, int maxGapMillis, boolean oneAtATime) throws Exception {
        Map<UUID, Instant> committed = new LinkedHashMap<>();
        int before = finishedJobs();
        for (int i = 0; i < n; i++) {
            SandboxSpec spec = sandbox("emea");
            UUID job = tx.execute(s -> provisioning.schedule(spec, JobKind.PROVISION));
            committed.put(job, Instant.now());
            if (oneAtATime) {
                // the worker is idle when the next one commits: this measures pick-up, not
                // queueing behind earlier jobs
                awaitFinished(before + committed.size(), Duration.ofMinutes(2));
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(minGapMillis, maxGapMillis + 1));
        }
        awaitFinished(before + committed.size(), Duration.ofMinutes(5));
        List<Double> millis = new ArrayList<>();
        committed.forEach((job, at) -> {
            Timestamp started = jdbc.queryForObject(
                    "select started_at from provisioning_step where job_id = ? and ordinal = 1", Timestamp.class, job);
            millis.add(Duration.between(at, started.toInstant()).toNanos() / 1e6);
        });
        return millis;
    }

    /**
     * Schedules N jobs while no worker runs (a backlog, as after an outage or a burst of approvals),
     * then starts two worker processes and measures how fast they drain it: from the first step
     * started to the last job finished. That first drain is the workers' first minute: their JIT
     * compiles while they drain. A second backlog of N, committed in one transaction while the same
     * two workers run, measures them warm, as a long-running worker pod is. Each drain also prints
     * the CPU time per job of the workers, this JVM and PostgreSQL. Workers run C1-only, as in the
     * other scenarios and every run before 2026-12-07; {@code jit=full} gives them the production
     * image's tiered JIT (on two cores its C2 compiler threads cost more within these two minutes
     * than they save). {@code jfr=DIR} records a JFR profile of each worker into DIR.
     */
    private void throughput() throws Exception {
        int n = Integer.parseInt(args.getOrDefault("sandboxes", "1000"));
        String threads = args.getOrDefault("threads", "8");
        boolean c1 = !args.getOrDefault("jit", "c1").equals("full");
        Map<String, String> settings =
                Map.of("db-scheduler.threads", threads, "portal.provisioning.max-concurrent-per-region", "1000");
        System.out.printf(
                "%nthroughput: %d sandboxes per backlog, 2 worker processes x %s threads, JIT %s%n",
                n, threads, c1 ? "C1 only (-XX:TieredStopAtLevel=1)" : "as in the production image (tiered)");
        int before = finishedJobs();
        long scheduling = System.nanoTime();
        List<UUID> cold = new ArrayList<>();
        List<SandboxSpec> specs = specs(n);
        for (int i = 0; i < n; i += 50) {
            List<SandboxSpec> batch = specs.subList(i, Math.min(n, i + 50));
            tx.executeWithoutResult(
                    s -> batch.forEach(spec -> cold.add(provisioning.schedule(spec, JobKind.PROVISION))));
        }
        double schedulingSeconds = (System.nanoTime() - scheduling) / 1e9;
        System.out.printf(
                "  portal side: scheduling took %.1f s (%.0f jobs/s, batches of 50 per transaction)%n",
                schedulingSeconds, n / schedulingSeconds);
        sqlCounts.clear();
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                startWorker("throughput-b", settings, c1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        startWorker("throughput-a", settings, c1);
        other.join();
        Map<String, Duration> cpu = cpuTimes();
        awaitFinished(before + n, Duration.ofMinutes(30), Duration.ofMillis(250));
        reportDrain("workers just started (cold)", cold, cpu);

        List<SandboxSpec> second = specs(n);
        List<UUID> warm = new ArrayList<>();
        cpu = cpuTimes();
        tx.executeWithoutResult(s -> second.forEach(spec -> warm.add(provisioning.schedule(spec, JobKind.PROVISION))));
        awaitFinished(before + 2 * n, Duration.ofMinutes(30), Duration.ofMillis(250));
        reportDrain("the same workers, warm (a second backlog, one commit)", warm, cpu);

        Map<String, Long> counted = stopWorkers();
        // what the workers did over both backlogs, whatever the load (start-up and idle polling included)
        System.out.printf(
                "  per job (both worker processes): %.1f transactions (%.1f of them single statements in"
                        + " auto-commit), %.1f statements%n",
                counted.getOrDefault("transactions", 0L) / (2.0 * n),
                counted.getOrDefault("autocommits", 0L) / (2.0 * n),
                counted.getOrDefault("statements", 0L) / (2.0 * n));
        System.out.println("  statements per job, the most frequent first:");
        sqlCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(Integer.parseInt(args.getOrDefault("profile", "20")))
                .forEach(e -> System.out.printf("  %6.2f  %s%n", e.getValue() / (2.0 * n), e.getKey()));
    }

    private List<SandboxSpec> specs(int n) {
        String[] regions = {"na", "emea", "apj"};
        List<SandboxSpec> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            specs.add(sandbox(regions[i % 3]));
        }
        return specs;
    }

    /**
     * CPU time used so far by each part of the run: the worker processes, this JVM (the portal side)
     * and every PostgreSQL server process on the machine (from {@code /proc}, in clock ticks).
     */
    private Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        times.put(
                "workers",
                workers.stream()
                        .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                        .reduce(Duration.ZERO, Duration::plus));
        times.put(
                "portal JVM", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(d -> d.getFileName().toString().matches("[0-9]+"))
                    .toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        String[] fields =
                                stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (IOException gone) {
                    // the process ended between the listing and the read
                }
            }
        } catch (IOException noProc) {
            return times; // not Linux: no server figure
        }
        times.put("PostgreSQL", Duration.ofMillis(ticks * 10)); // USER_HZ is 100 on Linux
        return times;
    }

    /** Prints how fast the workers drained these jobs (first step started to last job finished) and the CPU per job. */
    private void reportDrain(String what, List<UUID> jobs, Map<String, Duration> cpuBefore) {
        Map<String, Duration> cpuAfter = cpuTimes();
        Object ids = jobs.toArray(UUID[]::new);
        Timestamp first = jdbc.queryForObject(
                "select min(s.started_at) from provisioning_step s join provisioning_job j on j.id = s.job_id"
                        + " where j.id = any(?)",
                Timestamp.class,
                ids);
        Timestamp last = jdbc.queryForObject(
                "select max(finished_at) from provisioning_job where id = any(?)", Timestamp.class, ids);
        double seconds = Duration.between(first.toInstant(), last.toInstant()).toMillis() / 1000.0;
        int repeated = jdbc.queryForObject(
                "select count(*) from provisioning_step where attempts > 1 and job_id = any(?)", Integer.class, ids);
        int steps =
                jdbc.queryForObject("select count(*) from provisioning_step where job_id = any(?)", Integer.class, ids);
        System.out.printf(
                "  %s: backlog drained in %.1f s from the first step to the last job: %.1f jobs/s, %.0f steps/s"
                        + " (%d steps a job); steps run more than once: %d%n",
                what, seconds, jobs.size() / seconds, steps / seconds, steps / jobs.size(), repeated);
        StringBuilder cpu = new StringBuilder();
        cpuAfter.forEach((part, after) -> cpu.append(String.format(
                "%s %.2f ms, ",
                part, after.minus(cpuBefore.getOrDefault(part, Duration.ZERO)).toNanos() / 1e6 / jobs.size())));
        System.out.printf(
                "    CPU per job: %s(%d cores x the drain's wall time: %.2f ms a job)%n",
                cpu,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors() * seconds * 1000 / jobs.size());
    }

    private void recovery() throws Exception {
        int rounds = Integer.parseInt(args.getOrDefault("recoveries", "3"));
        Map<String, String> settings = Map.of(
                "portal.provisioning.simulated.latency",
                "2s",
                "db-scheduler.heartbeat-interval",
                args.getOrDefault("heartbeat", "5s"),
                "db-scheduler.missed-heartbeats-limit",
                args.getOrDefault("missed", "4"));
        List<Double> recoveries = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Process a = startWorker("recovery-a" + round, settings);
            Process b = startWorker("recovery-b" + round, settings);
            SandboxSpec spec = sandbox("emea");
            UUID job = tx.execute(s -> provisioning.schedule(spec, JobKind.PROVISION));
            // let it get going, then kill whichever worker holds it in the middle of a step
            waitUntil(
                    Duration.ofSeconds(30),
                    () -> count(
                                    "select count(*) from provisioning_step where job_id = ?"
                                            + " and status = 'SUCCEEDED'",
                                    job)
                            >= 2);
            waitUntil(
                    Duration.ofSeconds(30),
                    () -> count(
                                    "select count(*) from provisioning_step where job_id = ?"
                                            + " and status = 'RUNNING'",
                                    job)
                            == 1);
            String holder = jdbc.queryForObject("select worker from provisioning_job where id = ?", String.class, job);
            int ordinal = jdbc.queryForObject(
                    "select ordinal from provisioning_step where job_id = ? and status = 'RUNNING'",
                    Integer.class,
                    job);
            Process victim = holder != null && holder.startsWith("recovery-a") ? a : b;
            victim.destroyForcibly().waitFor();
            Instant killed = Instant.now();
            waitUntil(
                    Duration.ofMinutes(3),
                    () -> count(
                                    "select count(*) from provisioning_step where job_id = ?" + " and ordinal = "
                                            + ordinal + " and attempts >= 2",
                                    job)
                            == 1);
            Timestamp resumed = jdbc.queryForObject(
                    "select started_at from provisioning_step where job_id = ? and ordinal = ?",
                    Timestamp.class,
                    job,
                    ordinal);
            double ms = Duration.between(killed, resumed.toInstant()).toNanos() / 1e6;
            recoveries.add(ms);
            waitUntil(
                    Duration.ofMinutes(2),
                    () -> count("select count(*) from provisioning_job where id = ?" + " and status = 'SUCCEEDED'", job)
                            == 1);
            int creations = count("select count(*) from provisioning_step where job_id = ? and attempts > 1", job);
            System.out.printf(
                    "  round %d: killed %s in step %d; resumed on the other after %.0f ms; steps repeated: %d%n",
                    round + 1, holder, ordinal, ms, creations);
            stopWorkers();
        }
        report(
                "recovery after SIGKILL mid-step (heartbeat " + settings.get("db-scheduler.heartbeat-interval") + " x "
                        + settings.get("db-scheduler.missed-heartbeats-limit") + " missed)",
                recoveries);
    }

    // ---------------------------------------------------------------- workers

    /** A worker process with the C1-only start-up flags (quick to start on a loaded machine). */
    private Process startWorker(String name, Map<String, String> settings) throws IOException, InterruptedException {
        return startWorker(name, settings, true);
    }

    private Process startWorker(String name, Map<String, String> settings, boolean c1)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("worker-" + name + "-", ".log");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m"));
        if (c1) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        if (args.containsKey("jfr")) {
            command.add("-XX:StartFlightRecording=settings=profile,filename="
                    + Path.of(args.get("jfr"), name + ".jfr").toAbsolutePath());
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                ProvisioningWorkerApplication.class.getName(),
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=0",
                "--db-scheduler.scheduler-name=" + name,
                "--spring.main.banner-mode=off",
                "--logging.level.dev.demoportal.provisioning.worker.JobRunner=WARN",
                "--spring.main.sources=" + StatementCounting.class.getName()));
        Map<String, String> all = new LinkedHashMap<>(Map.of("portal.provisioning.simulated.latency", "0s"));
        all.putAll(settings);
        all.forEach((k, v) -> command.add("--" + k + "=" + v));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        workers.add(process);
        logs.add(log);
        // a JVM start on a loaded two-core machine (two of them at once) can take minutes
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!Files.readString(log).contains("Provisioning worker ready")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("worker " + name + " did not start; see " + log);
            }
            Thread.sleep(200);
        }
        return process;
    }

    /** Stops the workers; returns the statements and commits they counted ({@link StatementCounting}). */
    private Map<String, Long> stopWorkers() throws InterruptedException {
        for (Process p : workers) {
            p.destroy();
        }
        for (Process p : workers) {
            p.waitFor();
        }
        workers.clear();
        Map<String, Long> counted = new LinkedHashMap<>();
        for (Path log : logs) {
            try {
                Files.readAllLines(log).stream()
                        .filter(line -> line.startsWith(StatementCounting.SQL_PREFIX))
                        .map(line -> line.substring(StatementCounting.SQL_PREFIX.length())
                                .trim()
                                .split(" ", 2))
                        .forEach(pair -> sqlCounts.merge(pair[1], Long.parseLong(pair[0]), Long::sum));
                Files.readAllLines(log).stream()
                        .filter(line -> line.startsWith(StatementCounting.PREFIX))
                        .flatMap(line -> Arrays.stream(line.substring(StatementCounting.PREFIX.length())
                                .trim()
                                .split(" ")))
                        .map(pair -> pair.split("="))
                        .forEach(pair -> counted.merge(pair[0], Long.parseLong(pair[1]), Long::sum));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        logs.clear();
        return counted;
    }

    // ---------------------------------------------------------------- helpers

    private SandboxSpec sandbox(String region) {
        String name = "bench-" + (++sandboxNumber) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        UUID id = sandboxes.approvedSandbox(name, region);
        String awsRegion = switch (region) {
            case "na" -> "us-east-1";
            case "apj" -> "ap-southeast-2";
            default -> "eu-west-1";
        };
        return new SandboxSpec(id, name, "bench", "bench", region, awsRegion, "bench-users", null, Map.of());
    }

    private int finishedJobs() {
        return jdbc.queryForObject("select count(*) from provisioning_job where status = 'SUCCEEDED'", Integer.class);
    }

    private int count(String sql, UUID job) {
        return jdbc.queryForObject(sql, Integer.class, job);
    }

    private void awaitFinished(int succeeded, Duration atMost) throws InterruptedException {
        waitUntil(atMost, () -> finishedJobs() >= succeeded);
    }

    private void awaitFinished(int succeeded, Duration atMost, Duration every) throws InterruptedException {
        waitUntil(atMost, every, () -> finishedJobs() >= succeeded);
    }

    private static void waitUntil(Duration atMost, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        waitUntil(atMost, Duration.ofMillis(20), condition);
    }

    private static void waitUntil(Duration atMost, Duration every, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + atMost);
            }
            Thread.sleep(every.toMillis());
        }
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf(
                "%n%s%n  p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms, min %.0f ms (n=%d)%n",
                what,
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted.getLast(),
                sorted.getFirst(),
                sorted.size());
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
