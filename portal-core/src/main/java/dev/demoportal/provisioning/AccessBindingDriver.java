package dev.demoportal.provisioning;

/**
 * Makes and removes access-lease bindings on a region's cluster. Both calls are idempotent: a
 * grant of a binding that exists, or a revoke of one that is gone, succeeds. A failure throws
 * (the worker retries).
 */
public interface AccessBindingDriver {

    /** "kubernetes", "simulated": shown in logs and the docs. */
    String name();

    void grant(AccessBinding binding);

    void revoke(AccessBinding binding);

    /** Whether the binding exists now (for checks and tests). */
    boolean exists(AccessBinding binding);
}
