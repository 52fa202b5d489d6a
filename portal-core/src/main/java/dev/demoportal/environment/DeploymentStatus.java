package dev.demoportal.environment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a pipeline says about what it deployed to an environment or a slot. */
public enum DeploymentStatus {
    DEPLOYING("deploying"),
    HEALTHY("healthy"),
    FAILED("failed");

    private final String label;

    DeploymentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The status named {@code text} (any case), if there is one. */
    public static Optional<DeploymentStatus> parse(String text) {
        return Arrays.stream(values())
                .filter(s -> s.name().equals(text.strip().toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
