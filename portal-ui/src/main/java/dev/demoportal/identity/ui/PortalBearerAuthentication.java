package dev.demoportal.identity.ui;

import dev.demoportal.base.PortalPrincipal;
import java.util.Collection;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** An API call authenticated by a bearer token, resolved to the same portal user as a browser session. */
class PortalBearerAuthentication extends JwtAuthenticationToken implements PortalPrincipal {

    private final UUID userId;
    private final String displayName;

    PortalBearerAuthentication(
            Jwt jwt, Collection<? extends GrantedAuthority> authorities, UUID userId, String displayName) {
        super(jwt, authorities, jwt.getSubject());
        this.userId = userId;
        this.displayName = displayName;
    }

    @Override
    public UUID userId() {
        return userId;
    }

    @Override
    public String displayName() {
        return displayName;
    }
}
