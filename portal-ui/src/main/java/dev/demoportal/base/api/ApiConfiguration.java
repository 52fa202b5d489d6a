package dev.demoportal.base.api;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The API's guards that sit outside the endpoints: the request body limit (before security), the
 * rate limit and {@code Idempotency-Key} (after it), the firewall's rejections as problems, and the
 * check of every endpoint argument.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ApiProperties properties) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(properties));
        registration.addUrlPatterns("/api/*");
        // after the request id (HIGHEST_PRECEDENCE), before Spring Security (-100), which may read a form body
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** After Spring Security (order -100), which puts the caller in the context that limits are kept by. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimits(ApiProperties properties) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(properties));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(-50);
        return registration;
    }

    /** After the rate limit: a replayed answer counts as a call too. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyKeys(
            IdempotencyQueries keys, Clock clock, ApiProperties properties) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(keys, clock, properties));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(-40);
        return registration;
    }

    @Bean
    RequestRejectedHandler rejectedRequests() {
        return new RejectedRequests();
    }

    @Bean
    static ArgumentChecks argumentChecks() {
        return new ArgumentChecks();
    }

    /**
     * Lets an encoded slash ({@code %2F}) through Tomcat to Spring Security's firewall, which
     * rejects it as well but through {@link RejectedRequests}, so the API answers with a problem
     * rather than Tomcat's bare 400.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesToTheFirewall() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling(
                org.apache.tomcat.util.buf.EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }
}
