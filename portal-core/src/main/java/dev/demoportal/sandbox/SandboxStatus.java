package dev.demoportal.sandbox;

/** Where a sandbox is in its life; the API shows these names as they are. */
public enum SandboxStatus {
    REQUESTED("Waiting for approval"),
    APPROVED("Approved, queued"),
    REJECTED("Rejected"),
    CANCELLED("Cancelled"),
    PROVISIONING("Provisioning"),
    READY("Ready"),
    EXPIRING("Tearing down"),
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
