package dev.demoportal.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/** Ends local mode's start-up log with where to go and who to sign in as. */
class LocalModeBanner {

    private static final Logger log = LoggerFactory.getLogger(LocalModeBanner.class);

    private final Environment environment;

    LocalModeBanner(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void announce() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String issuer = environment.getProperty(
                "portal.local.idp-issuer",
                environment.getProperty("spring.security.oauth2.client.provider.portal.issuer-uri", "?"));
        String database = environment.getProperty("spring.datasource.url", "").isEmpty()
                ? "embedded PostgreSQL in " + environment.getProperty("portal.local.data-directory", ".local/postgres")
                : environment.getProperty("spring.datasource.url");
        log.info("""

                ================================================================================
                 Demo Portal is running in LOCAL MODE
                   Portal:         http://localhost:{}/
                   OIDC provider:  {}   (clients: portal, portal-cli)
                   Database:       {}
                   Provisioning:   worker in-process (db-scheduler)
                   API docs:       http://localhost:{}/swagger-ui.html
                 Sign in with password "demo" as:
                   alice, frank  field engineers      maria  manager      adam  admin
                   carol         customer at Acme Corp                  dave   customer at Globex
                ================================================================================""", port, issuer, database, port);
    }
}
