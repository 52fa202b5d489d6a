package dev.demoportal.environment;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whether an environment can be booked. {@link #next()} is its transition table: the status is an
 * administrator's setting, not a process, so every move is allowed (also back from RETIRED, to
 * undo a mistake, and to itself when other fields are edited), and {@link SharedEnvironment} has
 * nothing to refuse. Narrowing the table is a product decision, pinned by EnvironmentStatusTest.
 */
public enum EnvironmentStatus {
    AVAILABLE("Available"),
    MAINTENANCE("In maintenance"),
    RETIRED("Retired");

    private final String label;

    EnvironmentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The states an environment in this one may be set to: all of them. */
    public Set<EnvironmentStatus> next() {
        return EnumSet.allOf(EnvironmentStatus.class);
    }

    public boolean canMoveTo(EnvironmentStatus next) {
        return next().contains(next);
    }
}
