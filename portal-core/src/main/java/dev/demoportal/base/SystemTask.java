package dev.demoportal.base;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
            super(roles.stream()
                    .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                    .toList());
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

    /** Someone on whose behalf the system reads (a calendar feed fetched with its token). */
    static final class OnBehalf extends AbstractAuthenticationToken implements PortalPrincipal {

        private final java.util.UUID userId;
        private final String name;

        OnBehalf(java.util.UUID userId, String name, java.util.Collection<String> roles) {
            super(roles.stream()
                    .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                    .toList());
            this.userId = userId;
            this.name = name;
            setAuthenticated(true);
        }

        @Override
        public java.util.UUID userId() {
            return userId;
        }

        @Override
        public String displayName() {
            return name;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return this;
        }
    }

    /**
     * Runs {@code work} as the person {@code userId} with {@code roles}, for reads made on their
     * behalf without a session (a calendar feed): every service's rules about what that person may
     * see apply unchanged. Not for changes: the audit trail would name the person, not the system.
     */
    public static <T> T onBehalfOf(
            java.util.UUID userId, String name, java.util.Collection<String> roles, Supplier<T> work) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new OnBehalf(userId, name, roles));
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        boolean ours = SecurityContextHolder.getContext() == context;
        try {
            if (ours) {
                return work.get();
            }
        } finally {
            SecurityContextHolder.setContext(previous);
        }
        return onOwnThread("on-behalf", context, work);
    }

    /**
     * Runs {@code work} as the system task {@code name} holding {@code roles}, and returns its result
     * (or throws what it threw); the caller's context is left as it was. It runs on the calling
     * thread where that thread's security context can be set. Where it cannot, it runs on a thread of
     * its own while the caller waits: inside a Vaadin request the context holder answers with the
     * signed-in person's context from the HTTP session whatever the thread sets, so the work would
     * otherwise run, and be refused or audited, as that person.
     */
    public static <T> T run(String name, List<String> roles, Supplier<T> work) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new Authentication(name, roles));
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        boolean ours = SecurityContextHolder.getContext() == context;
        try {
            if (ours) {
                return work.get();
            }
        } finally {
            SecurityContextHolder.setContext(previous);
        }
        return onOwnThread(name, context, work);
    }

    private static <T> T onOwnThread(String name, SecurityContext context, Supplier<T> work) {
        FutureTask<T> task = new FutureTask<>(() -> {
            SecurityContextHolder.setContext(context);
            try {
                return work.get();
            } finally {
                SecurityContextHolder.clearContext();
            }
        });
        Thread thread = Thread.ofVirtual().name("system-" + name).start(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    // pass the interrupt on and wait for the work to stop: it may hold a transaction
                    interrupted = true;
                    thread.interrupt();
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException r -> throw r;
                        case Error err -> throw err;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
