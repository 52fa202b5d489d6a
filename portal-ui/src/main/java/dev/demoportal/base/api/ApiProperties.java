package dev.demoportal.base.api;

import java.time.Duration;
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
 * @param ciIssuersRefresh how long a replica keeps the trusted CI issuers it read from the database; a
 *     change made on another replica takes effect here within this time
 * @param idempotencyKeyTtl how long the first answer to an {@code Idempotency-Key} is kept and replayed
 * @param rateLimit requests each caller may make
 */
@ConfigurationProperties("portal.api")
public record ApiProperties(
        @DefaultValue("256KB") DataSize maxRequestSize,
        @DefaultValue({}) List<String> accessTokenTypes,
        @DefaultValue("PT1M") Duration ciIssuersRefresh,
        @DefaultValue("PT24H") Duration idempotencyKeyTtl,
        @DefaultValue RateLimit rateLimit) {

    public ApiProperties {
        accessTokenTypes = List.copyOf(accessTokenTypes);
    }

    /**
     * A token bucket per caller (per API token, otherwise per user), kept in each replica's memory:
     * with n replicas behind a load balancer a caller may get up to n times the limit.
     *
     * @param enabled whether API calls are limited at all
     * @param capacity calls a caller may make in a burst (the bucket's size)
     * @param refill calls given back per {@code refill-period}, evenly spread
     * @param refillPeriod the period over which {@code refill} calls come back
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("600") long capacity,
            @DefaultValue("600") long refill,
            @DefaultValue("PT1M") Duration refillPeriod) {}
}
