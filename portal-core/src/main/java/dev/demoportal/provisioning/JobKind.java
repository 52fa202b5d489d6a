package dev.demoportal.provisioning;

/** The operations the worker carries out on a sandbox. */
public enum JobKind {
    PROVISION,
    EXTEND,
    TEARDOWN,
    /**
     * Undoes what a failed provisioning job made, in reverse ({@link ProvisioningPlan#rollbackOf});
     * the sandbox stays failed.
     */
    ROLLBACK
}
