package dev.demoportal.provisioning;

import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import java.util.Map;
import java.util.UUID;

/** A person sent a failed job back to the queue, from its failed step. */
public record JobRetried(Actor actor, UUID jobId, UUID sandboxId, JobKind kind, String step) implements AuditableEvent {

    @Override
    public String action() {
        return "provisioning.job.retried";
    }

    @Override
    public String targetType() {
        return "sandbox";
    }

    @Override
    public String targetId() {
        return sandboxId.toString();
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("jobId", jobId.toString(), "kind", kind.name(), "step", step);
    }
}
