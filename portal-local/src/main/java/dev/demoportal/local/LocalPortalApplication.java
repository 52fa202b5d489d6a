package dev.demoportal.local;

import dev.demoportal.PortalApplication;
import org.springframework.boot.SpringApplication;

/**
 * Local mode's entry point ({@code ./portal local}): the portal application as production runs it,
 * with the {@code local} profile, on a class path that adds this module (embedded PostgreSQL, the
 * in-process OIDC provider, the demo data) and the worker, which the profile embeds. The portal's
 * component scan finds this package; nothing here is in the production jar.
 */
public final class LocalPortalApplication {

    private LocalPortalApplication() {}

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(PortalApplication.class);
        application.setAdditionalProfiles("local");
        application.run(args);
    }
}
