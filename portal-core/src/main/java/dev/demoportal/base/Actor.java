package dev.demoportal.base;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who did something, as the audit trail records it. {@code userId} is null for the system itself
 * (scheduled work, local-mode seeding); the name is a snapshot so history reads right after renames.
 */
public record Actor(@Nullable UUID userId, String name) {

    public static final Actor SYSTEM = new Actor(null, "system");

    public static Actor system(String what) {
        return new Actor(null, "system:" + what);
    }
}
