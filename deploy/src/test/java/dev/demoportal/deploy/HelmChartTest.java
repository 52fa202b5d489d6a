package dev.demoportal.deploy;

import static dev.demoportal.deploy.RenderedChart.container;
import static dev.demoportal.deploy.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart, rendered and checked without a cluster: lint, the Kubernetes schema (see
 * {@link RenderedChart}), and what an operator relies on, for the default values and for the
 * production example {@code deploy/examples/aws-values.yaml}.
 */
class HelmChartTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|ACCESS_KEY).*");

    @Test
    void lintsWithoutWarnings() {
        LintResult lint = RenderedChart.lint();

        assertThat(lint.isFailed()).as(lint.getMessages().toString()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void theSchemaCheckCatchesMisspeltFieldsWrongPlacesAndUnknownKinds() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinesProbe: {httpGet: {path: /readyz, port: http}}
                """;
        assertThatThrownBy(() -> RenderedChart.parse(deployment))
                .hasMessageContaining(
                        "Deployment/typo.spec.template.spec.containers[0]: unknown field(s) [readinesProbe]");
        assertThatThrownBy(() -> RenderedChart.parse("apiVersion: policy/v1\nkind: PodDisruptionBudget\n"
                        + "metadata: {name: misplaced}\nminAvailable: 1\n"))
                .hasMessageContaining("PodDisruptionBudget/misplaced: unknown field(s) [minAvailable]");
        assertThatThrownBy(() -> RenderedChart.parse("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"))
                .hasMessageContaining("unknown kind example.com/v1/Widget");
    }

    @Test
    void byDefaultTheChartRunsTheImagesThisBuildMakes() throws Exception {
        String chart = Files.readString(RenderedChart.CHART.resolve("Chart.yaml"));

        // -Pimages tags the images with the project version; the chart's appVersion is the default tag
        assertThat(chart).contains("appVersion: \"" + System.getProperty("project.version") + "\"");
    }

    @Test
    void defaultValuesRenderValidManifests() {
        RenderedChart chart = RenderedChart.render(t -> t);

        assertThat(chart.resources)
                .extracting(r -> r.getKind() + "/" + r.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "ConfigMap/demo-demo-portal-portal",
                        "ConfigMap/demo-demo-portal-worker",
                        "Deployment/demo-demo-portal-portal",
                        "Deployment/demo-demo-portal-worker",
                        "Service/demo-demo-portal-portal",
                        "Service/demo-demo-portal-worker",
                        "Ingress/demo-demo-portal-portal",
                        "ServiceAccount/demo-demo-portal-worker",
                        "ServiceAccount/demo-demo-portal-portal",
                        "PodDisruptionBudget/demo-demo-portal-portal",
                        "PodDisruptionBudget/demo-demo-portal-worker");
        for (String component : List.of("portal", "worker")) {
            hardenedAndProbed(chart.deployment(component));
        }
    }

    @Test
    void theProductionExampleRendersEverythingItAsksFor() {
        RenderedChart chart = RenderedChart.render(t -> t.withValuesFile(RenderedChart.AWS_VALUES));

        assertThat(chart.all(HorizontalPodAutoscaler.class))
                .extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactly("demo-demo-portal-portal");
        assertThat(chart.all(PodDisruptionBudget.class)).hasSize(2);
        assertThat(chart.all(ServiceMonitor.class)).hasSize(2).allSatisfy(monitor -> {
            assertThat(monitor.getSpec().getEndpoints().getFirst().getPort()).isEqualTo("management");
            assertThat(monitor.getSpec().getEndpoints().getFirst().getPath()).isEqualTo("/actuator/prometheus");
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        });
        assertThat(chart.one(PrometheusRule.class, "demo-portal").getSpec().getGroups())
                .flatMap(group -> group.getRules())
                .extracting(Rule::getAlert)
                .contains(
                        "DemoPortalProvisioningJobsFailing",
                        "DemoPortalProvisioningJobStuck",
                        "DemoPortalSandboxExpiryLagging",
                        "DemoPortalDatabaseUnreachable");
        for (String component : List.of("portal", "worker")) {
            hardenedAndProbed(chart.deployment(component));
        }
        assertThat(chart.deployment("portal").getSpec().getReplicas())
                .as("the HPA owns replicas")
                .isNull();
        assertThat(container(chart.deployment("portal").getSpec().getTemplate().getSpec())
                        .getImage())
                .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/demo-portal/portal-ui:0.1.0");
    }

    @Test
    void theWorkerGetsAwsAccessByWebIdentityOnly() {
        RenderedChart chart = RenderedChart.render(t -> t.withValuesFile(RenderedChart.AWS_VALUES));

        ServiceAccount account = chart.one(ServiceAccount.class, "-worker");
        assertThat(account.getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/demo-portal-worker");
        PodSpec worker = chart.deployment("worker").getSpec().getTemplate().getSpec();
        assertThat(worker.getServiceAccountName())
                .isEqualTo(account.getMetadata().getName());
        Map<String, EnvVar> env = env(container(worker));
        assertThat(env).doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        assertThat(env.get("AWS_REGION").getValue()).isEqualTo("eu-west-1");
    }

    @Test
    void thePortalGetsItsOwnRoleByWebIdentityToUnwrapTheSandboxKeyset() {
        RenderedChart chart = RenderedChart.render(t -> t.withValuesFile(RenderedChart.AWS_VALUES));

        ServiceAccount account = chart.one(ServiceAccount.class, "-portal");
        assertThat(account.getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/demo-portal-portal");
        assertThat(account.getAutomountServiceAccountToken()).isFalse();
        PodSpec portal = chart.deployment("portal").getSpec().getTemplate().getSpec();
        assertThat(portal.getServiceAccountName())
                .isEqualTo(account.getMetadata().getName());
        assertThat(portal.getAutomountServiceAccountToken()).isFalse();
        Map<String, EnvVar> env = env(container(portal));
        assertThat(env).doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        // the SDK's region is the KMS key's
        assertThat(env.get("AWS_REGION").getValue()).isEqualTo("eu-west-1");
    }

    @Test
    void anUpgradeKeepsReadingOldSecretsWithTheLegacyKeyUntilReencrypted() {
        RenderedChart chart =
                RenderedChart.render(t -> t.set("sandbox.legacySecretKey.existingSecret", "demo-portal-sandbox"));

        for (Deployment deployment : chart.all(Deployment.class)) {
            Map<String, EnvVar> env =
                    env(container(deployment.getSpec().getTemplate().getSpec()));
            assertThat(env.get("PORTAL_SANDBOX_KEYS_LEGACYKEY")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getName())
                    .isEqualTo("demo-portal-sandbox");
            assertThat(env.get("PORTAL_SANDBOX_KEYS_LEGACYKEY")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getKey())
                    .isEqualTo("secret-key");
            // without a KMS key the keyset is read in clear, and no region is forced on the SDK
            assertThat(env).doesNotContainKey("PORTAL_SANDBOX_KEYS_KMSKEYURI");
        }
        assertThat(env(container(
                        chart.deployment("portal").getSpec().getTemplate().getSpec())))
                .doesNotContainKey("AWS_REGION");
    }

    @Test
    void secretsComeOnlyFromExistingSecretsNeverFromValues() throws Exception {
        RenderedChart chart = RenderedChart.render(
                t -> t.withValuesFile(RenderedChart.AWS_VALUES).set("migrations.helmHook", false));

        assertThat(chart.yaml).doesNotContain("kind: Secret");
        for (Deployment deployment : chart.all(Deployment.class)) {
            secretsByReference(container(deployment.getSpec().getTemplate().getSpec()));
        }
        secretsByReference(container(
                chart.one(Job.class, "-migrate-1").getSpec().getTemplate().getSpec()));
        Map<String, EnvVar> portal =
                env(container(chart.deployment("portal").getSpec().getTemplate().getSpec()));
        assertThat(portal.get("PORTAL_OIDC_CLIENT_SECRET")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo("demo-portal-oidc");
        assertThat(portal.get("SPRING_DATASOURCE_USERNAME")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getKey())
                .isEqualTo("username");
        for (Deployment deployment : chart.all(Deployment.class)) {
            Map<String, EnvVar> env =
                    env(container(deployment.getSpec().getTemplate().getSpec()));
            // sandbox secrets are encrypted with one keyset that every pod must share, wrapped by a KMS key
            assertThat(env.get("PORTAL_SANDBOX_KEYS_KEYSET")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getName())
                    .isEqualTo("demo-portal-sandbox-keyset");
            assertThat(env.get("PORTAL_SANDBOX_KEYS_KMSKEYURI").getValue())
                    .isEqualTo("aws-kms://arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
            assertThat(env).doesNotContainKey("PORTAL_SANDBOX_KEYS_LEGACYKEY");
            assertThat(env.get("SPRING_MAIL_PASSWORD")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getName())
                    .isEqualTo("demo-portal-smtp");
            assertThat(env.get("PORTAL_MAIL_PORTALURL").getValue()).isEqualTo("https://portal.example.com/");
        }
        // keys that would hold a secret itself rather than the name of a Secret
        assertThat(Files.readString(RenderedChart.AWS_VALUES))
                .doesNotContainPattern("(?im)^\\s*(password|client-?secret|secret|token|aws_secret_access_key)\\s*:");
    }

    @Test
    void pipelineTokensReachOnlyTheWorkerFromExistingSecretsAndTheConfigurationOnlyNamesThem() {
        RenderedChart chart = RenderedChart.render(t -> t.set("worker.ciTokens[0].env", "CIRCLECI_TOKEN")
                .set("worker.ciTokens[0].existingSecret", "demo-portal-ci")
                .set("worker.ciTokens[0].key", "circleci-token")
                .set("provisioning.drivers.region-core", "pipeline")
                .set("provisioning.pipelines.region-core[0].system", "circleci")
                .set("provisioning.pipelines.region-core[0].project", "gh/acme/infra")
                .set("provisioning.pipelines.region-core[0].token", "env:CIRCLECI_TOKEN"));

        Map<String, EnvVar> worker =
                env(container(chart.deployment("worker").getSpec().getTemplate().getSpec()));
        EnvVar token = worker.get("CIRCLECI_TOKEN");
        assertThat(token.getValue()).isNull();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("demo-portal-ci");
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("circleci-token");
        assertThat(env(container(
                        chart.deployment("portal").getSpec().getTemplate().getSpec())))
                .doesNotContainKey("CIRCLECI_TOKEN");
        assertThat(chart.yaml).contains("token: env:CIRCLECI_TOKEN").contains("region-core: pipeline");
        assertThatThrownBy(() -> RenderedChart.render(t ->
                        t.set("worker.ciTokens[0].env", "CIRCLECI_TOKEN").set("worker.ciTokens[0].value", "CCIPAT_x")))
                .hasMessageContaining("value");
    }

    @Test
    void migrationsRunOnceInAHookJobAndThePodsDoNotMigrate() {
        // helm-java's template leaves hooks out (Helm's CLI prints them, its library does not), so
        // the job is checked as a plain resource, as GitOps tools that skip hooks would apply it
        RenderedChart chart = RenderedChart.render(t -> t.set("migrations.helmHook", false));

        Job job = chart.one(Job.class, "-migrate-1");
        Container migrate = container(job.getSpec().getTemplate().getSpec());
        assertThat(migrate.getArgs()).containsExactly("migrate");
        assertThat(migrate.getImage()).isEqualTo("demo-portal/portal-ui:0.1.0-SNAPSHOT");
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(env(migrate))
                .containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD")
                .doesNotContainKeys("SPRING_FLYWAY_ENABLED", "PORTAL_OIDC_CLIENT_SECRET");
        for (String component : List.of("portal", "worker")) {
            Map<String, EnvVar> env = env(container(
                    chart.deployment(component).getSpec().getTemplate().getSpec()));
            assertThat(env.get("SPRING_FLYWAY_ENABLED").getValue())
                    .as(component)
                    .isEqualTo("false");
        }
    }

    @Test
    void theMigrationJobIsAPreInstallAndPreUpgradeHook() throws Exception {
        // not visible in helm-java's output (see above): check the template's annotations instead
        String template = Files.readString(RenderedChart.CHART.resolve("templates/migration-job.yaml"));

        assertThat(template)
                .contains("helm.sh/hook: pre-install,pre-upgrade")
                .contains("helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded");
        assertThat(RenderedChart.render(t -> t).all(Job.class))
                .as("hooks are not in the rendered release")
                .isEmpty();
    }

    @Test
    void sessionsStickToAReplicaAndServerPushStaysOpen() {
        Ingress nginx = RenderedChart.render(t -> t.set("portal.ingress.host", "portal.example.com"))
                .one(Ingress.class, "-portal");
        assertThat(nginx.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                .containsEntry("nginx.ingress.kubernetes.io/session-cookie-name", "DEMO_PORTAL_ROUTE")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600");
        assertThat(nginx.getSpec().getTls().getFirst().getHosts()).containsExactly("portal.example.com");

        Ingress alb = RenderedChart.render(t -> t.withValuesFile(RenderedChart.AWS_VALUES))
                .one(Ingress.class, "-portal");
        assertThat(alb.getMetadata().getAnnotations().get("alb.ingress.kubernetes.io/target-group-attributes"))
                .contains("stickiness.enabled=true", "stickiness.type=lb_cookie");
        assertThat(alb.getMetadata().getAnnotations().get("alb.ingress.kubernetes.io/load-balancer-attributes"))
                .isEqualTo("idle_timeout.timeout_seconds=3600");
        assertThat(alb.getSpec().getRules().getFirst().getHost()).isEqualTo("portal.example.com");
        assertThat(alb.getSpec().getIngressClassName()).isEqualTo("alb");
    }

    @Test
    void misspeltOrWrongValuesAreRefusedNotIgnored() {
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("portal.ingres.host", "portal.example.com")))
                .hasMessageContaining("ingres");
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("portal.ingress.controller", "traefik")))
                .hasMessageContaining("controller");
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("identity.role-mapping.admins", "ROOT")))
                .hasMessageContaining("role-mapping");
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("database.url", "postgres://db:5432/x")))
                .hasMessageContaining("url");
    }

    @Test
    void configurationReachesTheAppsAsSpringProperties() {
        RenderedChart chart = RenderedChart.render(t -> t.withValuesFile(RenderedChart.AWS_VALUES));

        Map<String, Object> worker = applicationYml(chart.one(ConfigMap.class, "-worker"));
        assertThat(path(worker, "portal.provisioning.drivers"))
                .isEqualTo(Map.of("global", "aws", "region-core", "aws", "region-platform", "kubernetes"));
        assertThat(path(worker, "portal.provisioning.aws.hosted-zone-id")).isEqualTo("Z0123456789ABCDEFGHIJ");
        assertThat(path(worker, "portal.provisioning.regions.emea.provisioning-role-arn"))
                .isEqualTo("arn:aws:iam::123456789012:role/demo-portal-provisioning-emea");
        Map<String, Object> portal = applicationYml(chart.one(ConfigMap.class, "-portal"));
        assertThat(path(portal, "portal.identity.role-mapping"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("[demo-portal-admins]", "ADMIN")
                .containsEntry("[demo-portal-customers]", "CUSTOMER");
        assertThat(path(portal, "portal.provisioning"))
                .as("the worker's business")
                .isNull();
        assertThat(path(portal, "spring.security.oauth2.client.registration.portal.scope"))
                .isEqualTo(List.of("openid", "profile", "email", "groups"));

        PodSpec pod = chart.deployment("portal").getSpec().getTemplate().getSpec();
        Map<String, EnvVar> env = env(container(pod));
        assertThat(env.get("SPRING_CONFIG_ADDITIONAL_LOCATION").getValue())
                .isEqualTo("optional:file:/etc/demo-portal/");
        assertThat(container(pod).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/demo-portal"));
        assertThat(env.get("PORTAL_OIDC_ISSUER_URI").getValue()).isEqualTo("https://example.okta.com/oauth2/default");
        assertThat(env.get("LOGGING_STRUCTURED_FORMAT_CONSOLE").getValue()).isEqualTo("ecs");
        assertThat(env.get("MANAGEMENT_SERVER_PORT").getValue()).isEqualTo("9090");
        assertThat(chart.one(Service.class, "-portal").getSpec().getPorts())
                .extracting(p -> p.getName())
                .containsExactly("http", "management");
    }

    @Test
    void shutdownLeavesTimeToDrainAndToHandBackSteps() {
        RenderedChart chart = RenderedChart.render(t -> t);

        PodSpec portal = chart.deployment("portal").getSpec().getTemplate().getSpec();
        assertThat(container(portal).getLifecycle().getPreStop().getSleep().getSeconds())
                .isEqualTo(10L);
        assertThat(portal.getTerminationGracePeriodSeconds()).isGreaterThan(10L + 30L);

        PodSpec worker = chart.deployment("worker").getSpec().getTemplate().getSpec();
        // the values as the worker binds them: ChartEnvironmentTest
        assertThat(worker.getTerminationGracePeriodSeconds()).isGreaterThan(60L);
    }

    @Test
    void eachImageIsPinnedByItsOwnDigest() {
        String portal = "sha256:" + "a".repeat(64);
        String worker = "sha256:" + "b".repeat(64);
        RenderedChart chart = RenderedChart.render(t -> t.set("image.repository", "registry.example.com/demo-portal")
                .set("image.digests.portal", portal)
                .set("image.digests.worker", worker)
                .set("migrations.helmHook", false));

        assertThat(container(chart.deployment("portal").getSpec().getTemplate().getSpec())
                        .getImage())
                .isEqualTo("registry.example.com/demo-portal/portal-ui@" + portal);
        assertThat(container(chart.deployment("worker").getSpec().getTemplate().getSpec())
                        .getImage())
                .isEqualTo("registry.example.com/demo-portal/provisioning-worker@" + worker);
        assertThat(container(chart.one(Job.class, "-migrate-1")
                                .getSpec()
                                .getTemplate()
                                .getSpec())
                        .getImage())
                .as("the migration job runs the portal image")
                .isEqualTo("registry.example.com/demo-portal/portal-ui@" + portal);
        // one digest cannot name two images: the old key is refused rather than applied to both
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("image.digest", portal)))
                .hasMessageContaining("digest");
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("image.digests.portal", "latest")))
                .hasMessageContaining("digests");
    }

    @Test
    void thePortalRunsUnderItsOwnServiceAccountWithoutAnApiToken() {
        RenderedChart chart = RenderedChart.render(t -> t);

        ServiceAccount account = chart.one(ServiceAccount.class, "-portal");
        assertThat(account.getAutomountServiceAccountToken()).isFalse();
        // no IAM role unless one is given (portal.serviceAccount.awsRoleArn, for the keyset's KMS key)
        assertThat(account.getMetadata().getAnnotations()).isNullOrEmpty();
        PodSpec portal = chart.deployment("portal").getSpec().getTemplate().getSpec();
        assertThat(portal.getServiceAccountName())
                .isEqualTo(account.getMetadata().getName())
                .isNotEqualTo("default");
        assertThat(portal.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void theMigrationJobHasItsOwnSchedulingAnnotationsAndLifetime() {
        RenderedChart global = RenderedChart.render(t -> t.set("migrations.helmHook", false)
                .set("nodeSelector.pool", "general")
                .set("tolerations[0].key", "dedicated")
                .set("tolerations[0].operator", "Exists")
                .set("worker.nodeSelector.pool", "workers"));
        PodSpec job =
                global.one(Job.class, "-migrate-1").getSpec().getTemplate().getSpec();
        assertThat(job.getNodeSelector())
                .as("falls back to the global values")
                .containsExactly(Map.entry("pool", "general"));
        assertThat(job.getTolerations()).extracting(t -> t.getKey()).containsExactly("dedicated");
        assertThat(global.deployment("portal").getSpec().getTemplate().getSpec().getNodeSelector())
                .containsExactly(Map.entry("pool", "general"));
        assertThat(global.deployment("worker").getSpec().getTemplate().getSpec().getNodeSelector())
                .as("a component's own wins")
                .containsExactly(Map.entry("pool", "workers"));
        assertThat(global.one(Job.class, "-migrate-1").getSpec().getTtlSecondsAfterFinished())
                .isEqualTo(86400);

        RenderedChart own = RenderedChart.render(t -> t.set("migrations.helmHook", false)
                .set("nodeSelector.pool", "general")
                .set("migrations.nodeSelector.pool", "batch")
                .set(
                        "migrations.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                                + ".nodeSelectorTerms[0].matchExpressions[0].key",
                        "arch")
                .set(
                        "migrations.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                                + ".nodeSelectorTerms[0].matchExpressions[0].operator",
                        "Exists")
                .set("migrations.annotations.argocd\\.argoproj\\.io/sync-wave", "-1")
                .set("migrations.podAnnotations.sidecar\\.istio\\.io/inject", "false")
                .set("migrations.ttlSecondsAfterFinished", 600));
        Job ownJob = own.one(Job.class, "-migrate-1");
        assertThat(ownJob.getSpec().getTemplate().getSpec().getNodeSelector())
                .containsExactly(Map.entry("pool", "batch"));
        assertThat(ownJob.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity())
                .isNotNull();
        assertThat(ownJob.getMetadata().getAnnotations()).containsEntry("argocd.argoproj.io/sync-wave", "-1");
        assertThat(ownJob.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("sidecar.istio.io/inject", "false");
        assertThat(ownJob.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
    }

    @Test
    void onlyTheMigrationJobHoldsTheSchemaOwnersCredential() {
        RenderedChart chart = RenderedChart.render(
                t -> t.withValuesFile(RenderedChart.AWS_VALUES).set("migrations.helmHook", false));

        Map<String, EnvVar> job = env(container(
                chart.one(Job.class, "-migrate-1").getSpec().getTemplate().getSpec()));
        assertThat(job.get("SPRING_DATASOURCE_PASSWORD")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo("demo-portal-database-owner");
        assertThat(job.get("SPRING_DATASOURCE_USERNAME")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo("demo-portal-database-owner");
        assertThat(chart.yaml.split("(?m)^---"))
                .filteredOn(d -> d.contains("\nkind: Deployment\n"))
                .hasSize(2)
                .noneMatch(d -> d.contains("demo-portal-database-owner"));
        for (Deployment deployment : chart.all(Deployment.class)) {
            assertThat(env(container(deployment.getSpec().getTemplate().getSpec()))
                            .get("SPRING_DATASOURCE_PASSWORD")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getName())
                    .isEqualTo("demo-portal-database");
        }

        Map<String, EnvVar> shared = env(container(RenderedChart.render(
                        t -> t.set("migrations.helmHook", false).set("migrations.database.existingSecret", ""))
                .one(Job.class, "-migrate-1")
                .getSpec()
                .getTemplate()
                .getSpec()));
        assertThat(shared.get("SPRING_DATASOURCE_PASSWORD")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .as("without an owner Secret the job falls back to the apps' credential")
                .isEqualTo("demo-portal-database");
        assertThat(shared.get("SPRING_DATASOURCE_USERNAME").getValue()).isEqualTo("demoportal_app");
    }

    @Test
    void extraVolumesAndATrustStoreReachEveryPod() {
        RenderedChart chart = RenderedChart.render(t -> t.set("migrations.helmHook", false)
                .set("trustStore.configMap", "company-ca")
                .set("trustStore.pkcs12Key", "truststore.p12")
                .set("portal.extraVolumes[0].name", "plugins")
                .set("portal.extraVolumes[0].emptyDir.medium", "Memory")
                .set("portal.extraVolumeMounts[0].name", "plugins")
                .set("portal.extraVolumeMounts[0].mountPath", "/plugins")
                .set("worker.extraVolumes[0].name", "kubeconfig")
                .set("worker.extraVolumes[0].secret.secretName", "kc")
                .set("worker.extraVolumeMounts[0].name", "kubeconfig")
                .set("worker.extraVolumeMounts[0].mountPath", "/kube"));

        List<PodSpec> pods = List.of(
                chart.deployment("portal").getSpec().getTemplate().getSpec(),
                chart.deployment("worker").getSpec().getTemplate().getSpec(),
                chart.one(Job.class, "-migrate-1").getSpec().getTemplate().getSpec());
        for (PodSpec pod : pods) {
            assertThat(pod.getVolumes())
                    .filteredOn(v -> v.getName().equals("trust"))
                    .singleElement()
                    .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("company-ca"));
            assertThat(container(pod).getVolumeMounts())
                    .filteredOn(m -> m.getName().equals("trust"))
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.getMountPath()).isEqualTo("/etc/demo-portal/trust");
                        assertThat(m.getReadOnly()).isTrue();
                    });
            // the JVM reads the store from the mounted volume (the variable's reader: ChartEnvironmentTest)
            assertThat(env(container(pod)).get("JAVA_TOOL_OPTIONS").getValue())
                    .contains("-Djavax.net.ssl.trustStore=/etc/demo-portal/trust/truststore.p12")
                    .contains("-Djavax.net.ssl.trustStoreType=PKCS12")
                    .doesNotContain("Password");
        }
        assertThat(container(pods.get(0)).getVolumeMounts())
                .extracting(m -> m.getMountPath())
                .contains("/plugins");
        assertThat(pods.get(0).getVolumes())
                .extracting(v -> v.getName())
                .contains("plugins")
                .doesNotContain("kubeconfig");
        assertThat(container(pods.get(1)).getVolumeMounts())
                .extracting(m -> m.getMountPath())
                .contains("/kube");

        RenderedChart pemOnly = RenderedChart.render(t -> t.set("trustStore.secret", "rds-ca"));
        PodSpec portal = pemOnly.deployment("portal").getSpec().getTemplate().getSpec();
        assertThat(portal.getVolumes())
                .filteredOn(v -> v.getSecret() != null)
                .extracting(v -> v.getSecret().getSecretName())
                .containsExactly("rds-ca");
        assertThat(env(container(portal)))
                .as("PEM files for the driver only: the JVM keeps its own trust")
                .doesNotContainKey("JAVA_TOOL_OPTIONS");
        assertThatThrownBy(() -> RenderedChart.render(
                        t -> t.set("trustStore.secret", "a").set("trustStore.configMap", "b")))
                .hasMessageContaining("either secret or configMap");
    }

    @Test
    void networkPoliciesAreOffByDefaultAndDenyAllButTheNamedTrafficWhenOn() {
        assertThat(RenderedChart.render(t -> t).all(NetworkPolicy.class)).isEmpty();

        RenderedChart chart = RenderedChart.render(t -> t.set("networkPolicy.enabled", true)
                .set("mail.host", "smtp.example.com")
                .set("networkPolicy.egress.database.to[0].ipBlock.cidr", "10.0.16.0/20"));
        NetworkPolicy portal = chart.one(NetworkPolicy.class, "-portal");
        NetworkPolicy worker = chart.one(NetworkPolicy.class, "-worker");
        for (NetworkPolicy policy : List.of(portal, worker)) {
            String component = policy.getMetadata().getName().replaceAll(".*-", "");
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                    .isEqualTo(
                            chart.deployment(component).getSpec().getSelector().getMatchLabels());
            assertThat(policy.getSpec().getEgress())
                    .flatExtracting(e -> e.getPorts())
                    .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                    .containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/5432", "TCP/443", "TCP/587");
            assertThat(policy.getSpec().getEgress())
                    .flatExtracting(e -> e.getTo())
                    .filteredOn(peer -> peer.getIpBlock() != null)
                    .extracting(peer -> peer.getIpBlock().getCidr())
                    .contains("10.0.16.0/20");
        }
        assertThat(portal.getSpec().getIngress())
                .extracting(rule -> rule.getPorts().getFirst().getPort().getStrVal())
                .containsExactly("http", "management");
        assertThat(portal.getSpec()
                        .getIngress()
                        .getFirst()
                        .getFrom()
                        .getFirst()
                        .getNamespaceSelector()
                        .getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "ingress-nginx");
        assertThat(worker.getSpec().getIngress())
                .as("the worker serves nobody but Prometheus")
                .extracting(rule -> rule.getPorts().getFirst().getPort().getStrVal())
                .containsExactly("management");
    }

    @Test
    void aGatewayApiRouteKeepsSessionsOnOneReplica() {
        RenderedChart chart = RenderedChart.render(t -> t.set("portal.ingress.enabled", false)
                .set("portal.ingress.host", "portal.example.com")
                .set("portal.httpRoute.enabled", true)
                .set("portal.httpRoute.parentRefs[0].name", "public")
                .set("portal.httpRoute.parentRefs[0].namespace", "gateway"));

        assertThat(chart.all(Ingress.class)).isEmpty();
        HTTPRoute route = chart.one(HTTPRoute.class, "-portal");
        assertThat(route.getSpec().getParentRefs())
                .singleElement()
                .satisfies(p -> assertThat(p.getName() + "/" + p.getNamespace()).isEqualTo("public/gateway"));
        assertThat(route.getSpec().getHostnames()).containsExactly("portal.example.com");
        HTTPRouteRule rule = route.getSpec().getRules().getFirst();
        assertThat(rule.getBackendRefs()).singleElement().satisfies(b -> {
            assertThat(b.getName())
                    .isEqualTo(chart.one(Service.class, "-portal").getMetadata().getName());
            assertThat(b.getPort()).isEqualTo(80);
        });
        assertThat(rule.getSessionPersistence().getType()).isEqualTo("Cookie");
        assertThat(rule.getSessionPersistence().getSessionName()).isEqualTo("DEMO_PORTAL_ROUTE");
        assertThat(rule.getTimeouts().getRequest()).isEqualTo("3600s");
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("portal.httpRoute.enabled", true)))
                .hasMessageContaining("parentRefs");
    }

    private static void hardenedAndProbed(Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = container(pod);
        String name = deployment.getMetadata().getName();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isEqualTo(65532L);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
                .as(name)
                .isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                .as(name)
                .isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop())
                .as(name)
                .containsExactly("ALL");
        assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
        assertThat(pod.getTopologySpreadConstraints())
                .as(name)
                .extracting(c -> c.getTopologyKey())
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(probePath(container.getStartupProbe())).as(name).isEqualTo("/livez");
        assertThat(probePath(container.getLivenessProbe())).as(name).isEqualTo("/livez");
        assertThat(probePath(container.getReadinessProbe())).as(name).isEqualTo("/readyz");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
                .as(name)
                .isEqualTo("http");
        assertThat(container.getPorts()).extracting(p -> p.getName()).as(name).containsExactly("http", "management");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .as(name)
                .containsKey("checksum/config");
        secretsByReference(container);
    }

    private static void secretsByReference(Container container) {
        for (EnvVar var : container.getEnv()) {
            if (SECRET_NAME.matcher(var.getName()).matches()) {
                assertThat(var.getValue())
                        .as(var.getName() + " must come from a Secret")
                        .isNull();
                assertThat(var.getValueFrom().getSecretKeyRef())
                        .as(var.getName())
                        .isNotNull();
            }
        }
    }

    private static String probePath(Probe probe) {
        return probe.getHttpGet().getPath();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> applicationYml(ConfigMap config) {
        return (Map<String, Object>) new Yaml().load(config.getData().get("application.yml"));
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> yaml, String dotted) {
        Object node = yaml;
        for (String key : dotted.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }
}
