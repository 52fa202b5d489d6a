package dev.demoportal.base;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs work the system does on its own (scheduled enforcement, local-mode seeding) with the
 * authority it needs, so services keep their checks and the audit trail names the task as actor.
 */
public final class SystemTask {

    private SystemTask() {}

    /** The authentication of a system task; {@link CurrentActor} reports it as {@code system:<name>}. */
    static final class Authentication extends AbstractAuthenticationToken {

        private final String task;

        Authentication(String task, List<String> roles) {
            super(roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
            this.task = task;
            setAuthenticated(true);
        }

        String task() {
            return task;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return "system:" + task;
        }
    }

    /** Runs {@code work} as the system task {@code name} holding {@code roles}, then restores the caller's context. */
    public static <T> T run(String name, List<String> roles, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new Authentication(name, roles));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
