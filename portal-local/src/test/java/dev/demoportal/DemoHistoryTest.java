package dev.demoportal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Local mode with its demo data and history on a random port, with its identity provider on a free
 * port, and API tokens for the portal and the CLI: what a user meets after {@code ./portal local}.
 * Every test class with this annotation shares one application context (one start-up).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.local.enabled=true",
            "portal.local.idp-port=0",
            "portal.local.demo-data=true",
            "portal.local.demo-history=true",
            "spring.security.oauth2.resourceserver.jwt.audiences=portal,portal-cli"
        })
public @interface DemoHistoryTest {}
