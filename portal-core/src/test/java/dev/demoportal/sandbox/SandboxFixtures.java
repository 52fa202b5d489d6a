package dev.demoportal.sandbox;

import dev.demoportal.TestUsers;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.ProvisioningEvents;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People, templates and the worker's side of a job for sandbox tests. The worker is not part of
 * portal-core, so {@link #workerReports} does what it does when a job changes: updates the job row
 * and publishes the agreed {@link ProvisioningEvents} in that same transaction.
 */
final class SandboxFixtures {

    private static final String ISSUER = "https://idp.example/realms/demo";
    private static final AtomicInteger TEMPLATES = new AtomicInteger();

    private final UserService users;
    private final SandboxTemplateService templates;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final UserAccount admin;

    SandboxFixtures(
            UserService users,
            SandboxTemplateService templates,
            JdbcTemplate jdbc,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.users = users;
        this.templates = templates;
        this.jdbc = jdbc;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.admin = person("Alex Admin", Role.ADMIN, null);
    }

    /** Signs someone in through the IdP path; customers with their organisation claim. */
    UserAccount person(String name, Role role, @Nullable String organisation) {
        String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + "-"
                + UUID.randomUUID().toString().substring(0, 4) + "@"
                + (organisation == null
                        ? "demoportal.dev"
                        : organisation.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + ".example");
        return users.signIn(
                new MappedIdentity(ISSUER, "sub-" + UUID.randomUUID(), email, name, Set.of(role), organisation));
    }

    static void as(UserAccount who) {
        TestUsers.signInAs(who.id(), who.displayName(), who.roles().toArray(Role[]::new));
    }

    <T> T asAdmin(Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        as(admin);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    TemplateSummary template(boolean autoApprove, int defaultHours, int maxHours, int quota) {
        int n = TEMPLATES.incrementAndGet();
        return asAdmin(() -> templates.create(new TemplateForm(
                "tpl-" + n,
                "Template " + n,
                "A test template",
                "A namespace\nA demo app",
                List.of("emea", "na"),
                defaultHours,
                maxHours,
                autoApprove,
                quota,
                Map.of("namespaceCpu", "4"),
                true)));
    }

    /** The open job of a sandbox (the one the service scheduled), or null. */
    @Nullable
    UUID openJob(UUID sandboxId) {
        List<UUID> ids = jdbc.queryForList(
                "select id from provisioning_job where sandbox_id = ? " + "and status in ('QUEUED', 'RUNNING')",
                UUID.class,
                sandboxId);
        return ids.isEmpty() ? null : ids.getFirst();
    }

    JobKind openJobKind(UUID sandboxId) {
        return JobKind.valueOf(jdbc.queryForObject(
                "select kind from provisioning_job where sandbox_id = ? " + "and status in ('QUEUED', 'RUNNING')",
                String.class,
                sandboxId));
    }

    /** The worker starts, then finishes the open job successfully with these outputs and secrets. */
    void workerSucceeds(UUID sandboxId, Map<String, String> outputs, Map<String, String> secrets) {
        UUID job = openJob(sandboxId);
        JobKind kind = openJobKind(sandboxId);
        workerReports(job, "RUNNING", new ProvisioningEvents.JobStarted(job, sandboxId, kind));
        workerReports(job, "SUCCEEDED", new ProvisioningEvents.JobSucceeded(job, sandboxId, kind, outputs, secrets));
    }

    /** The worker starts the open job and it fails for good at {@code layer}/{@code step}. */
    UUID workerFails(UUID sandboxId, Layer layer, String step, String message) {
        UUID job = openJob(sandboxId);
        JobKind kind = openJobKind(sandboxId);
        workerReports(job, "RUNNING", new ProvisioningEvents.JobStarted(job, sandboxId, kind));
        workerReports(job, "FAILED", new ProvisioningEvents.JobFailed(job, sandboxId, kind, layer, step, message));
        return job;
    }

    void workerReports(UUID job, String status, Object event) {
        tx.executeWithoutResult(s -> {
            jdbc.update(
                    "update provisioning_job set status = ?, started_at = coalesce(started_at, now()), "
                            + "finished_at = case when ? in ('SUCCEEDED', 'FAILED') then now() end where id = ?",
                    status,
                    status,
                    job);
            if (!status.equals("RUNNING")) {
                // the worker's execution of a finished job is gone, as db-scheduler removes it
                jdbc.update(
                        "delete from scheduled_tasks where task_name = 'provisioning-job' and task_instance = ?",
                        job.toString());
            }
            events.publishEvent(event);
        });
    }

    String status(UUID sandboxId) {
        return jdbc.queryForObject("select status from sandbox where id = ?", String.class, sandboxId);
    }
}
