package dev.demoportal.local;

import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.AccessSettings;
import dev.demoportal.environment.DeploymentReport;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.DeploymentStatus;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentLink;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * Seeds local mode with the shared demo environments of the three regions, through the same
 * service (and so the same validation and audit trail) an admin would use. Runs only when there
 * are no environments yet, so a restart keeps whatever was changed.
 */
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final EnvironmentService environments;
    private final DeploymentService deployments;
    private final LocalModeProperties properties;

    DemoData(EnvironmentService environments, DeploymentService deployments, LocalModeProperties properties) {
        this.environments = environments;
        this.deployments = deployments;
        this.properties = properties;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(0)
    void seed() {
        if (!properties.demoData()) {
            return;
        }
        SystemTask.run("local-demo-data", List.of("ADMIN"), () -> {
            if (environments.countEnvironments(EnvironmentFilter.ALL) > 0) {
                return null;
            }
            for (EnvironmentForm form : environmentsToSeed()) {
                EnvironmentSummary created = environments.createEnvironment(form);
                if (created.bookable()) {
                    // holding a slot grants access to its namespace (the simulated driver records the bindings)
                    environments.updateAccessSettings(
                            created.id(),
                            created.version(),
                            new AccessSettings(
                                    "{environment}-slot-{slot}",
                                    AccessSettings.SubjectKind.USER,
                                    "oidc:{email}",
                                    "edit"));
                    deployments.report(
                            created.slug(),
                            null,
                            new DeploymentReport(
                                    "2.14.0",
                                    "4f2a9c1d",
                                    "https://ci.example.com/demo-platform/runs/812",
                                    DeploymentStatus.HEALTHY,
                                    null));
                }
            }
            log.info("Seeded {} demo environments", environmentsToSeed().size());
            return null;
        });
    }

    static List<EnvironmentForm> environmentsToSeed() {
        return List.of(
                env(
                        "na-demo-1",
                        "NA Demo 1",
                        "na",
                        4,
                        EnvironmentStatus.AVAILABLE,
                        "Main North America demo platform: EKS with Vault, Nexus and the progressive-delivery stack."),
                env(
                        "na-demo-2",
                        "NA Demo 2",
                        "na",
                        4,
                        EnvironmentStatus.AVAILABLE,
                        "Second NA platform for parallel customer workshops."),
                env(
                        "na-perf-lab",
                        "NA Performance Lab",
                        "na",
                        2,
                        EnvironmentStatus.MAINTENANCE,
                        "Larger nodes for load-testing demos. Being resized this week."),
                env(
                        "emea-demo-1",
                        "EMEA Demo 1",
                        "emea",
                        4,
                        EnvironmentStatus.AVAILABLE,
                        "Main EMEA demo platform in Dublin."),
                env(
                        "emea-demo-2",
                        "EMEA Demo 2",
                        "emea",
                        3,
                        EnvironmentStatus.AVAILABLE,
                        "EMEA platform with the GitOps and policy-as-code demos preinstalled."),
                env(
                        "apj-demo-1",
                        "APJ Demo 1",
                        "apj",
                        3,
                        EnvironmentStatus.AVAILABLE,
                        "Japan / APAC demo platform in Tokyo."),
                env(
                        "apj-demo-2",
                        "APJ Demo 2",
                        "apj",
                        2,
                        EnvironmentStatus.AVAILABLE,
                        "Smaller APAC platform for partner enablement."));
    }

    private static EnvironmentForm env(
            String slug, String name, String region, int slots, EnvironmentStatus status, String description) {
        String host = slug + ".demo.example.com";
        return new EnvironmentForm(
                slug,
                name,
                region,
                slots,
                status,
                description,
                List.of(
                        new EnvironmentLink("Argo CD", "https://argocd." + host),
                        new EnvironmentLink("Grafana", "https://grafana." + host),
                        new EnvironmentLink("Vault", "https://vault." + host)));
    }
}
