package dev.demoportal.cli;

/** A failure the user can act on: a message (no stack trace) and the exit code it ends with. */
class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
