package dev.demoportal;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import dev.demoportal.base.PortalPrincipal;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.testing.PortalDatabaseTest;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Browserless view tests (Karibu-Testing) against the real Spring context: real services, a fresh
 * PostgreSQL database with the {@link TestFixtures}, and Vaadin's own navigation access control.
 * The portal discovers a {@link FakeOidcProvider} at start-up; a test signs a person in, then opens
 * the UI as them. (portal-local's tests extend this too, with local mode and its demo data.)
 */
@SpringBootTest(properties = TestFixtures.SANDBOX_KEYSET)
@ContextCustomizerFactories(FakeOidcProvider.class)
@Import(TestFixtures.class)
@PortalDatabaseTest
public abstract class ViewTestSupport {

    /** The portal's people, as an identity provider would describe them at sign-in. */
    public enum Person {
        ALICE("alice", "Alice Field", Role.FIELD_ENGINEER, null),
        MARIA("maria", "Maria Manager", Role.MANAGER, null),
        ADAM("adam", "Adam Admin", Role.ADMIN, null),
        CAROL("carol", "Carol Customer", Role.CUSTOMER, "Acme Corp"),
        DAVE("dave", "Dave Customer", Role.CUSTOMER, "Globex");

        final String username;
        final String name;
        final Role role;
        final @Nullable String organisation;

        Person(String username, String name, Role role, @Nullable String organisation) {
            this.username = username;
            this.name = name;
            this.role = role;
            this.organisation = organisation;
        }
    }

    /** The session principal of a signed-in portal user, as {@code PortalOidcUser} carries it. */
    public record SignedIn(UUID userId, String displayName) implements PortalPrincipal, Principal {
        @Override
        public String getName() {
            return displayName;
        }
    }

    private static final Routes ROUTES = new Routes().autoDiscoverViews("dev.demoportal");

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected UserService users;

    @Value("${spring.security.oauth2.client.provider.portal.issuer-uri}")
    protected String issuer;

    /** Creates (or updates) the person's user row as an OIDC sign-in would, then opens a UI as them. */
    protected UserAccount openUiAs(Person person) {
        return openUiAs(new MappedIdentity(
                issuer,
                person.username,
                person.username + "@demoportal.dev",
                person.name,
                Set.of(person.role),
                person.organisation));
    }

    /** Signs in whoever the IdP describes (for people the {@link Person}s do not cover), then opens a UI as them. */
    protected UserAccount openUiAs(MappedIdentity identity) {
        UserAccount account = users.signIn(identity);
        var principal = new SignedIn(account.id(), account.displayName());
        var authorities = account.roles().stream()
                .map(Role::authority)
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList();
        var securityContext = SecurityContextHolder.createEmptyContext();
        securityContext.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
        SecurityContextHolder.setContext(securityContext);
        openUi();
        return account;
    }

    /**
     * Opens a UI. Vaadin's navigation access control asks the HTTP request who is signed in and in
     * which roles, so the mock request answers from the security context, as Spring Security's
     * request wrapper does in the running app.
     */
    protected void openUi() {
        MockVaadin.setMockRequestFactory(session -> new FakeRequest(session) {
            @Override
            public @Nullable Principal getUserPrincipal() {
                return authentication();
            }

            @Override
            public boolean isUserInRole(String role) {
                Authentication authentication = authentication();
                return authentication != null
                        && authentication.getAuthorities().stream()
                                .anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
            }
        });
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
    }

    private static @Nullable Authentication authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() ? authentication : null;
    }

    @AfterEach
    protected void closeUi() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }
}
