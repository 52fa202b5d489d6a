package dev.demoportal.provisioning;

import dev.demoportal.base.Conflict;

/** Only a failed job can be retried, and only while no other job of its sandbox is open. */
public class JobNotRetryable extends Conflict {

    public JobNotRetryable(String message) {
        super("provisioning.job-not-retryable", message);
    }
}
