package dev.demoportal.provisioning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import dev.demoportal.provisioning.JobExecutionService;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.JobSummary;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import dev.demoportal.provisioning.ProvisioningEvents.JobSucceeded;
import dev.demoportal.provisioning.ProvisioningPlan;
import dev.demoportal.provisioning.ProvisioningService;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.worker.simulated.SimulatedCloud;
import dev.demoportal.provisioning.worker.simulated.SimulatedDriver;
import dev.demoportal.testing.PortalDatabaseTest;
import dev.demoportal.testing.SandboxRows;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two workers (two db-scheduler instances with their own connection pools) on one database. Many
 * jobs: every step runs once and every resource is made once. A worker that stops heartbeating
 * mid-step (its database connections gone, its thread stuck: as good as dead) has its job revived
 * by the other one, resumed at that step, and nothing it made is made again, even when the stuck
 * thread wakes up later and tries to carry on.
 */
@SpringBootTest(
        classes = ProvisioningWorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "db-scheduler.enabled=false",
            "portal.provisioning.simulated.latency=0s",
            "portal.provisioning.max-concurrent-per-region=100"
        })
@PortalDatabaseTest
@Import(RecordedEvents.class)
class TwoWorkersIT {

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    JobExecutionService executions;

    @Autowired
    ProvisioningProperties properties;

    @Autowired
    JobMetrics metrics;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    RecordedEvents events;

    @Autowired
    Clock clock;

    private SimulatedCloud cloud;
    private final List<Scheduler> schedulers = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();

    @BeforeEach
    void emptyCloud() {
        // the simulated cloud is in the class's database: each test counts only its own side effects
        jdbc.update("delete from simulated_resource");
        cloud = new SimulatedCloud(dataSource);
    }

    @AfterEach
    void stopWorkers() {
        schedulers.forEach(Scheduler::stop);
        pools.forEach(HikariDataSource::close);
    }

    /**
     * A worker: its own pool for db-scheduler; it is presumed dead after 5 missed heartbeats.
     * Short heartbeats make death noticed quickly, but on a busy 2-core machine they also make
     * live workers look dead: the many-jobs test keeps them at a second.
     */
    private Scheduler worker(String name, LayerDriver platformDriver, Duration heartbeat) {
        return worker(name, platformDriver, heartbeat, properties);
    }

    private Scheduler worker(
            String name, LayerDriver platformDriver, Duration heartbeat, ProvisioningProperties properties) {
        HikariDataSource spring = (HikariDataSource) dataSource;
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(spring.getJdbcUrl());
        pool.setUsername(spring.getUsername());
        pool.setPassword(spring.getPassword());
        pool.setMaximumPoolSize(4);
        pools.add(pool);
        LayerDrivers drivers = new LayerDrivers(List.of(
                new SimulatedDriver(Layer.GLOBAL, cloud, properties.simulated()),
                new SimulatedDriver(Layer.REGION_CORE, cloud, properties.simulated()),
                platformDriver));
        Scheduler[] self = new Scheduler[1];
        JobRunner runner = new JobRunner(
                executions,
                drivers,
                properties,
                metrics,
                clock,
                at -> self[0].triggerCheckForDueExecutions(),
                JobTracing.NONE);
        CustomTask<Void> task = Tasks.custom(WorkerConfiguration.PROVISIONING_JOB_TASK, Void.class)
                .onDeadExecutionRevive()
                .execute(runner::execute);
        self[0] = Scheduler.create(pool, task)
                .schedulerName(new SchedulerName.Fixed(name))
                .threads(4)
                .pollingInterval(Duration.ofMillis(50))
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(5)
                .pollUsingLockAndFetch(0.5, 3.0)
                .shutdownMaxWait(Duration.ofSeconds(1))
                .build();
        schedulers.add(self[0]);
        return self[0];
    }

    private SandboxSpec newSandbox(SandboxRows rows) {
        String name = "sb-" + UUID.randomUUID().toString().substring(0, 8);
        return new SandboxSpec(
                rows.approvedSandbox(name, "emea"),
                name,
                "acme",
                "web-shop",
                "emea",
                "eu-west-1",
                "acme-users",
                null,
                Map.of());
    }

    @Test
    void manyJobsOnTwoWorkersEveryStepRunsOnceAndNothingIsLost() {
        CountingDriver platformA =
                new CountingDriver(new SimulatedDriver(Layer.REGION_PLATFORM, cloud, properties.simulated()));
        CountingDriver platformB =
                new CountingDriver(new SimulatedDriver(Layer.REGION_PLATFORM, cloud, properties.simulated()));
        worker("worker-a", platformA, Duration.ofSeconds(1)).start();
        worker("worker-b", platformB, Duration.ofSeconds(1)).start();
        SandboxRows rows = new SandboxRows(dataSource);
        List<SandboxSpec> specs = new ArrayList<>();
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            SandboxSpec spec = newSandbox(rows);
            specs.add(spec);
            jobs.add(tx.execute(status -> provisioning.schedule(spec, JobKind.PROVISION)));
        }

