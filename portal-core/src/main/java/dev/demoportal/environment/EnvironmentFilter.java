package dev.demoportal.environment;

import org.jspecify.annotations.Nullable;

/**
 * Narrows the environment list.
 *
 * @param regionCode only this region, or all
 * @param text matched against name, slug and description, case-insensitively
 * @param includeRetired whether retired environments are listed
 */
public record EnvironmentFilter(
        @Nullable String regionCode, @Nullable String text, boolean includeRetired) {

    public static final EnvironmentFilter ALL = new EnvironmentFilter(null, null, true);

    public static final EnvironmentFilter ACTIVE = new EnvironmentFilter(null, null, false);
}
