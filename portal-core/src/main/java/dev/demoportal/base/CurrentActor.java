package dev.demoportal.base;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Reads the signed-in portal user from the security context, whether it came by session or token. */
public final class CurrentActor {

    private CurrentActor() {}

    public static Optional<PortalPrincipal> principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return Optional.empty();
        }
        if (auth instanceof PortalPrincipal p) {
            return Optional.of(p);
        }
        if (auth.getPrincipal() instanceof PortalPrincipal p) {
            return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The acting user; the system when nobody is signed in (scheduled work). */
    public static Actor actor() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof SystemTask.Authentication task) {
            return Actor.system(task.task());
        }
        return principal().map(p -> new Actor(p.userId(), p.displayName())).orElse(Actor.SYSTEM);
    }

    public static Optional<UUID> userId() {
        return principal().map(PortalPrincipal::userId);
    }
}
