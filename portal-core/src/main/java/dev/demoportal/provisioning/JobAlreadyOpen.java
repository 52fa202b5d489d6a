package dev.demoportal.provisioning;

import dev.demoportal.base.Conflict;

/** A sandbox runs one job at a time: another is queued or running. */
public class JobAlreadyOpen extends Conflict {

    public JobAlreadyOpen(String message) {
        super("provisioning.job-already-open", message);
    }
}
