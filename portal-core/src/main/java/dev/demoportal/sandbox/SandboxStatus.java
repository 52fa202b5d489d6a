package dev.demoportal.sandbox;

/** Where a sandbox is in its life; the API shows these names as they are. */
public enum SandboxStatus {
    REQUESTED("Waiting for approval"),
    APPROVED("Approved, queued"),
    REJECTED("Rejected"),
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

    /** Counts against the organisation's quota: everything that holds or will hold resources. */
    public boolean active() {
        return this != REJECTED && this != TORN_DOWN;
    }

    /** Over for good: nothing more happens to it. */
    public boolean finished() {
        return this == REJECTED || this == TORN_DOWN;
    }
}
