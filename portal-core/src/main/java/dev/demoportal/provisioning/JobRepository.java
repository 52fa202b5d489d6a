package dev.demoportal.provisioning;

import dev.demoportal.provisioning.JobSummary.JobStatus;
import dev.demoportal.provisioning.JobSummary.StepStatus;
import dev.demoportal.provisioning.JobSummary.StepSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs and steps in SQL. Plain JDBC rather than JPA: steps are updated one column set at a time
 * by the worker while the portal reads them, and every change is a single guarded UPDATE.
 */
@Repository
class JobRepository {

    /** Reads what older or newer versions stored too: a field it does not know is skipped. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored job row, as the runner and the views need it. */
    record JobRow(
            UUID id,
            UUID sandboxId,
            JobKind kind,
            JobStatus status,
            String regionCode,
            SandboxSpec spec,
            Map<String, String> drivers,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable String errorMessage,
            @Nullable String worker,
            @Nullable String traceParent) {}

    void insertJob(UUID id, SandboxSpec spec, JobKind kind, Instant now, @Nullable String traceParent) {
        jdbc.sql("""
                insert into provisioning_job (id, sandbox_id, kind, status, region_code, spec, created_at, trace_parent)
                values (?, ?, ?, 'QUEUED', ?, ?::jsonb, ?, ?)""")
                .params(
                        id,
                        spec.sandboxId(),
                        kind.name(),
                        spec.regionCode(),
                        JSON.writeValueAsString(spec),
                        Timestamp.from(now),
                        traceParent)
                .update();
    }

    boolean hasOpenJob(UUID sandboxId) {
        return jdbc.sql(
                        "select exists (select 1 from provisioning_job where sandbox_id = ? and status in ('QUEUED', 'RUNNING'))")
                .param(sandboxId)
                .query(Boolean.class)
                .single();
    }

    /** The plan in one statement: approvals schedule jobs in bulk (one round trip, not one per step). */
    void insertSteps(UUID jobId, List<ProvisioningPlan.PlannedStep> plan) {
        Integer[] ordinals = new Integer[plan.size()];
        String[] layers = new String[plan.size()];
        String[] names = new String[plan.size()];
        for (int i = 0; i < plan.size(); i++) {
            ordinals[i] = i + 1;
            layers[i] = plan.get(i).layer().code();
            names[i] = plan.get(i).name();
        }
        jdbc.sql("""
                insert into provisioning_step (job_id, ordinal, layer, name, status)
                select ?, ordinal, layer, name, 'PENDING' from unnest(?::int[], ?::text[], ?::text[]) as p(ordinal, layer, name)""").params(jobId, ordinals, layers, names).update();
    }

    Optional<JobRow> job(UUID id) {
        return jdbc.sql("select * from provisioning_job where id = ?")
                .param(id)
                .query(JobRepository::jobRow)
                .optional();
    }

    /** Locks the job row: the runner's transitions and a person's retry never interleave. */
    Optional<JobRow> lockJob(UUID id) {
        return jdbc.sql("select * from provisioning_job where id = ? for update")
                .param(id)
                .query(JobRepository::jobRow)
                .optional();
    }

    List<JobRow> jobsOfSandbox(UUID sandboxId) {
        return jdbc.sql("select * from provisioning_job where sandbox_id = ? order by created_at desc, id")
                .param(sandboxId)
                .query(JobRepository::jobRow)
                .list();
    }

    List<StepSummary> steps(UUID jobId) {
        return jdbc.sql("select * from provisioning_step where job_id = ? order by ordinal")
                .param(jobId)
                .query(JobRepository::stepRow)
                .list();
    }

    Map<UUID, List<StepSummary>> stepsOfSandbox(UUID sandboxId) {
        Map<UUID, List<StepSummary>> byJob = new LinkedHashMap<>();
        jdbc.sql("""
                select s.* from provisioning_step s join provisioning_job j on j.id = s.job_id
                where j.sandbox_id = ? order by s.job_id, s.ordinal""")
                .param(sandboxId)
                .query((rs, n) -> {
                    byJob.computeIfAbsent(rs.getObject("job_id", UUID.class), k -> new ArrayList<>())
                            .add(stepRow(rs, n));
                    return null;
                })
                .list();
        return byJob;
    }

