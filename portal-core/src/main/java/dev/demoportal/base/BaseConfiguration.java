package dev.demoportal.base;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class BaseConfiguration {

    /** Time is the heart of this domain: everything reads it from here so tests can move it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Spring Security observes requests and sign-ins, not every authorization check: with tracing on,
     * each {@code @PreAuthorize} call was a timer and a span of its own (a dozen per provisioning job,
     * one per booking) and about a twentieth of the worker's CPU, for a span that only repeats its
     * parent's. A denial is answered as before (docs/operations/observability.md, "Traces").
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveAuthorizations(false)
                .build();
    }
}
