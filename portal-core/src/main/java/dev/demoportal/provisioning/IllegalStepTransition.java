package dev.demoportal.provisioning;

import dev.demoportal.base.Conflict;
import dev.demoportal.provisioning.JobSummary.StepStatus;
import java.util.Locale;
import java.util.Map;

/** A step of a job was asked to move to a state it cannot reach from its current one ({@link StepStatus#next()}). */
public class IllegalStepTransition extends Conflict {

    private final StepStatus from;
    private final StepStatus to;

    public IllegalStepTransition(StepStatus from, StepStatus to) {
        super(
                "provisioning.illegal_step_transition",
                "A step that is " + from.name().toLowerCase(Locale.ROOT) + " cannot become "
                        + to.name().toLowerCase(Locale.ROOT) + ".");
        this.from = from;
        this.to = to;
    }

    @Override
    public Map<String, Object> problemProperties() {
        return Map.of("from", from.name(), "to", to.name());
    }

    public StepStatus from() {
        return from;
    }

    public StepStatus to() {
        return to;
    }
}
