package dev.demoportal.cli;

/** The exit codes of every command (also listed in {@code demo --help} and docs/cli.md). */
final class ExitCodes {

    /** Done. */
    static final int OK = 0;

    /** The portal refused or failed the request (a problem other than 401), or nothing to act on. */
    static final int FAILED = 1;

    /** The command line is wrong (picocli's own code for usage errors). */
    static final int USAGE = 2;

    /** Not signed in, the sign-in expired or was denied, or the portal refused the token (401). */
    static final int SIGN_IN = 3;

    /** The portal or the identity provider could not be reached. */
    static final int UNREACHABLE = 4;

    /** The portal does not offer this yet. */
    static final int NOT_AVAILABLE = 5;

    private ExitCodes() {}
}
