package dev.demoportal.sandbox;

import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import dev.demoportal.provisioning.JobKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Domain events of the sandbox feature. Every {@link SandboxChange} is a state change of one
 * sandbox: audited, and announced on {@code sandbox_changed} when it commits.
 */
public final class SandboxEvents {

    private SandboxEvents() {}

    /** Implemented by every event that changes a sandbox. */
    public interface SandboxChange extends AuditableEvent {
        SandboxSummary sandbox();

        @Override
        default String targetType() {
            return "sandbox";
        }

        @Override
        default String targetId() {
            return sandbox().id().toString();
        }

        @Override
        default UUID organisationId() {
            return sandbox().organisation().id();
        }
    }

    static Map<String, Object> describe(SandboxSummary s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", s.name());
        d.put("status", s.status().name());
        d.put("template", s.templateSlug());
        d.put("region", s.region());
        d.put("organisation", s.organisation().slug());
        return d;
    }

    /** What a failed job records: where it failed and why (the worker's message, never a secret). */
    static Map<String, Object> failure(
            SandboxSummary s, UUID jobId, JobKind kind, String layer, String step, String message) {
        Map<String, Object> d = describe(s);
        d.put("job", jobId.toString());
        d.put("kind", kind.name());
        d.put("layer", layer);
        d.put("step", step);
        d.put("message", message);
        return d;
    }

