package dev.demoportal.local.idp;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
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
 * Lets a public client (no secret) use the device authorization grant (RFC 8628), which Spring
 * Authorization Server leaves to the application: its built-in public-client authentication only
 * covers authorization code requests that carry a PKCE {@code code_verifier}.
 *
 * <p>Only device authorization requests and device-code token requests are converted, and only
 * registered public clients that are allowed the device grant are accepted. Tokens carrying a
 * {@code code_verifier} are left to the built-in PKCE provider, so PKCE checks are never skipped.
 */
final class DevicePublicClientAuthentication {

    private DevicePublicClientAuthentication() {}

    static final class Converter implements AuthenticationConverter {

        private final String deviceAuthorizationEndpoint;

        Converter(String deviceAuthorizationEndpoint) {
            this.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint;
        }

        @Override
        public @Nullable Authentication convert(HttpServletRequest request) {
            if (!"POST".equals(request.getMethod())) {
                return null;
            }
            boolean deviceAuthorization = request.getRequestURI().endsWith(deviceAuthorizationEndpoint);
            boolean deviceToken = AuthorizationGrantType.DEVICE_CODE.getValue()
                    .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                    && request.getParameter(OAuth2ParameterNames.DEVICE_CODE) != null;
            if (!deviceAuthorization && !deviceToken) {
                return null;
            }
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getHeader("Authorization") != null) {
                return null;
            }
            return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, Map.of());
        }
    }

    static final class Provider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        Provider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public @Nullable Authentication authenticate(Authentication authentication) {
            OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) authentication;
            if (!ClientAuthenticationMethod.NONE.equals(token.getClientAuthenticationMethod())
                    || token.getAdditionalParameters().containsKey("code_verifier")
                    || token.getRegisteredClient() != null) {
                return null;
            }
            RegisteredClient client = clients.findByClientId(String.valueOf(token.getPrincipal()));
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
