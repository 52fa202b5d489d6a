package dev.demoportal.base.api;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST API and what it takes for an access token.
 *
 * @param maxRequestSize largest request body the API reads; a larger one is refused with 413
 *     before any of it is parsed
 * @param accessTokenTypes JOSE {@code typ} header values a bearer token must carry, e.g. {@code at+jwt}
 *     (RFC 9068) where the identity provider marks its access tokens so; empty accepts {@code JWT},
 *     {@code at+jwt} or none, and the dedicated API audience alone tells access tokens from ID tokens
 */
@ConfigurationProperties("portal.api")
public record ApiProperties(
        @DefaultValue("256KB") DataSize maxRequestSize,
        @DefaultValue({}) List<String> accessTokenTypes) {

    public ApiProperties {
        accessTokenTypes = List.copyOf(accessTokenTypes);
    }
}
