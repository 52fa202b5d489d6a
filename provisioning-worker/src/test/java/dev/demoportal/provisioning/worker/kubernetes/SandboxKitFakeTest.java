package dev.demoportal.provisioning.worker.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.ProvisioningPlan;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepResult;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-off kit against the fabric8 mock API server in CRUD mode (a fake of the Kubernetes API:
 * objects are stored and read back as a cluster would). The CRUD store has no TokenRequest
 * subresource, so the fake answers {@code POST .../serviceaccounts/sandbox-kit/token} as the API
 * server does: a token valid for the seconds asked, and it records what was asked.
 */
@EnableKubernetesMockClient(crud = true)
class SandboxKitFakeTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final Instant NOW = Instant.parse("2026-03-09T01:00:00Z");

    private final UUID sandboxId = UUID.randomUUID();
    private final String name = "sb-acme-" + sandboxId.toString().substring(0, 6);
    private final List<TokenRequest> asked = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private KubernetesPlatformDriver driver;

    @BeforeEach
    void setUp() {
        driver = new KubernetesPlatformDriver(
                s -> client,
                new KubernetesPlatformDriverTest.InMemorySecrets(),
                s -> "gateway-system",
                "sandbox-workload",
                new HelmChartRenderer(),
                "sandbox-gateway",
                Duration.ofSeconds(5),
                Clock.fixed(NOW, ZoneOffset.UTC));
        server.expect()
                .post()
                .withPath("/api/v1/namespaces/" + name + "/serviceaccounts/sandbox-kit/token")
                .andReply(201, request -> {
                    TokenRequest body = client.getKubernetesSerialization()
                            .unmarshal(request.getBody().readUtf8(), TokenRequest.class);
                    asked.add(body);
                    return client.getKubernetesSerialization()
                            .asJson(new TokenRequestBuilder(body)
                                    .withNewStatus()
                                    .withToken("fake-token-" + asked.size())
                                    .withExpirationTimestamp(
                                            NOW.plusSeconds(body.getSpec().getExpirationSeconds())
                                                    .toString())
                                    .endStatus()
                                    .build());
                })
                .always();
    }

    private SandboxSpec spec(Instant expiresAt, Integer lifetimeHours) {
        return new SandboxSpec(
                sandboxId,
                name,
                "acme",
                "web-shop",
                "emea",
                "eu-west-1",
                "acme-sandbox-users",
                expiresAt,
                Map.of(),
                lifetimeHours);
    }

    /** Runs the platform steps of a plan the way the runner does; returns what was handed over. */
    private Map<String, String> run(JobKind kind, SandboxSpec spec) {
        Map<String, String> outputs = new LinkedHashMap<>();
        Map<String, String> secrets = new HashMap<>();
        for (ProvisioningPlan.PlannedStep step : ProvisioningPlan.of(kind)) {
            if (step.layer() != Layer.REGION_PLATFORM) {
                continue;
            }
            StepResult result =
                    driver.apply(new StepContext(UUID.randomUUID(), kind, step.name(), 1, spec, outputs, log::add));
            outputs.putAll(result.output());
            secrets.putAll(result.secrets());
        }
        return secrets;
    }

    @Test
    void provisionHandsOverAKubeconfigForTheNamespaceOnlyWhoseTokenEndsWithTheSandbox() {
        // not ready yet: the expiry is unknown, the lifetime is 8 hours from ready, which is later than now
        Map<String, String> handed = run(JobKind.PROVISION, spec(null, 8));

        assertThat(client.serviceAccounts()
                        .inNamespace(name)
                        .withName("sandbox-kit")
                        .get()
                        .getMetadata()
                        .getLabels())
                .containsEntry("demoportal.dev/sandbox-id", sandboxId.toString());
        RoleBinding binding = client.rbac()
                .roleBindings()
                .inNamespace(name)
                .withName("sandbox-kit")
                .get();
        // the customer's own rights, in this namespace only: a RoleBinding, never a ClusterRoleBinding
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("edit");
        assertThat(client.rbac().clusterRoleBindings().list().getItems()).isEmpty();
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("sandbox-kit");
            assertThat(subject.getNamespace()).isEqualTo(name);
        });

        assertThat(asked)
                .singleElement()
                .satisfies(request -> assertThat(request.getSpec().getExpirationSeconds())
                        .isEqualTo(Duration.ofHours(8).toSeconds()));
        io.fabric8.kubernetes.api.model.Config kubeconfig = client.getKubernetesSerialization()
                .unmarshal(handed.get("kubeconfig"), io.fabric8.kubernetes.api.model.Config.class);
        assertThat(kubeconfig.getCurrentContext()).isEqualTo(name);
        assertThat(kubeconfig.getContexts())
                .singleElement()
                .extracting(NamedContext::getContext)
                .satisfies(context -> assertThat(context.getNamespace()).isEqualTo(name));
        assertThat(kubeconfig.getClusters().getFirst().getCluster().getServer())
                .isEqualTo(client.getConfiguration().getMasterUrl().replaceAll("/+$", ""));
        assertThat(kubeconfig.getUsers().getFirst().getUser().getToken()).isEqualTo("fake-token-1");
        assertThat(handed).containsKey("adminPassword");
        assertThat(log).noneMatch(line -> line.contains("fake-token"));
    }

    @Test
    void anExtensionHandsOverANewKubeconfigUntilTheNewExpiry() {
        run(JobKind.PROVISION, spec(null, 8));
        Instant extended = NOW.plus(Duration.ofHours(32));

        StepResult result = driver.apply(new StepContext(
                UUID.randomUUID(), JobKind.EXTEND, "expiry-label", 1, spec(extended, 8), Map.of(), log::add));

        assertThat(asked).hasSize(2);
        assertThat(asked.getLast().getSpec().getExpirationSeconds())
                .isEqualTo(Duration.ofHours(32).toSeconds());
        assertThat(result.secrets().get("kubeconfig")).contains("fake-token-2");
    }

    @Test
    void aSandboxEndingSoonerThanTheShortestTokenGetsNoKubeconfig() {
        Map<String, String> handed = run(JobKind.PROVISION, spec(NOW.plus(Duration.ofMinutes(9)), 8));

        assertThat(asked).isEmpty();
        assertThat(handed).doesNotContainKey("kubeconfig").containsKey("adminPassword");
        assertThat(log).anyMatch(line -> line.contains("no kubeconfig"));
    }

    @Test
    void teardownDeletesTheAccountAndTheLeftoverCheckFindsOneLeftBehind() {
        SandboxSpec spec = spec(null, 8);
        run(JobKind.PROVISION, spec);

        run(JobKind.TEARDOWN, spec);

        assertThat(client.serviceAccounts().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.rbac().roleBindings().inNamespace(name).list().getItems())
                .isEmpty();
        assertThat(found(spec)).isEmpty();

        // an account someone made by hand for the sandbox, elsewhere, keeps its tokens working
        client.serviceAccounts()
                .inNamespace("default")
                .resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("sandbox-kit-copy")
                        .withNamespace("default")
                        .addToLabels("demoportal.dev/sandbox-id", sandboxId.toString())
                        .endMetadata()
                        .build())
                .create();
        assertThat(found(spec)).containsExactly("serviceaccount/default/sandbox-kit-copy");
    }

    private List<String> found(SandboxSpec spec) {
        return driver.leftoverScans(spec).stream()
                .flatMap((LeftoverScan scan) -> scan.found().stream())
                .toList();
    }
}
