package dev.demoportal.operations;

import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@code java -jar portal-ui-exec.jar migrate} (the image with the argument {@code migrate}): migrate the
 * schema with Flyway and exit. The Helm chart runs it once per release as a pre-install/pre-upgrade
 * hook, and the long-running pods start with Flyway off, so replicas never race on the schema.
 *
 * <p>Only the data source and Flyway are started: no web server, no OIDC discovery, no scheduler,
 * so the job needs nothing but the database settings. Not a component: the portal's own context
 * must never pick it up.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
public class Migration {

    private static final Logger log = LoggerFactory.getLogger(Migration.class);

    /** The first argument that selects this mode instead of the portal. */
    public static final String COMMAND = "migrate";

    /** Migrates and closes; an exception (database unreachable, failed migration) means exit status 1. */
    public static void run(String... args) {
        SpringApplication app = new SpringApplication(Migration.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        // the chart turns Flyway off for the long-running pods; this mode exists to run it
        app.setDefaultProperties(Map.of("spring.flyway.enabled", "true"));
        try (ConfigurableApplicationContext context = app.run(args)) {
            log.info("Schema migration finished");
        }
    }

    @Bean
    FlywayMigrationStrategy reportingMigration() {
        return flyway -> {
            MigrateResult result = flyway.migrate();
            log.info(
                    "Migrated the schema from version {} to {} ({} migration(s) applied)",
                    result.initialSchemaVersion,
                    result.targetSchemaVersion,
                    result.migrationsExecuted);
        };
    }
}
