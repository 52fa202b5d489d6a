package dev.demoportal.deploy;

import static dev.demoportal.deploy.RenderedChart.container;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.marcnuri.helm.TemplateCommand;
import com.zaxxer.hikari.HikariConfig;
import dev.demoportal.notification.MailProperties;
import dev.demoportal.sandbox.SandboxKeyProperties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * The environment variables the chart sets, bound the way Spring Boot binds them in the pod
 * ({@link PodEnvironment}): each must reach a property the app reads, with the value the values
 * file asked for. Comparing the rendered names as strings would only repeat the chart's own
 * spelling, mistakes included ({@code DB_SCHEDULER_SHUTDOWNMAXWAIT} was never read).
 */
class ChartEnvironmentTest {

    /** The production example with every optional setting that adds a variable switched on. */
    private static final UnaryOperator<TemplateCommand> EVERYTHING = t -> t.withValuesFile(RenderedChart.AWS_VALUES)
            .set("migrations.helmHook", false)
            .set("trustStore.configMap", "company-ca")
            .set("trustStore.pkcs12Key", "truststore.p12")
            .set("sandbox.legacySecretKey.existingSecret", "demo-portal-sandbox")
            .set("portal.extraEnv[0].name", "PORTAL_USAGE_ROLLUPINTERVAL")
            .set("portal.extraEnv[0].value", "5m");

    @Test
    void everyVariableTheChartSetsIsReadByTheApp() {
        RenderedChart chart = RenderedChart.render(EVERYTHING);

        for (String app : new String[] {"portal", "worker"}) {
            PodEnvironment env = environment(chart, app);
            // the optional ones really are switched on, so the check below covers them
            assertThat(env.variables)
                    .as(app)
                    .containsKeys(
                            "PORTAL_SANDBOX_KEYS_KEYSET",
                            "PORTAL_SANDBOX_KEYS_KMSKEYURI",
                            "PORTAL_SANDBOX_KEYS_LEGACYKEY",
                            "AWS_REGION",
                            "JAVA_TOOL_OPTIONS",
                            "SPRING_MAIL_PASSWORD");
            assertThat(env.unread())
                    .as(app + ": variables no property of the app reads")
                    .isEmpty();
        }
        Job job = chart.one(Job.class, "-migrate-1");
        PodEnvironment migrate =
                PodEnvironment.of(container(job.getSpec().getTemplate().getSpec()), "portal", null);
        assertThat(migrate.unread())
                .as("migration job: variables nothing reads")
                .isEmpty();
    }

    @Test
    void theUnreadCheckCatchesAMisspeltVariable() {
        RenderedChart chart = RenderedChart.render(t -> t.set("portal.extraEnv[0].name", "DB_SCHEDULER_SHUTDOWNMAXWAIT")
                .set("portal.extraEnv[0].value", "10s")
                .set("portal.extraEnv[1].name", "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZ")
                .set("portal.extraEnv[1].value", "3"));

        assertThat(environment(chart, "portal").unread())
                .containsExactlyInAnyOrder("DB_SCHEDULER_SHUTDOWNMAXWAIT", "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZ");
    }

