package dev.demoportal.usage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The present: slots held now, sandboxes expiring within a day, provisioning jobs that failed in the last week. */
public record NowSnapshot(Instant at, List<Held> held, List<Expiring> expiring, List<FailedJob> failedJobs) {

    public record Held(
            String environment,
            String environmentName,
            String region,
            int slot,
            String holder,
            Instant since,
            Instant until,
            String purpose,
            @Nullable String customer,
            boolean checkedIn) {}

    public record Expiring(
            UUID sandboxId,
            String sandbox,
            String organisation,
            String template,
            String region,
            Instant expiresAt,
            int extensions) {}

    public record FailedJob(
            UUID jobId,
            UUID sandboxId,
            String sandbox,
            String kind,
            String region,
            Instant failedAt,
            @Nullable String error) {}
}
