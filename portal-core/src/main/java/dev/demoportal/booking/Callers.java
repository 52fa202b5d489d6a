package dev.demoportal.booking;

import dev.demoportal.base.CurrentActor;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling, as the booking use cases ask it: bookings and queue places belong to people. */
final class Callers {

    private Callers() {}

    static UUID currentUser() {
        return CurrentActor.userId().orElseThrow(() -> new AccessDeniedException("Bookings are made by people"));
    }

    /** Managers and admins may change anyone's booking or queue place. */
    static boolean managerOrAdmin() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null
                && auth.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_MANAGER")
                                || a.getAuthority().equals("ROLE_ADMIN"));
    }
}