    /**
     * The claim's first statement: locks the job row, then its region (a transaction-scoped advisory
     * lock taken after the row lock, in the outer query), so two workers cannot both see the last
     * free slot of a region. The count comes in the next statement, whose snapshot is taken after
     * both locks are held. Empty when there is no such job.
     */
    Optional<JobRow> lockJobAndRegion(UUID id) {
        return jdbc.sql("""
                select j.*, pg_advisory_xact_lock(hashtext('provisioning-region:' || j.region_code))::text as region_lock
                from (select * from provisioning_job where id = ? for update) j""").param(id).query(JobRepository::jobRow).optional();
    }

    /**
     * What the claiming statement found and did: the jobs already claimed in the region, whether this
     * job is now claimed, whether its first step that has not succeeded started, and its steps as they
     * were before the statement.
     */
    record ClaimRow(int runningInRegion, boolean claimed, boolean firstStarted, List<StepSummary> steps) {}

    /**
     * Claims a job locked by {@link #lockJobAndRegion} in one statement: counts the region's claimed
     * jobs, marks this one claimed by {@code worker} if that count is below {@code maxInRegion} (with
     * the {@code sandbox_changed} NOTIFY), starts its first step that has not succeeded when
     * {@code startFirst}, and returns its steps. The job row is locked: nobody moves its steps
     * meanwhile.
     */
    ClaimRow claim(
            UUID id,
            String regionCode,
            String worker,
            Map<String, String> drivers,
            Instant now,
            boolean firstStart,
            int maxInRegion,
            boolean startFirst) {
        List<ClaimLine> lines = jdbc.sql("""
                with running as (
                    select count(*)::int as n from provisioning_job
                    where region_code = :region and status = 'RUNNING' and worker is not null and id <> :job),
                claimed as (
                    update provisioning_job set status = 'RUNNING', worker = :worker, heartbeat_at = :now,
                        drivers = :drivers::jsonb, started_at = case when :firstStart then :now else coalesce(started_at, :now) end,
                        version = version + 1
                    where id = :job and status in""" + in(JobStatus.into(JobStatus.RUNNING)) + """
                     and (select n from running) < :max
                    returning pg_notify('sandbox_changed', sandbox_id::text)::text),
                started as (
                    update provisioning_step set status = 'RUNNING', attempts = attempts + 1, started_at = :now,
                        finished_at = null, error = null
                    where job_id = :job and :startFirst and exists (select from claimed)
                      and ordinal = (select min(ordinal) from provisioning_step
                                     where job_id = :job and status not in ('SUCCEEDED', 'SKIPPED'))
                      and status in"""
                        + in(StepStatus.into(StepStatus.RUNNING)) + """

                    returning ordinal)
                select (select n from running) as running_in_region, exists (select from claimed) as claimed,
                       exists (select from started) as first_started, s.*
                from (select 1) head left join provisioning_step s on s.job_id = :job
                order by s.ordinal""")
                .param("region", regionCode)
                .param("job", id)
                .param("worker", worker)
                .param("now", Timestamp.from(now))
                .param("drivers", JSON.writeValueAsString(drivers))
                .param("firstStart", firstStart)
                .param("max", maxInRegion)
                .param("startFirst", startFirst)
                .query((rs, n) -> new ClaimLine(
                        rs.getInt("running_in_region"),
                        rs.getBoolean("claimed"),
                        rs.getBoolean("first_started"),
                        rs.getObject("job_id") == null ? null : stepRow(rs, n)))
                .list();
        ClaimLine head = lines.getFirst();
        List<StepSummary> steps =
                lines.stream().map(ClaimLine::step).filter(Objects::nonNull).toList();
        if (!head.claimed() && head.runningInRegion() < maxInRegion) {
            movedJob(0, id, JobStatus.RUNNING);
        }
        if (head.claimed() && startFirst && !head.firstStarted()) {
            // the claim is refused with it (the caller's transaction rolls back)
            steps.stream()
                    .filter(s -> s.status() != StepStatus.SUCCEEDED && s.status() != StepStatus.SKIPPED)
                    .findFirst()
                    .ifPresent(first -> movedStep(0, id, first.ordinal(), StepStatus.RUNNING));
        }
        return new ClaimRow(head.runningInRegion(), head.claimed(), head.firstStarted(), steps);
    }

