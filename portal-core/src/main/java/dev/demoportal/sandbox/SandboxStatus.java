package dev.demoportal.sandbox;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a sandbox is in its life; the API shows these names as they are. {@link #next()} is the one
 * table of the moves a sandbox may make; {@link Sandbox} refuses any other.
 */
public enum SandboxStatus {
    REQUESTED("Waiting for approval"),
    APPROVED("Approved, queued"),
    REJECTED("Rejected"),
    CANCELLED("Cancelled"),
    PROVISIONING("Provisioning"),
    READY("Ready"),
    TEARING_DOWN("Tearing down"),
    TORN_DOWN("Torn down"),
    FAILED("Failed");

    private final String label;

    SandboxStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Who moves a sandbox where: a person decides a request (approved, rejected, cancelled); the
     * provisioning job starts, succeeds or fails (APPROVED or a retried FAILED to PROVISIONING, on to
     * READY or FAILED); teardown starts from READY or FAILED (asked for, expired, failed and not
     * retried, or a failed teardown retried) and ends TORN_DOWN or FAILED. A job's end is what
     * happened to the resources, so the sandbox follows it from any state a job can run in: a
     * teardown job that succeeded leaves it TORN_DOWN (also a repeated one, which finds nothing), a
     * failed job leaves it FAILED.
     */
    private static final Map<SandboxStatus, Set<SandboxStatus>> NEXT = Map.of(
            REQUESTED, EnumSet.of(APPROVED, REJECTED, CANCELLED),
            APPROVED, EnumSet.of(PROVISIONING, FAILED, TORN_DOWN),
            REJECTED, EnumSet.noneOf(SandboxStatus.class),
            CANCELLED, EnumSet.noneOf(SandboxStatus.class),
            PROVISIONING, EnumSet.of(READY, FAILED, TORN_DOWN),
            READY, EnumSet.of(TEARING_DOWN, FAILED, TORN_DOWN),
            TEARING_DOWN, EnumSet.of(TORN_DOWN, FAILED),
            TORN_DOWN, EnumSet.of(TORN_DOWN),
            FAILED, EnumSet.of(PROVISIONING, TEARING_DOWN, TORN_DOWN));

    /** The states a sandbox in this one may move to. */
    public Set<SandboxStatus> next() {
        return Set.copyOf(NEXT.getOrDefault(this, Set.of()));
    }

    public boolean canMoveTo(SandboxStatus next) {
        return NEXT.getOrDefault(this, Set.of()).contains(next);
    }

    /**
     * Counts against the organisation's quota: everything that holds or will hold resources (a
     * failed sandbox may hold some until it is torn down).
     */
    public boolean active() {
        return !finished();
    }

    /** Over for good: nothing more happens to it, and it holds nothing. */
    public boolean finished() {
        return this == REJECTED || this == CANCELLED || this == TORN_DOWN;
    }
}