    @Test
    void aStoppingWorkerWaitsStepHandBackForRunningSteps() {
        // not the worker's packaged default (45s), so only a variable that binds can produce it
        RenderedChart chart =
                RenderedChart.render(t -> t.set("worker.stepHandBack", "2m").set("worker.shutdownTimeout", "150s"));

        PodEnvironment worker = environment(chart, "worker");
        assertThat(worker.bind("db-scheduler", DbSchedulerProperties.class).getShutdownMaxWait())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(worker.bind("spring.lifecycle", LifecycleProperties.class).getTimeoutPerShutdownPhase())
                .isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void poolSizesShutdownAndTheManagementPortTakeEffect() {
        RenderedChart chart = RenderedChart.render(t -> t.withValuesFile(RenderedChart.AWS_VALUES)
                .set("worker.databasePoolSize", 7)
                .set("metrics.port", 9191)
                .set("portal.shutdownTimeout", "25s"));

        PodEnvironment portal = environment(chart, "portal");
        assertThat(portal.bind("spring.datasource.hikari", HikariConfig.class).getMaximumPoolSize())
                .isEqualTo(15);
        assertThat(portal.bind("spring.lifecycle", LifecycleProperties.class).getTimeoutPerShutdownPhase())
                .isEqualTo(Duration.ofSeconds(25));
        assertThat(portal.bind("management.server", ManagementServerProperties.class)
                        .getPort())
                .isEqualTo(9191);
        PodEnvironment worker = environment(chart, "worker");
        assertThat(worker.bind("spring.datasource.hikari", HikariConfig.class).getMaximumPoolSize())
                .isEqualTo(7);
        assertThat(worker.bind("management.server", ManagementServerProperties.class)
                        .getPort())
                .isEqualTo(9191);
    }

    @Test
    void databaseMailSecretsAndIdentityProviderReachTheirProperties() {
        RenderedChart chart = RenderedChart.render(t -> t.withValuesFile(RenderedChart.AWS_VALUES));

        for (String app : new String[] {"portal", "worker"}) {
            PodEnvironment env = environment(chart, app);
            DataSourceProperties database = env.bind("spring.datasource", DataSourceProperties.class);
            assertThat(database.getUrl()).as(app).startsWith("jdbc:postgresql://demoportal.cluster-");
            assertThat(database.getUsername()).as(app).isEqualTo("secret:demo-portal-database/username");
            assertThat(database.getPassword()).as(app).isEqualTo("secret:demo-portal-database/password");
            SandboxKeyProperties keys = env.bind("portal.sandbox.keys", SandboxKeyProperties.class);
            assertThat(keys.keyset()).as(app).isEqualTo("secret:demo-portal-sandbox-keyset/keyset.json");
            assertThat(keys.kmsKeyUri())
                    .as(app)
                    .isEqualTo("aws-kms://arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
            assertThat(keys.legacyKey()).as(app).isNull();
            MailProperties mail = env.bind("portal.mail", MailProperties.class);
            assertThat(mail.portalUrl()).as(app).isEqualTo("https://portal.example.com/");
            assertThat(mail.from()).as(app).isEqualTo("demo-portal@example.com");
            assertThat(mail.fromName()).as(app).isEqualTo("Demo Portal");
            org.springframework.boot.mail.autoconfigure.MailProperties smtp =
                    env.bind("spring.mail", org.springframework.boot.mail.autoconfigure.MailProperties.class);
            assertThat(smtp.getHost()).as(app).isEqualTo("email-smtp.eu-west-1.amazonaws.com");
            assertThat(smtp.getPort()).as(app).isEqualTo(587);
            assertThat(smtp.getPassword()).as(app).isEqualTo("secret:demo-portal-smtp/password");
            assertThat(smtp.getProperties()).as(app).containsEntry("mail.smtp.starttls.enable", "true");
            assertThat(env.binder()
                            .bind("logging.structured.format.console", String.class)
                            .get())
                    .isEqualTo("ecs");
            assertThat(env.binder()
                            .bind("spring.config.additional-location", String.class)
                            .get())
                    .isEqualTo("optional:file:/etc/demo-portal/");
        }
        PodEnvironment portal = environment(chart, "portal");
        assertThat(portal.environment.getProperty("spring.security.oauth2.client.provider.portal.issuer-uri"))
                .isEqualTo("https://example.okta.com/oauth2/default");
        assertThat(portal.environment.getProperty("spring.security.oauth2.client.registration.portal.client-id"))
                .isEqualTo("0oa1b2c3d4e5f6g7h8i9");
        assertThat(portal.environment.getProperty("spring.security.oauth2.client.registration.portal.client-secret"))
                .isEqualTo("secret:demo-portal-oidc/client-secret");
        assertThat(portal.environment.getProperty("spring.security.oauth2.resourceserver.jwt.audiences"))
                .isEqualTo("api://demo-portal");
    }

    @Test
    void anUpgradesLegacyKeyReachesBothApps() {
        RenderedChart chart =
                RenderedChart.render(t -> t.set("sandbox.legacySecretKey.existingSecret", "demo-portal-sandbox")
                        .set("sandbox.legacySecretKey.key", "aes-key"));

        for (String app : new String[] {"portal", "worker"}) {
            SandboxKeyProperties keys = environment(chart, app).bind("portal.sandbox.keys", SandboxKeyProperties.class);
            assertThat(keys.legacyKey()).as(app).isEqualTo("secret:demo-portal-sandbox/aes-key");
            assertThat(keys.keyset()).as(app).isEqualTo("secret:demo-portal-sandbox-keyset/keyset.json");
            assertThat(keys.kmsKeyUri())
                    .as(app + ": no KMS key, the keyset in clear")
                    .isNull();
        }
    }

    @Test
    void theAppsMigrateOnlyWhenNoMigrationJobRuns() {
        for (boolean job : new boolean[] {true, false}) {
            RenderedChart chart = RenderedChart.render(t -> t.set("migrations.enabled", job));
            for (String app : new String[] {"portal", "worker"}) {
                assertThat(environment(chart, app)
                                .bind("spring.flyway", FlywayProperties.class)
                                .isEnabled())
                        .as(app + " with migrations.enabled=" + job)
                        .isEqualTo(!job);
            }
        }
    }

    private static PodEnvironment environment(RenderedChart chart, String app) {
        String applicationYml = chart.one(ConfigMap.class, "-" + app).getData().get("application.yml");
        return PodEnvironment.of(
                container(chart.deployment(app).getSpec().getTemplate().getSpec()), app, applicationYml);
    }
}
