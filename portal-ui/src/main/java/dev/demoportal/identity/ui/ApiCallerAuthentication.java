package dev.demoportal.identity.ui;

import dev.demoportal.base.PortalPrincipal;
import dev.demoportal.base.api.TokenBound;
import dev.demoportal.identity.ApiCaller;
import dev.demoportal.identity.Role;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API call authenticated by an API token or a trusted CI identity's token. Its authorities are
 * the roles the call may use (a token may carry fewer than its owner has); the token itself is not
 * kept.
 */
public class ApiCallerAuthentication extends AbstractAuthenticationToken implements PortalPrincipal, TokenBound {

    private final ApiCaller caller;
    private final String via;

    ApiCallerAuthentication(ApiCaller caller, String via) {
        super(caller.roles().stream()
                .map(Role::authority)
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList());
        this.caller = caller;
        this.via = via;
        setAuthenticated(true);
    }

    @Override
    public UUID userId() {
        return caller.user().id();
    }

    @Override
    public String displayName() {
        return caller.user().displayName();
    }

    /** The API token the call came with; null for a CI identity's token. */
    @Override
    public @Nullable UUID tokenId() {
        return caller.tokenId();
    }

    /** How the caller came in: {@code api-token} or {@code ci:<issuer name>}. */
    public String via() {
        return via;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return this;
    }

    @Override
    public String getName() {
        return caller.user().id().toString();
    }
}
