package dev.demoportal.provisioning.worker;

/**
 * A further PostgreSQL channel the worker LISTENs on, on the one connection {@link JobWakeUp} keeps
 * for {@code provisioning_job_scheduled}: a listening connection is held for the life of the
 * process, so the worker keeps one, not one per feature (a pool of five in tests, with the portal's
 * own listeners in local mode, had none left for a request that needs two).
 *
 * @param onNotify called on the listening thread once per batch of notifications on the channel:
 *     it must hand the work off and return at once
 */
public record WorkerChannel(String channel, Runnable onNotify) {}