    /** A row of the claiming statement: the head repeated on each of the job's steps. */
    private record ClaimLine(
            int runningInRegion,
            boolean claimed,
            boolean firstStarted,
            @Nullable StepSummary step) {}

    /** Hands the job back (backoff, no capacity, shutdown); fenced on the worker that holds it. */
    int release(UUID id, String worker, Instant now) {
        return jdbc.sql(
                        "update provisioning_job set worker = null, heartbeat_at = ?, version = version + 1 where id = ? and worker = ?")
                .params(Timestamp.from(now), id, worker)
                .update();
    }

    /** True when {@code worker} still holds the job: a worker declared dead must not write over its successor. */
    boolean touch(UUID id, String worker, Instant now) {
        return jdbc.sql("""
                update provisioning_job set heartbeat_at = ?, version = version + 1
                where id = ? and worker = ? and status = 'RUNNING'""").params(Timestamp.from(now), id, worker).update() == 1;
    }

    void finishStep(
            UUID jobId,
            int ordinal,
            StepStatus status,
            Map<String, String> output,
            String log,
            @Nullable String error,
            @Nullable Instant finishedAt) {
        int updated = jdbc.sql("""
                update provisioning_step set status = ?, output = ?::jsonb, log = log || ?, error = ?, finished_at = ?
                where job_id = ? and ordinal = ? and status in""" + in(StepStatus.into(status)))
                .params(
                        status.name(),
                        JSON.writeValueAsString(output),
                        log,
                        error,
                        finishedAt == null ? null : Timestamp.from(finishedAt),
                        jobId,
                        ordinal)
                .update();
        movedStep(updated, jobId, ordinal, status);
    }

