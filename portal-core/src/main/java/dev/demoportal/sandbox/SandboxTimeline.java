package dev.demoportal.sandbox;

import dev.demoportal.audit.AuditEntry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Words for the audit trail's sandbox actions, as the sandbox's timeline shows them. */
final class SandboxTimeline {

    private SandboxTimeline() {}

    static TimelineEntry entry(AuditEntry e) {
        return new TimelineEntry(
                e.occurredAt(), e.actorName(), e.action(), label(e.action(), e.details()), e.details());
    }

    static String label(String action, Map<String, Object> d) {
        return switch (action) {
            case "sandbox.requested" -> "Requested for " + d.get("lifetimeHours") + " hours";
            case "sandbox.approved" -> "Approved" + (d.get("note") == null ? "" : ": " + d.get("note"));
            case "sandbox.auto_approved" -> "Approved by policy";
            case "sandbox.rejected" -> "Rejected" + (d.get("note") == null ? "" : ": " + d.get("note"));
            case "sandbox.cancelled" -> "Request cancelled";
            case "sandbox.provisioning" -> "Provisioning started";
            case "sandbox.ready" -> "Ready";
            case "sandbox.failed" -> "Failed at " + d.get("layer") + " / " + d.get("step") + ": " + d.get("message");
            case "sandbox.job_failed" ->
                "A " + String.valueOf(d.get("kind")).toLowerCase(Locale.ROOT) + " job failed at " + d.get("layer")
                        + " / " + d.get("step");
            case "sandbox.retried" -> "Retried";
            case "sandbox.extended" -> "Extended by " + d.get("hours") + " hours";
            case "sandbox.extension_requested" ->
                "Extension by " + d.get("hours") + " hours requested: " + d.get("reason");
            case "sandbox.extension_approved" ->
                "Extension approved" + (d.get("note") == null ? "" : ": " + d.get("note"));
            case "sandbox.extension_rejected" ->
                "Extension rejected" + (d.get("note") == null ? "" : ": " + d.get("note"));
            case "sandbox.expiry_warning" -> "Expiry warning sent (" + d.get("leadMinutes") + " minutes before)";
            case "sandbox.expired" -> "Expired; teardown started";
            case "sandbox.failed_cleanup" ->
                "Not retried within " + length(d.get("keptFor")) + " of failing; teardown started";
            case "sandbox.teardown_requested" -> "Teardown requested";
            case "sandbox.torn_down" -> "Torn down";
            case "sandbox.secrets_revealed" -> "Secrets revealed";
            default -> action;
        };
    }

    /** An ISO-8601 duration of the trail ("PT24H") in words ("24 hours"); anything else as it is. */
    private static String length(@Nullable Object iso) {
        try {
            return SandboxService.human(Duration.parse(String.valueOf(iso)));
        } catch (java.time.format.DateTimeParseException notADuration) {
            return String.valueOf(iso);
        }
    }
}
