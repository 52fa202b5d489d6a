package dev.demoportal.provisioning.worker.pipeline;

import dev.demoportal.provisioning.StepFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Resolves a CI token from where it is kept: {@code env:NAME} (an environment variable, which a
 * Kubernetes Secret fills through {@code secretKeyRef}) or {@code file:/path} (a mounted Secret, read
 * at each use so a rotated token is picked up). Configuration holds only the reference, and no
 * message ever carries the value.
 */
public class SecretReference {

    private final UnaryOperator<String> environment;

    public SecretReference(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** Refuses anything but a reference, so a token pasted into configuration stops the worker at start-up. */
    static void check(String reference, String where) {
        if (reference == null || !(reference.matches("env:[A-Za-z_][A-Za-z0-9_]*") || reference.matches("file:/.+"))) {
            throw new IllegalStateException(where + " must be a secret reference, env:NAME or file:/path;"
                    + " a token is never written in configuration");
        }
    }

    /** The token; a missing one fails the step for good, naming the reference only. */
    String resolve(String reference) {
        String value;
        if (reference.startsWith("env:")) {
            value = environment.apply(reference.substring(4));
        } else {
            try {
                value = Files.readString(Path.of(reference.substring(5)));
            } catch (IOException e) {
                throw StepFailure.permanent(
                        "cannot read the CI token from " + reference + " ("
                                + e.getClass().getSimpleName() + ")",
                        null);
            }
        }
        if (value == null || value.isBlank()) {
            throw StepFailure.permanent("no CI token at " + reference, null);
        }
        return value.strip();
    }
}
