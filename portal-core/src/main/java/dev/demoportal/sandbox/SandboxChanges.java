package dev.demoportal.sandbox;

/** Where sandbox changes are announced, for listeners in other modules. */
public final class SandboxChanges {

    /** PostgreSQL NOTIFY channel; the payload is the sandbox id. */
    public static final String CHANNEL = "sandbox_changed";

    private SandboxChanges() {}
}
