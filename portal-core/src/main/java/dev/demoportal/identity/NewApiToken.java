package dev.demoportal.identity;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a token is asked for: a name, how long it lives, and which of its owner's roles it carries
 * ({@code null} or empty: all of them).
 */
public record NewApiToken(
        String name, Duration lifetime, @Nullable Set<Role> roles) {}