    public record SandboxRequested(Actor actor, SandboxSummary sandbox) implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.requested";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("lifetimeHours", sandbox.lifetimeHours());
            d.put("useCase", sandbox.useCase());
            return d;
        }
    }

    public record SandboxApproved(
            Actor actor,
            SandboxSummary sandbox,
            boolean byPolicy,
            @Nullable String note) implements SandboxChange {
        @Override
        public String action() {
            return byPolicy ? "sandbox.auto_approved" : "sandbox.approved";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("byPolicy", byPolicy);
            if (note != null) {
                d.put("note", note);
            }
            return d;
        }
    }

    public record SandboxRejected(
            Actor actor, SandboxSummary sandbox, @Nullable String note) implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.rejected";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            if (note != null) {
                d.put("note", note);
            }
            return d;
        }
    }

    /** Its organisation withdrew the request before anyone decided. */
    public record SandboxCancelled(Actor actor, SandboxSummary sandbox) implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.cancelled";
        }

        @Override
        public Map<String, Object> details() {
            return describe(sandbox);
        }
    }

    public record SandboxProvisioningStarted(Actor actor, SandboxSummary sandbox, UUID jobId) implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.provisioning";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("job", jobId.toString());
            return d;
        }
    }

    public record SandboxReady(Actor actor, SandboxSummary sandbox, UUID jobId) implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.ready";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("job", jobId.toString());
            d.put("expiresAt", String.valueOf(sandbox.expiresAt()));
            if (sandbox.accessUrl() != null) {
                d.put("accessUrl", sandbox.accessUrl());
            }
            d.put("secrets", sandbox.secretNames());
            return d;
        }
    }

    public record SandboxFailed(
            Actor actor, SandboxSummary sandbox, UUID jobId, JobKind kind, String layer, String step, String message)
            implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.failed";
        }

        @Override
        public Map<String, Object> details() {
            return failure(sandbox, jobId, kind, layer, step, message);
        }
    }

    /** A job that does not change the state failed (an extension's label update): noted, state kept. */
    public record SandboxJobFailed(
            Actor actor, SandboxSummary sandbox, UUID jobId, JobKind kind, String layer, String step, String message)
            implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.job_failed";
        }

        @Override
        public Map<String, Object> details() {
            return failure(sandbox, jobId, kind, layer, step, message);
        }
    }

    public record SandboxRetried(Actor actor, SandboxSummary sandbox, UUID jobId) implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.retried";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("job", jobId.toString());
            return d;
        }
    }

    public record SandboxExtended(Actor actor, SandboxSummary sandbox, Instant previousExpiry, int hours)
            implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.extended";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("hours", hours);
            d.put("previousExpiry", previousExpiry.toString());
            d.put("expiresAt", String.valueOf(sandbox.expiresAt()));
            return d;
        }
    }

    public record SandboxExtensionRequested(Actor actor, SandboxSummary sandbox, UUID request, int hours, String reason)
            implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.extension_requested";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("request", request.toString());
            d.put("hours", hours);
            d.put("reason", reason);
            return d;
        }
    }

    public record SandboxExtensionDecided(
            Actor actor,
            SandboxSummary sandbox,
            UUID request,
            boolean approved,
            int hours,
            @Nullable String note) implements SandboxChange {
        @Override
        public String action() {
            return approved ? "sandbox.extension_approved" : "sandbox.extension_rejected";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("request", request.toString());
            d.put("hours", hours);
            if (note != null) {
                d.put("note", note);
            }
            return d;
        }
    }

    public record SandboxExpiryWarned(Actor actor, SandboxSummary sandbox, int leadMinutes) implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.expiry_warning";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("leadMinutes", leadMinutes);
            d.put("expiresAt", String.valueOf(sandbox.expiresAt()));
            return d;
        }
    }

    /** Teardown began: because it expired, or because someone asked. */
    public record SandboxTeardownStarted(Actor actor, SandboxSummary sandbox, boolean expired)
            implements SandboxChange {
        @Override
        public String action() {
            return expired ? "sandbox.expired" : "sandbox.teardown_requested";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("expired", expired);
            return d;
        }
    }

    /**
     * Teardown began because the sandbox failed and nobody retried it within {@code keptFor} (its
     * clean-up deadline): it no longer holds resources or quota.
     */
    public record SandboxFailedCleanupStarted(
            Actor actor, SandboxSummary sandbox, Instant failedAt, java.time.Duration keptFor)
            implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.failed_cleanup";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("failedAt", failedAt.toString());
            d.put("keptFor", keptFor.toString());
            return d;
        }
    }

    public record SandboxTornDown(Actor actor, SandboxSummary sandbox, UUID jobId, Map<String, Object> receipt)
            implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.torn_down";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("job", jobId.toString());
            d.put("receipt", receipt);
            return d;
        }
    }

    /**
     * A failed provision's rollback is scheduled for {@code dueAt}: until then a person may retry
     * the failed step instead, which cancels it.
     */
    public record SandboxRollbackScheduled(Actor actor, SandboxSummary sandbox, UUID jobId, Instant dueAt)
            implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.rollback_scheduled";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("job", jobId.toString());
            d.put("dueAt", dueAt.toString());
            return d;
        }
    }

    /** What a failed provision made was removed; the sandbox stays failed and holds nothing. */
    public record SandboxRolledBack(Actor actor, SandboxSummary sandbox, UUID jobId, Map<String, Object> receipt)
            implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.rolled_back";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("job", jobId.toString());
            d.put("receipt", receipt);
            return d;
        }
    }

    /** Someone of the owner organisation looked at the secrets: audited, values never recorded. */
    public record SandboxSecretsRevealed(Actor actor, SandboxSummary sandbox, List<String> names)
            implements SandboxChange {
        @Override
        public String action() {
            return "sandbox.secrets_revealed";
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = describe(sandbox);
            d.put("secrets", names);
            return d;
        }
    }

    public record TemplateSaved(Actor actor, TemplateSummary template, boolean created) implements AuditableEvent {
        @Override
        public String action() {
            return created ? "sandbox.template_created" : "sandbox.template_updated";
        }

        @Override
        public String targetType() {
            return "sandbox_template";
        }

        @Override
        public String targetId() {
            return template.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("slug", template.slug());
            d.put("name", template.name());
            d.put("regions", template.regions());
            d.put("defaultLifetimeHours", template.defaultLifetimeHours());
            d.put("maxLifetimeHours", template.maxLifetimeHours());
            d.put("autoApprove", template.autoApprove());
            d.put("organisationQuota", template.organisationQuota());
            d.put("active", template.active());
            return d;
        }
    }

    public record QuotaOverrideSet(
            Actor actor,
            UUID organisation,
            String organisationSlug,
            String template,
            @Nullable Integer maxActive) implements AuditableEvent {
        @Override
        public String action() {
            return "sandbox.quota_set";
        }

        @Override
        public String targetType() {
            return "sandbox_template";
        }

        @Override
        public String targetId() {
            return template;
        }

        @Override
        public UUID organisationId() {
            return organisation;
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("organisation", organisationSlug);
            d.put("maxActive", maxActive == null ? "template default" : maxActive);
            return d;
        }
    }
}
