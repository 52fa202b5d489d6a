package dev.demoportal.provisioning;

import dev.demoportal.base.Conflict;
import dev.demoportal.provisioning.JobSummary.JobStatus;
import java.util.Locale;
import java.util.Map;

/** A job was asked to move to a state it cannot reach from its current one ({@link JobStatus#next()}). */
public class IllegalJobTransition extends Conflict {

    private final JobStatus from;
    private final JobStatus to;

    public IllegalJobTransition(JobStatus from, JobStatus to) {
        super(
                "provisioning.illegal_job_transition",
                "A job that is " + from.name().toLowerCase(Locale.ROOT) + " cannot become "
                        + to.name().toLowerCase(Locale.ROOT) + ".");
        this.from = from;
        this.to = to;
    }

    @Override
    public Map<String, Object> problemProperties() {
        return Map.of("from", from.name(), "to", to.name());
    }

    public JobStatus from() {
        return from;
    }

    public JobStatus to() {
        return to;
    }
}