    /**
     * Starts a step in one statement: fenced on the worker holding the job (which is touched), with
     * the {@code sandbox_changed} NOTIFY. Returns the attempt number; empty when no row changed (see
     * {@link #refused}).
     */
    OptionalInt startStepFenced(UUID jobId, String worker, int ordinal, Instant now) {
        return jdbc.sql("""
                with fence as (
                    update provisioning_job set heartbeat_at = :now, version = version + 1
                    where id = :job and worker = :worker and status = 'RUNNING'
                    returning sandbox_id),
                started as (
                    update provisioning_step set status = 'RUNNING', attempts = attempts + 1, started_at = :now,
                        finished_at = null, error = null
                    where job_id = :job and ordinal = :ordinal and status in""" + in(StepStatus.into(StepStatus.RUNNING)) + """
                     and exists (select from fence)
                    returning attempts)
                select s.attempts, pg_notify('sandbox_changed', f.sandbox_id::text)::text
                from fence f, started s""")
                .param("now", Timestamp.from(now))
                .param("job", jobId)
                .param("worker", worker)
                .param("ordinal", ordinal)
                .query((rs, n) -> rs.getInt(1))
                .optional()
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    /**
     * A step succeeded and, when {@code next} is given, the next one starts: one statement, fenced on
     * the worker holding the job (which is touched), with the NOTIFY. {@code lastOfJob} also
     * completes the job. Returns the next step's attempt number (0 without a next step); empty when
     * nothing changed (see {@link #refused}). A next step that cannot start is refused with
     * {@link IllegalStepTransition}.
     */
    OptionalInt succeedStepFenced(
            UUID jobId,
            String worker,
            int ordinal,
            Map<String, String> output,
            String log,
            Instant now,
            @Nullable Integer next,
            boolean lastOfJob) {
        String job = lastOfJob ? """
                    update provisioning_job set status = 'SUCCEEDED', finished_at = :now, error_message = null,
                        worker = null, heartbeat_at = :now, version = version + 1""" : "update provisioning_job set heartbeat_at = :now, version = version + 1";
        Optional<Integer> row = jdbc.sql("with fence as (" + job + """

                    where id = :job and worker = :worker and status = 'RUNNING'
                    returning sandbox_id),
                finished as (
                    update provisioning_step set status = 'SUCCEEDED', output = :output::jsonb, log = log || :log,
                        error = null, finished_at = :now
                    where job_id = :job and ordinal = :ordinal and status in""" + in(StepStatus.into(StepStatus.SUCCEEDED))
                        + """
                     and exists (select from fence)
                    returning ordinal),
                started as (
                    update provisioning_step set status = 'RUNNING', attempts = attempts + 1, started_at = :now,
                        finished_at = null, error = null
                    where job_id = :job and ordinal = :next and status in""" + in(StepStatus.into(StepStatus.RUNNING))
                        + """
                     and exists (select from finished)
                    returning attempts)
                select coalesce((select attempts from started), 0),
                       (select :next::int is null or exists (select from started)),
                       pg_notify('sandbox_changed', f.sandbox_id::text)::text
                from fence f, finished""")
                .param("now", Timestamp.from(now))
                .param("job", jobId)
                .param("worker", worker)
                .param("ordinal", ordinal)
                .param("output", JSON.writeValueAsString(output))
                .param("log", log)
                .param("next", next, Types.INTEGER)
                .query((rs, n) -> rs.getBoolean(2) ? rs.getInt(1) : -1)
                .optional();
        if (row.isEmpty()) {
            return OptionalInt.empty();
        }
        if (row.get() < 0 && next != null) {
            // the finished step was written; the caller's transaction rolls it back with this
            movedStep(0, jobId, next, StepStatus.RUNNING);
            throw new IllegalStateException("Step " + next + " of job " + jobId + " did not start");
        }
        return OptionalInt.of(row.get());
    }

    /**
     * Why a fenced write changed nothing: the job is no longer {@code worker}'s (false), or a step
     * was not in a state it may move from (throws {@link IllegalStepTransition}).
     */
    boolean refused(UUID jobId, String worker, int ordinal, StepStatus to) {
        boolean held = jdbc.sql(
                        "select exists (select 1 from provisioning_job where id = ? and worker = ? and status = 'RUNNING')")
                .params(jobId, worker)
                .query(Boolean.class)
                .single();
        if (!held) {
            return false;
        }
        movedStep(0, jobId, ordinal, to);
        throw new IllegalStateException("Step " + ordinal + " of job " + jobId + " did not move to " + to);
    }

    void keepStepState(UUID jobId, int ordinal, Map<String, String> state) {
        jdbc.sql("update provisioning_step set state = ?::jsonb where job_id = ? and ordinal = ?")
                .params(JSON.writeValueAsString(state), jobId, ordinal)
                .update();
    }

    void finishJob(UUID id, JobStatus status, @Nullable String errorMessage, Instant now) {
        int updated = jdbc.sql("""
                update provisioning_job set status = ?, finished_at = ?, error_message = ?, worker = null,
                    heartbeat_at = ?, version = version + 1
                where id = ? and status in""" + in(JobStatus.into(status)))
                .params(status.name(), Timestamp.from(now), errorMessage, Timestamp.from(now), id)
                .update();
        movedJob(updated, id, status);
    }

    /** Puts a failed job back in the queue from its failed step; the earlier steps keep their results. */
    void requeue(UUID id, String logLine) {
        jdbc.sql("""
                update provisioning_step set status = 'PENDING', attempts = 0, finished_at = null, log = log || ?
                where job_id = ? and status in""" + in(StepStatus.into(StepStatus.PENDING)))
                .params(logLine, id)
                .update();
        int updated =
                jdbc.sql("""
                update provisioning_job set status = 'QUEUED', finished_at = null, error_message = null, worker = null,
                    version = version + 1
                where id = ? and status in""" + in(JobStatus.into(JobStatus.QUEUED))).param(id).update();
        movedJob(updated, id, JobStatus.QUEUED);
    }

    /**
     * Cancels the rollback waiting for its deadline (queued, never started) of a sandbox; its
     * db-scheduler execution then finds nothing to run. Returns whether there was one.
     */
    boolean cancelPendingRollback(UUID sandboxId, String reason, Instant now) {
        return jdbc.sql("""
                update provisioning_job set status = 'CANCELLED', finished_at = ?, error_message = ?,
                    version = version + 1
                where sandbox_id = ? and kind = 'ROLLBACK' and status = 'QUEUED' and started_at is null""").params(Timestamp.from(now), reason, sandboxId).update() > 0;
    }

    /** Whether a rollback of the sandbox started after {@code since}: what ran before it may be undone. */
    boolean rollbackStartedSince(UUID sandboxId, Instant since) {
        return jdbc.sql("""
                select exists (select 1 from provisioning_job where sandbox_id = ? and kind = 'ROLLBACK'
                    and started_at is not null and created_at >= ?)""")
                .params(sandboxId, Timestamp.from(since))
                .query(Boolean.class)
                .single();
    }

    /**
     * Every status write names the states it may come from ({@link JobStatus#next()}); no row
     * changed means the job is elsewhere, and the move is refused.
     */
    private void movedJob(int updated, UUID id, JobStatus to) {
        if (updated == 0) {
            Optional<JobStatus> current = jdbc.sql("select status from provisioning_job where id = ?")
                    .param(id)
                    .query(String.class)
                    .optional()
                    .map(JobStatus::valueOf);
            if (current.isPresent()) {
                throw new IllegalJobTransition(current.get(), to);
            }
        }
    }

    private void movedStep(int updated, UUID jobId, int ordinal, StepStatus to) {
        if (updated == 0) {
            Optional<StepStatus> current = jdbc.sql(
                            "select status from provisioning_step where job_id = ? and ordinal = ?")
                    .params(jobId, ordinal)
                    .query(String.class)
                    .optional()
                    .map(StepStatus::valueOf);
            if (current.isPresent()) {
                throw new IllegalStepTransition(current.get(), to);
            }
        }
    }

    /** {@code " ('A', 'B')"}: the states as an SQL list (enum names, never input). */
    private static String in(Set<? extends Enum<?>> states) {
        return states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", " (", ")"));
    }

    /** Jobs per status, for the worker's gauges. */
    Map<JobStatus, Integer> countByStatus() {
        Map<JobStatus, Integer> counts = new LinkedHashMap<>();
        jdbc.sql(
                        "select status, count(*) from provisioning_job where status in ('QUEUED', 'RUNNING', 'FAILED') group by status")
                .query((rs, n) -> counts.put(JobStatus.valueOf(rs.getString(1)), rs.getInt(2)))
                .list();
        return counts;
    }

    /** Start of the oldest job still running, if any. */
    Optional<Instant> oldestRunningStart() {
        return jdbc.sql("select min(coalesce(started_at, created_at)) from provisioning_job where status = 'RUNNING'")
                .query((rs, n) -> Optional.ofNullable(instant(rs, 1)))
                .single();
    }

    void notifySandboxChanged(UUID sandboxId) {
        jdbc.sql("select pg_notify('sandbox_changed', ?)")
                .param(sandboxId.toString())
                .query()
                .singleRow();
    }

    void notifyJobScheduled(UUID jobId) {
        jdbc.sql("select pg_notify('provisioning_job_scheduled', ?)")
                .param(jobId.toString())
                .query()
                .singleRow();
    }

    private static JobRow jobRow(ResultSet rs, int n) throws SQLException {
        return new JobRow(
                rs.getObject("id", UUID.class),
                rs.getObject("sandbox_id", UUID.class),
                JobKind.valueOf(rs.getString("kind")),
                JobStatus.valueOf(rs.getString("status")),
                rs.getString("region_code"),
                JSON.readValue(rs.getString("spec"), SandboxSpec.class),
                JSON.readValue(rs.getString("drivers"), STRING_MAP),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("error_message"),
                rs.getString("worker"),
                rs.getString("trace_parent"));
    }

    private static StepSummary stepRow(ResultSet rs, int n) throws SQLException {
        return new StepSummary(
                rs.getInt("ordinal"),
                Layer.of(rs.getString("layer")),
                rs.getString("name"),
                StepStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                JSON.readValue(rs.getString("output"), STRING_MAP),
                rs.getString("log"),
                rs.getString("error"),
                JSON.readValue(rs.getString("state"), STRING_MAP));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
