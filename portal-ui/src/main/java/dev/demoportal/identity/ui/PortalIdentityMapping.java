package dev.demoportal.identity.ui;

import dev.demoportal.identity.ClaimMapper;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.SignInRefused;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * The one place where IdP claims become a portal user, for both doors: OIDC sign-in in the browser
 * and bearer tokens on the API. Both go through {@link ClaimMapper} and {@link UserService}, so a
 * person has the same roles whichever way they come in.
 */
@Component
class PortalIdentityMapping
        implements OAuth2UserService<OidcUserRequest, OidcUser>, Converter<Jwt, AbstractAuthenticationToken> {

    private final OidcUserService oidc = new OidcUserService();
    private final ClaimMapper mapper;
    private final UserService users;

    PortalIdentityMapping(ClaimMapper mapper, UserService users) {
        this.mapper = mapper;
        this.users = users;
    }

    /** OIDC sign-in: ID token (plus user-info, where the IdP has one) to a session user. */
    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = oidc.loadUser(request);
        Map<String, Object> claims = new HashMap<>(user.getClaims());
        String issuer = String.valueOf(user.getIdToken().getIssuer());
        try {
            UserAccount account = users.signIn(mapper.map(issuer, claims));
            return new PortalOidcUser(
                    authorities(account), user.getIdToken(), user.getUserInfo(), account.id(), account.displayName());
        } catch (SignInRefused refused) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(refused.code(), refused.getMessage(), null), refused.getMessage());
        }
    }

    /** Bearer token: access token claims to an API authentication. */
    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String issuer = String.valueOf(jwt.getIssuer());
        try {
            MappedIdentity identity = mapper.map(issuer, jwt.getClaims());
            UserAccount account = users.resolveBearer(identity);
            return new PortalBearerAuthentication(jwt, authorities(account), account.id(), account.displayName());
        } catch (SignInRefused refused) {
            throw new InvalidBearerTokenException(refused.getMessage());
        }
    }

    private static List<GrantedAuthority> authorities(UserAccount account) {
        return account.roles().stream()
                .map(Role::authority)
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList();
    }
}
