package dev.demoportal.provisioning;

/** The operations the worker carries out on a sandbox. */
public enum JobKind {
    PROVISION,
    EXTEND,
    TEARDOWN
}
