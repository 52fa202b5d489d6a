package dev.demoportal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;

/**
 * A system task acts as the system wherever it is started from: also on a thread whose context
 * holder answers with someone else's context whatever is set (as Vaadin's does inside a request:
 * the signed-in person's context, kept in the HTTP session, wins over the thread's).
 */
class SystemTaskTest {

    /** Answers with the "session's" context while one is bound to the thread, as Vaadin's strategy does. */
    static final class SessionFirst implements SecurityContextHolderStrategy {

        static final ThreadLocal<SecurityContext> SESSION = new ThreadLocal<>();
        private final ThreadLocal<SecurityContext> thread = new ThreadLocal<>();

        @Override
        public void clearContext() {
            thread.remove();
        }

        @Override
        public SecurityContext getContext() {
            SecurityContext session = SESSION.get();
            if (session != null) {
                return session;
            }
            SecurityContext context = thread.get();
            if (context == null) {
                context = createEmptyContext();
                thread.set(context);
            }
            return context;
        }

        @Override
        public void setContext(SecurityContext context) {
            thread.set(context);
        }

        @Override
        public SecurityContext createEmptyContext() {
            return new SecurityContextImpl();
        }
    }

    private static final SecurityContextHolderStrategy ORIGINAL = SecurityContextHolder.getContextHolderStrategy();
    private static final Authentication PERSON = new TestingAuthenticationToken("alice", "n/a", "ROLE_FIELD_ENGINEER");

    @AfterEach
    void restore() {
        SessionFirst.SESSION.remove();
        SecurityContextHolder.clearContext();
        SecurityContextHolder.setContextHolderStrategy(ORIGINAL);
    }

    @Test
    void onAPlainThreadTheTaskRunsHereAsTheSystemAndTheCallersContextComesBack() {
        SecurityContextHolder.getContext().setAuthentication(PERSON);
        Thread caller = Thread.currentThread();

        String seen = SystemTask.run("waitlist", List.of("ADMIN"), () -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            return describe(SecurityContextHolder.getContext().getAuthentication());
        });

        assertThat(seen).isEqualTo("system:waitlist [ROLE_ADMIN] actor=system:waitlist");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(PERSON);
    }

    @Test
    void whereTheHolderKeepsAnsweringWithThePersonTheTaskStillRunsAsTheSystem() {
        SecurityContextHolder.setContextHolderStrategy(new SessionFirst());
        SessionFirst.SESSION.set(new SecurityContextImpl(PERSON));

        String seen = SystemTask.run(
                "waitlist",
                List.of("ADMIN"),
                () -> describe(SecurityContextHolder.getContext().getAuthentication()));

        assertThat(seen).isEqualTo("system:waitlist [ROLE_ADMIN] actor=system:waitlist");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(PERSON);
    }

    @Test
    void aFailureOfTheTaskReachesTheCallerAsItWasThrown() {
        SecurityContextHolder.setContextHolderStrategy(new SessionFirst());
        SessionFirst.SESSION.set(new SecurityContextImpl(PERSON));

        assertThatThrownBy(() -> SystemTask.run("waitlist", List.of("ADMIN"), () -> {
                    throw new Conflict("waitlist.changed", "The entry left the queue meanwhile");
                }))
                .isInstanceOf(Conflict.class)
                .hasMessage("The entry left the queue meanwhile");
    }

    private static String describe(Authentication authentication) {
        return authentication.getName() + " " + authentication.getAuthorities() + " actor="
                + CurrentActor.actor().name();
    }
}
