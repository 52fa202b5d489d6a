package dev.demoportal.sandbox;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Narrows the list of sandboxes; null means "any". Customers always see only their organisation,
 * whatever {@code organisation} says.
 *
 * @param organisation organisation slug
 * @param expiringWithin only ready sandboxes expiring within this time from now
 */
public record SandboxFilter(
        @Nullable String organisation,
        @Nullable SandboxStatus status,
        @Nullable String region,
        @Nullable String template,
        @Nullable Duration expiringWithin) {

    public static final SandboxFilter ALL = new SandboxFilter(null, null, null, null, null);

    public static SandboxFilter status(@Nullable SandboxStatus status) {
        return new SandboxFilter(null, status, null, null, null);
    }
}
