package dev.demoportal.local.idp;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Lets a public client (no secret, like {@code portal-cli}) use the device authorization grant,
 * refresh the tokens it got that way, and revoke its refresh token when the person signs out.
 * Spring Authorization Server authenticates public clients only for PKCE token requests; a device
 * authorization request, the device-code and refresh-token requests and a revocation (RFC 7009)
 * carry nothing but the {@code client_id}. The refresh token is rotated on every use (a stolen one
 * stops working once the CLI used its copy), as the OAuth security BCP asks for public clients.
 */
final class PublicDeviceClients {

    private PublicDeviceClients() {}

    /** Reads the client id of a device authorization or device-code token request without credentials. */
    static final class Converter implements AuthenticationConverter {

        private final String deviceAuthorizationEndpoint;
        private final String revocationEndpoint;

        Converter(String deviceAuthorizationEndpoint, String revocationEndpoint) {
            this.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint;
            this.revocationEndpoint = revocationEndpoint;
        }

        @Override
        public @Nullable Authentication convert(HttpServletRequest request) {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            boolean post = "POST".equals(request.getMethod());
            boolean deviceAuthorization = post && deviceAuthorizationEndpoint.equals(path);
            boolean revocation = post && revocationEndpoint.equals(path);
            String grant = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
            boolean deviceToken = AuthorizationGrantType.DEVICE_CODE.getValue().equals(grant)
                    && request.getParameter(OAuth2ParameterNames.DEVICE_CODE) != null;
            boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(grant)
                    && request.getParameter(OAuth2ParameterNames.REFRESH_TOKEN) != null;
            boolean credentials = request.getHeader("Authorization") != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null;
            if (!(deviceAuthorization || deviceToken || refresh || revocation) || credentials) {
                return null;
            }
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
            }
            return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, null);
        }
    }

    /**
     * Accepts such a request only for a registered client whose authentication method is {@code
     * none} and that may use the device grant (whether it may refresh is the refresh-token grant's
     * own check: the client must have that grant type).
     */
    static final class Provider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        Provider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public @Nullable Authentication authenticate(Authentication authentication) {
            OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
            if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod())
                    || request.getAdditionalParameters() != null
                            && !request.getAdditionalParameters().isEmpty()) {
                // a PKCE token request: the built-in public client support checks its code verifier
                return null;
            }
            RegisteredClient client = clients.findByClientId(String.valueOf(request.getPrincipal()));
            if (client == null
                    || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                    || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
