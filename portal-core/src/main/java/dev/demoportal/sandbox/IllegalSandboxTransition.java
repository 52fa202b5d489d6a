package dev.demoportal.sandbox;

import dev.demoportal.base.Conflict;
import java.util.Locale;

/** A sandbox was asked to move to a state it cannot reach from its current one ({@link SandboxStatus#next()}). */
public class IllegalSandboxTransition extends Conflict {

    private final SandboxStatus from;
    private final SandboxStatus to;

    public IllegalSandboxTransition(SandboxStatus from, SandboxStatus to) {
        super(
                "sandbox.illegal_transition",
                "A sandbox that is " + from.label().toLowerCase(Locale.ROOT) + " cannot become "
                        + to.label().toLowerCase(Locale.ROOT) + ".");
        this.from = from;
        this.to = to;
    }

    @Override
    public java.util.Map<String, Object> problemProperties() {
        return java.util.Map.of("from", from.name(), "to", to.name());
    }

    public SandboxStatus from() {
        return from;
    }

    public SandboxStatus to() {
        return to;
    }
}
