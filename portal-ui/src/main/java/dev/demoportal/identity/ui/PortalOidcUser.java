package dev.demoportal.identity.ui;

import dev.demoportal.base.PortalPrincipal;
import java.util.Collection;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** The session user after OIDC sign-in: the IdP's tokens plus the portal user it was mapped to. */
class PortalOidcUser extends DefaultOidcUser implements PortalPrincipal {

    private final UUID userId;
    private final String displayName;

    PortalOidcUser(
            Collection<? extends GrantedAuthority> authorities,
            OidcIdToken idToken,
            OidcUserInfo userInfo,
            UUID userId,
            String displayName) {
        super(authorities, idToken, userInfo, "sub");
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
