package dev.demoportal.provisioning.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.ProvisioningPlan;
import dev.demoportal.provisioning.ProvisioningPlan.PlannedStep;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.worker.aws.AwsClients;
import dev.demoportal.provisioning.worker.aws.AwsDrivers;
import dev.demoportal.provisioning.worker.aws.AwsSettings;
import dev.demoportal.provisioning.worker.aws.RegionSettings;
import dev.demoportal.provisioning.worker.kubernetes.KubernetesDrivers;
import dev.demoportal.provisioning.worker.vault.VaultConnections;
import dev.demoportal.provisioning.worker.vault.VaultFake;
import dev.demoportal.provisioning.worker.vault.VaultPlatformDriver;
import dev.demoportal.provisioning.worker.vault.VaultSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One sandbox from a template with contents, through every real driver at once, each against a
 * protocol-level fake of its API: aws (global and region-core: Route 53, IAM, STS, EKS, and Secrets
 * Manager for the admin password) on {@link AwsStateFake}, kubernetes on fabric8's CRUD mock API
 * server (the template's chart rendered by the real Helm through helm-java and applied), Vault on
 * {@link VaultFake}. The steps run in plan order with the outputs handed on as the job runner hands
 * them, the secrets of the last step taken as the owner's; then the teardown, and the receipt's
 * final check: every layer's {@code verifyGone} and leftover scans, which must find nothing. The
 * sandbox's DNS name cannot resolve here, so the access URL the readiness probe asks is pointed at
 * a WireMock fake of the application; the mock cluster runs no controller, so the test marks the
 * release's Deployment ready when the step waits for it, as a cluster would.
 */
@EnableKubernetesMockClient(crud = true)
class AllRealDriversTest {

    static KubernetesClient client;

    private static final String CHART =
            Path.of("src/test/resources/charts/hello").toAbsolutePath().toString();

    private final UUID sandboxId = UUID.randomUUID();
    private final String name = "sb-all-" + sandboxId.toString().substring(0, 6);
    private final SandboxSpec spec = new SandboxSpec(
            sandboxId,
            name,
            "acme",
            "secrets-workshop",
            "emea",
            "eu-west-1",
            "acme-sandbox-users",
            Instant.parse("2026-03-09T09:00:00Z"),
            Map.ofEntries(
                    Map.entry("namespaceCpu", "2"),
                    Map.entry("namespaceMemory", "4Gi"),
                    Map.entry("helm.hello.chart", CHART),
                    Map.entry("helm.hello.values.message", "Secrets workshop of ${sandbox.organisation}"),
                    Map.entry("route.service", "hello"),
                    Map.entry("route.port", "9898"),
                    Map.entry("probe.path", "/readyz"),
                    Map.entry("vault.kv-path", "workshops/${sandbox.name}"),
                    Map.entry("vault.kv-capabilities", "create,read,update,delete,list"),
                    Map.entry("vault.database.connection", "workshop-postgres"),
                    Map.entry(
                            "vault.database.creation-statements",
                            "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';")));

    private final WireMockServer app = new WireMockServer(options().dynamicPort());
    private final List<String> log = new ArrayList<>();
    private AwsStateFake aws;
    private VaultFake vault;
    private LayerDrivers drivers;

    @BeforeEach
    void setUp() {
        app.start();
        app.stubFor(get(urlPathEqualTo("/readyz")).willReturn(aResponse().withStatus(200)));
        aws = new AwsStateFake();
        vault = new VaultFake();
        // static credentials and a Vault token exist only in tests; the worker uses the default chain and Kubernetes
        // auth
        AwsDrivers awsDrivers = new AwsDrivers(
                new AwsClients(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTONLY", "test-secret")),
                        URI.create(aws.baseUrl())),
                new AwsSettings(
                        AwsStateFake.ZONE,
                        "sandbox.example.com",
                        Duration.ofSeconds(60),
                        "demoportal-sandbox-",
                        "sandbox-workload",
                        "demoportal/sandbox/",
                        URI.create(aws.baseUrl())),
                Map.of(
                        "emea",
                        new RegionSettings(
                                "demo-emea",
                                "arn:aws:iam::123456789012:role/demoportal-provisioning",
                                "gateway",
                                "gw.emea.example.com")));
        VaultSettings vaultSettings = new VaultSettings(
                "demoportal-sandbox-",
                "/unused",
                Map.of(
                        "emea",
                        new VaultSettings.VaultRegion(
                                vault.address(), "secret", "database", "kubernetes", "kubernetes", "w")));
        LayerDriver platform = new VaultPlatformDriver(
                KubernetesDrivers.on(client, awsDrivers.secretStore(), "gateway"),
                VaultConnections.cached(
                        vaultSettings,
                        region -> new VaultTemplate(
                                VaultEndpoint.from(URI.create(region.address())),
                                new TokenAuthentication(VaultFake.TOKEN))),
                "demoportal-sandbox-",
                "sandbox-workload");
        drivers = new LayerDrivers(List.of(awsDrivers.global(), awsDrivers.regionCore(), platform));
    }

    @AfterEach
    void stop() {
        app.stop();
        aws.close();
        vault.close();
    }

    @Test
    void aSandboxWithContentsIsDeliveredByEveryRealDriverAndTornDownWithNothingLeft() {
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> outputs = run(JobKind.PROVISION, new LinkedHashMap<>(), secrets);

        String role = "demoportal-sandbox-" + name;
        // global: the DNS record and the workload role; the admin password in Secrets Manager
        assertThat(aws.records).containsEntry(name + ".sandbox.example.com.", "gw.emea.example.com");
        assertThat(aws.roles).containsKey(role);
        assertThat(aws.roles.get(role)).containsEntry("demoportal:sandbox-id", sandboxId.toString());
        assertThat(aws.secrets).containsOnlyKeys("demoportal/sandbox/" + name + "/admin-password");
        // region-platform: the namespace with its quota from namespaceCpu, the release, the route
        assertThat(client.namespaces().withName(name).get()).isNotNull();
        assertThat(client.resourceQuotas()
                        .inNamespace(name)
                        .withName("sandbox-quota")
                        .get()
                        .getSpec()
                        .getHard()
                        .get("requests.cpu")
                        .toString())
                .isEqualTo("2");
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(name)
                        .withName("hello")
                        .get())
                .isNotNull();
        assertThat(client.services().inNamespace(name).withName("hello").get()).isNotNull();
        assertThat(client.network()
                        .v1()
                        .ingresses()
                        .inNamespace(name)
                        .withName("sandbox-route")
                        .get())
                .isNotNull();
        assertThat(app.getAllServeEvents())
                .anyMatch(e -> e.getRequest().getUrl().equals("/readyz"));
        // Vault: the KV path, policy, Kubernetes auth role and database role
        assertThat(vault.kvPaths()).containsExactly("workshops/" + name);
        assertThat(vault.policies()).containsOnlyKeys(role);
        assertThat(vault.objectPaths())
                .containsExactlyInAnyOrder("auth/kubernetes/role/" + role, "database/roles/" + role);
        // the hand-off: the admin password and the Vault part of the kit, with the last step
        assertThat(secrets).containsKeys("adminPassword", VaultPlatformDriver.KIT_PATH, VaultPlatformDriver.KIT_LOGIN);
        assertThat(secrets.get(VaultPlatformDriver.KIT_PATH)).isEqualTo("secret/workshops/" + name);
        vault.issueDatabaseLease(role);

        Map<String, List<String>> receipt = new LinkedHashMap<>();
        run(JobKind.TEARDOWN, new LinkedHashMap<>(), new LinkedHashMap<>(), receipt);

        assertThat(aws.everything()).isEmpty();
        assertThat(client.namespaces().withName(name).get()).isNull();
        assertThat(vault.policies()).isEmpty();
        assertThat(vault.objectPaths()).isEmpty();
        assertThat(vault.kvPaths()).isEmpty();
        assertThat(vault.leases()).isEmpty();
        // the receipt's final check ran for every layer, searched by the sandbox id, and found nothing
        assertThat(receipt.keySet()).containsExactlyInAnyOrder("global", "region-core", "region-platform");
        assertThat(receipt.get("region-platform"))
                .contains("namespace/" + name, "vault:policy/" + role, "vault:secret/workshops/" + name);
        assertThat(leftovers())
                .extracting(LeftoverScan::what)
                .anyMatch(w -> w.startsWith("IAM roles tagged"))
                .anyMatch(w -> w.startsWith("namespaces labelled"))
                .anyMatch(w -> w.startsWith("Vault policies"));
        assertThat(leftovers())
                .allSatisfy(scan -> assertThat(scan.found()).as(scan.what()).isEmpty());
    }

    private List<LeftoverScan> leftovers() {
        return drivers.all().stream()
                .flatMap(d -> d.leftoverScans(spec).stream())
                .toList();
    }

    private Map<String, String> run(JobKind kind, Map<String, String> outputs, Map<String, String> secrets) {
        return run(kind, outputs, secrets, new LinkedHashMap<>());
    }

    /**
     * The plan's steps in order, each by the driver of its layer, outputs handed on; a transient
     * failure is retried as the runner would (here at once: the fakes answer at once); the final
     * check as the runner's verify-gone step does it.
     */
    private Map<String, String> run(
            JobKind kind, Map<String, String> outputs, Map<String, String> secrets, Map<String, List<String>> receipt) {
        for (PlannedStep step : ProvisioningPlan.of(kind)) {
            if (step.name().equals(ProvisioningPlan.VERIFY_GONE)) {
                for (LayerDriver driver : drivers.all()) {
                    receipt.put(driver.layer().code(), driver.verifyGone(spec));
                }
                continue;
            }
            StepResult result = attempt(kind, step, outputs);
            outputs.putAll(result.output());
            if (step.name().equals("dns-record") && kind == JobKind.PROVISION) {
                // the sandbox's DNS name cannot resolve here: the probe asks the application's fake
                outputs.put("accessUrl", app.baseUrl() + "/");
            }
            secrets.putAll(result.secrets());
        }
        return outputs;
    }

    private StepResult attempt(JobKind kind, PlannedStep step, Map<String, String> outputs) {
        for (int attempt = 1; ; attempt++) {
            try {
                return drivers.of(step.layer())
                        .apply(new StepContext(UUID.randomUUID(), kind, step.name(), attempt, spec, outputs, log::add));
            } catch (StepFailure failure) {
                if (!failure.isTransient() || attempt >= 5) {
                    throw failure;
                }
                // the release's workloads are waited for: the mock cluster has no controller to ready them
                if (step.name().equals("helm-releases") && step.layer() == Layer.REGION_PLATFORM) {
                    markReady("hello");
                }
            }
        }
    }

    private void markReady(String deployment) {
        Deployment d = client.apps()
                .deployments()
                .inNamespace(name)
                .withName(deployment)
                .get();
        if (d == null) {
            return;
        }
        client.apps()
                .deployments()
                .inNamespace(name)
                .resource(new DeploymentBuilder(d)
                        .withNewStatus()
                        .withReplicas(1)
                        .withReadyReplicas(1)
                        .endStatus()
                        .build())
                .updateStatus();
    }
}
