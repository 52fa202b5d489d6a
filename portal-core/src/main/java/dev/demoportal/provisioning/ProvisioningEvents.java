package dev.demoportal.provisioning;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What provisioning tells the rest of the portal, published in the transaction that records it so
 * listeners (the sandbox lifecycle) change state atomically with the job. That transaction has sent
 * the {@code sandbox_changed} NOTIFY for the event's sandbox already (listeners need not send it).
 */
public final class ProvisioningEvents {

    private ProvisioningEvents() {}

    /** The first step of a job started (also after a retry). */
    public record JobStarted(UUID jobId, UUID sandboxId, JobKind kind) {}

    /**
     * Every step succeeded. {@code outputs} are non-secret facts for the owner (access URL, host
     * name, namespace, teardown receipt); {@code secrets} are values only the owner organisation may
     * see, and never logged: {@link #toString()} leaves them out.
     */
    public record JobSucceeded(
            UUID jobId, UUID sandboxId, JobKind kind, Map<String, String> outputs, Map<String, String> secrets) {

        @Override
        public String toString() {
            return "JobSucceeded[jobId=" + jobId + ", sandboxId=" + sandboxId + ", kind=" + kind + ", outputs="
                    + outputs + ", secrets=" + secrets.keySet() + "]";
        }
    }

    /** A step failed for good (permanent error, or retries used up); the job waits for retry or teardown. */
    public record JobFailed(UUID jobId, UUID sandboxId, JobKind kind, Layer layer, String step, String message) {}

    /**
     * A failed provision's rollback was scheduled: job {@code rollbackJobId} undoes the
     * {@code stepsToUndo} steps it ran at {@code dueAt}, unless a person retries the failed step first.
     */
    public record RollbackScheduled(
            UUID rollbackJobId, UUID failedJobId, UUID sandboxId, Instant dueAt, int stepsToUndo) {}
}
