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
import dev.demoportal.environment.ResetPlan;
import dev.demoportal.environment.ResetPlanService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
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
    private final ResetPlanService resetPlans;
    private final DemoHistoryQueries queries;
    private final Clock clock;
    /** Set when this start seeded the environments: its reset history follows the booking history. */
    private volatile @Nullable EnvironmentSummary resetDemo;

    DemoData(
            EnvironmentService environments,
            DeploymentService deployments,
            LocalModeProperties properties,
            ResetPlanService resetPlans,
            DemoHistoryQueries queries,
            Clock clock) {
        this.environments = environments;
        this.deployments = deployments;
        this.properties = properties;
        this.resetPlans = resetPlans;
        this.queries = queries;
        this.clock = clock;
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
                    if (created.slug().equals(RESET_DEMO)) {
                        resetDemo = created;
                    }
                }
            }
            log.info("Seeded {} demo environments", environmentsToSeed().size());
            return null;
        });
    }

    /** The demo environment with a reset plan: its slots show "clean since", and slot 3 is out of service. */
    static final String RESET_DEMO = "emea-demo-2";

    /**
     * A reset plan (two Jobs, run by the simulated driver) and some history: slots 1 and 2 were
     * reset cleanly, slot 3's last reset failed (out of service until an admin returns it).
     */
    @EventListener(ApplicationStartedEvent.class)
    @Order(11)
    void seedResets() {
        EnvironmentSummary environment = resetDemo;
        if (environment == null) {
            return;
        }
        resetDemo = null;
        SystemTask.run("local-demo-data", List.of("ADMIN"), () -> {
            seedResets(environment);
            return null;
        });
    }

    private void seedResets(EnvironmentSummary environment) {
        ResetPlan plan = new ResetPlan(List.of(
                new ResetPlan.Step(
                        "wipe",
                        "bitnami/kubectl:1.31",
                        List.of("delete", "deployments,statefulsets,services,pvc,configmaps", "--all"),
                        "slot-reset",
                        10),
                new ResetPlan.Step(
                        "reseed", "ghcr.io/demo-platform/seed-data:2.14", List.of("--profile", "default"), null, 15)));
        resetPlans.update(environment.id(), plan);
        Instant now = clock.instant();
        history(environment, 1, "SUCCEEDED", now.minus(Duration.ofHours(26)), null);
        history(environment, 1, "SUCCEEDED", now.minus(Duration.ofMinutes(47)), null);
        history(environment, 2, "SUCCEEDED", now.minus(Duration.ofHours(5)), null);
        history(environment, 3, "SUCCEEDED", now.minus(Duration.ofHours(30)), null);
        history(
                environment,
                3,
                "FAILED",
                now.minus(Duration.ofMinutes(25)),
                "step 2 (reseed): Job reseed-3 in emea-demo-2-slot-3 failed: BackoffLimitExceeded");
    }

    private void history(
            EnvironmentSummary environment, int slot, String status, Instant finished, @Nullable String error) {
        queries.resetHistory(environment.id(), slot, status, finished.minus(Duration.ofMinutes(3)), finished, error);
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
