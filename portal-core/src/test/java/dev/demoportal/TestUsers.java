package dev.demoportal;

import dev.demoportal.base.PortalPrincipal;
import dev.demoportal.identity.Role;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Puts a signed-in portal user into the security context, the way the web layer does after an
 * OIDC sign-in ({@code @WithMockUser} would not carry a {@link PortalPrincipal}).
 */
public final class TestUsers {

    public record TestPrincipal(UUID userId, String displayName) implements PortalPrincipal {}

    private TestUsers() {}

    public static TestPrincipal signInAs(String displayName, Role... roles) {
        return signInAs(UUID.randomUUID(), displayName, roles);
    }

    public static TestPrincipal signInAs(UUID userId, String displayName, Role... roles) {
        TestPrincipal principal = new TestPrincipal(userId, displayName);
        String[] authorities = Arrays.stream(roles).map(Role::authority).toArray(String[]::new);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TestingAuthenticationToken(principal, "n/a", authorities));
        SecurityContextHolder.setContext(context);
        return principal;
    }

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }
}