        try {
            // other tests of this class share the database: count this test's jobs only
            Eventually.await(
                    Duration.ofSeconds(90),
                    () -> jdbc.queryForObject(
                                    "select count(*) from provisioning_job where status = 'SUCCEEDED' and id = any(?)",
                                    Integer.class,
                                    (Object) jobs.toArray(UUID[]::new))
                            == jobs.size());
        } catch (AssertionError e) {
            throw new AssertionError(
                    "jobs by status: "
                            + jdbc.queryForList("select status, count(*) from provisioning_job group by status")
                            + "; executions: "
                            + jdbc.queryForList(
                                    "select picked, picked_by, count(*) from scheduled_tasks group by 1, 2"),
                    e);
        }

        for (UUID job : jobs) {
            assertThat(provisioning.job(job).steps())
                    .allSatisfy(step -> assertThat(step.attempts()).isEqualTo(1));
            assertThat(events.of(JobSucceeded.class, job)).hasSize(1);
        }
        // 9 resources per sandbox (one per step that makes something and the hand-off kit's service
        // account), each created exactly once (this test's simulated cloud is its own)
        assertThat(cloud.totalCreations()).isEqualTo(9 * jobs.size());
        for (SandboxSpec spec : specs) {
            assertThat(cloud.creations("sim/region-platform/" + spec.name() + "/namespace"))
                    .isEqualTo(1);
        }
        // both workers took part, and between them applied each platform step once
        assertThat(platformA.applied.get()).isPositive();
        assertThat(platformB.applied.get()).isPositive();
        long platformSteps = ProvisioningPlan.of(JobKind.PROVISION).stream()
                .filter(step -> step.layer() == Layer.REGION_PLATFORM)
                .count();
        assertThat(platformA.applied.get() + platformB.applied.get()).isEqualTo(platformSteps * jobs.size());
        assertThat(jdbc.queryForObject(
                        "select count(*) from scheduled_tasks where task_instance = any(?)", Integer.class, (Object)
                                jobs.stream().map(UUID::toString).toArray(String[]::new)))
                .isZero();
    }

    @Test
    void aWorkerThatDiesMidStepHasItsJobResumedByTheOtherWithoutRepeatingSideEffects() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LayerDriver stuckInNamespace =
                new CountingDriver(new SimulatedDriver(Layer.REGION_PLATFORM, cloud, properties.simulated())) {
                    @Override
                    public StepResult apply(StepContext context) {
                        if (context.step().equals("namespace")) {
                            // the namespace is made, then the worker freezes before it can record that
                            StepResult result = super.apply(context);
                            entered.countDown();
                            awaitUninterruptibly(release);
                            return result;
                        }
                        return super.apply(context);
                    }
                };
        Scheduler a = worker("worker-a", stuckInNamespace, Duration.ofMillis(200));
        a.start();
        SandboxSpec spec = newSandbox(new SandboxRows(dataSource));
        UUID jobId = tx.execute(status -> provisioning.schedule(spec, JobKind.PROVISION));
        assertThat(entered.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        // worker A is now as good as dead: no connection to renew its heartbeat, its thread stuck
        pools.getFirst().close();
        long killed = System.nanoTime();
        worker(
                        "worker-b",
                        new SimulatedDriver(Layer.REGION_PLATFORM, cloud, properties.simulated()),
                        Duration.ofMillis(200))
                .start();

        // a limit for a loaded two-core machine; how fast recovery is, is the provisioning benchmark's
        Eventually.await(Duration.ofSeconds(60), () -> provisioning.job(jobId).status() == JobStatus.SUCCEEDED);
        Duration recovery = Duration.ofNanos(System.nanoTime() - killed);
        System.out.printf("recovered and finished %s after %d ms%n", jobId, recovery.toMillis());

        // the frozen thread wakes up and tries to record its step: it no longer holds the job
        release.countDown();
        Thread.sleep(300);

        JobSummary job = provisioning.job(jobId);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        for (StepSummary step : job.steps()) {
            attempts.put(step.name(), step.attempts());
        }
        // the step that was running is applied again (idempotently); the ones before are not repeated
        assertThat(attempts).containsEntry("namespace", 2);
        assertThat(attempts)
                .containsEntry("dns-record", 1)
                .containsEntry("workload-role", 1)
                .containsEntry("cluster-access", 1)
                .containsEntry("secrets", 1);
        // one per step that makes something, and the hand-off kit's service account: each made once
        assertThat(Set.copyOf(cloud.existing("sim/"))).hasSize(9);
        assertThat(cloud.totalCreations()).isEqualTo(9);
        assertThat(events.of(JobSucceeded.class, jobId)).hasSize(1);
    }

    @Test
    void aStoppingWorkerFinishesItsStepAndHandsTheRestOfTheJobBack() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountingDriver slowNamespace =
                new CountingDriver(new SimulatedDriver(Layer.REGION_PLATFORM, cloud, properties.simulated())) {
                    @Override
                    public StepResult apply(StepContext context) {
                        if (context.step().equals("namespace")) {
                            entered.countDown();
                            awaitUninterruptibly(release);
                        }
                        return super.apply(context);
                    }
                };
        Scheduler a = worker("worker-a", slowNamespace, Duration.ofSeconds(1));
        a.start();
        SandboxSpec spec = newSandbox(new SandboxRows(dataSource));
        UUID jobId = tx.execute(status -> provisioning.schedule(spec, JobKind.PROVISION));
        assertThat(entered.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        Thread stopping = Thread.ofPlatform().start(a::stop);
        Eventually.await(Duration.ofSeconds(30), () -> a.getSchedulerState().isShuttingDown());
        release.countDown();
        stopping.join(10_000);
        CountingDriver platformB =
                new CountingDriver(new SimulatedDriver(Layer.REGION_PLATFORM, cloud, properties.simulated()));
        worker("worker-b", platformB, Duration.ofSeconds(1)).start();

        Eventually.await(Duration.ofSeconds(60), () -> provisioning.job(jobId).status() == JobStatus.SUCCEEDED);
        JobSummary job = provisioning.job(jobId);
        assertThat(job.steps()).allSatisfy(step -> assertThat(step.attempts()).isEqualTo(1));
        // A finished the namespace, B did the remaining nine platform steps
        assertThat(slowNamespace.applied.get()).isEqualTo(1);
        assertThat(platformB.applied.get()).isEqualTo(9);
    }

    @Test
    void aFullRegionMakesJobsWaitWithoutHoldingAThreadWhileOtherRegionsGoOn() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LayerDriver slowFirst =
                new CountingDriver(new SimulatedDriver(Layer.REGION_PLATFORM, cloud, properties.simulated())) {
                    @Override
                    public StepResult apply(StepContext context) {
                        if (context.spec().name().startsWith("slow-")
                                && context.step().equals("namespace")) {
                            entered.countDown();
                            awaitUninterruptibly(release);
                        }
                        return super.apply(context);
                    }
                };
        ProvisioningProperties onePerRegion = new ProvisioningProperties(
                properties.drivers(),
                1,
                Duration.ofMillis(100),
                properties.retry(),
                properties.simulated(),
                properties.aws(),
                properties.pipelines(),
                properties.vault(),
                Map.of(),
                true);
        Scheduler a = worker("worker-a", slowFirst, Duration.ofSeconds(1), onePerRegion);
        a.start();
        SandboxRows rows = new SandboxRows(dataSource);
        String slowName = "slow-" + UUID.randomUUID().toString().substring(0, 8);
        SandboxSpec slow = new SandboxSpec(
                rows.approvedSandbox(slowName, "emea"),
                slowName,
                "acme",
                "web-shop",
                "emea",
                "eu-west-1",
                "acme-users",
                null,
                Map.of());
        UUID slowJob = tx.execute(s -> provisioning.schedule(slow, JobKind.PROVISION));
        assertThat(entered.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        SandboxSpec sameRegion = newSandbox(rows);
        String otherName = "na-" + UUID.randomUUID().toString().substring(0, 8);
        SandboxSpec otherRegion = new SandboxSpec(
                rows.approvedSandbox(otherName, "na"),
                otherName,
                "acme",
                "web-shop",
                "na",
                "us-east-1",
                "acme-users",
                null,
                Map.of());
        UUID waiting = tx.execute(s -> provisioning.schedule(sameRegion, JobKind.PROVISION));
        UUID other = tx.execute(s -> provisioning.schedule(otherRegion, JobKind.PROVISION));

        Eventually.await(Duration.ofSeconds(60), () -> provisioning.job(other).status() == JobStatus.SUCCEEDED);
        // emea is full: its second job has not started; its execution is put back with a later
        // time again and again instead of a thread waiting for capacity
        Timestamp firstTry = executionTime(waiting);
        Eventually.await(Duration.ofSeconds(60), () -> executionTime(waiting).after(firstTry));
        assertThat(provisioning.job(waiting).status()).isEqualTo(JobStatus.QUEUED);
        assertThat(provisioning.job(waiting).steps().getFirst().attempts()).isZero();

        release.countDown();
        Eventually.await(
                Duration.ofSeconds(60),
                () -> provisioning.job(waiting).status() == JobStatus.SUCCEEDED
                        && provisioning.job(slowJob).status() == JobStatus.SUCCEEDED);
        assertThat(provisioning.job(waiting).startedAt())
                .isAfterOrEqualTo(provisioning.job(slowJob).finishedAt());
    }

    private Timestamp executionTime(UUID job) {
        return jdbc.queryForObject(
                "select execution_time from scheduled_tasks where task_instance = ?", Timestamp.class, job.toString());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts the steps a worker's platform driver applied. */
    static class CountingDriver implements LayerDriver {

        final AtomicInteger applied = new AtomicInteger();
        private final LayerDriver delegate;

        CountingDriver(LayerDriver delegate) {
            this.delegate = delegate;
        }

        @Override
        public Layer layer() {
            return delegate.layer();
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public StepResult apply(StepContext context) {
            applied.incrementAndGet();
            return delegate.apply(context);
        }

        @Override
        public List<String> verifyGone(SandboxSpec spec) {
            return delegate.verifyGone(spec);
        }
    }
}
