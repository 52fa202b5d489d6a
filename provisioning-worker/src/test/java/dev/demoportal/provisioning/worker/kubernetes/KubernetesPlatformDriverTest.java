package dev.demoportal.provisioning.worker.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.ProvisioningPlan;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.worker.aws.SecretStore;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kubernetes driver against fabric8's CRUD mock API server. The mock stores objects; it does
 * not enforce RBAC (the worker's own permissions), admission, quotas, or cascade namespace
 * deletion: those only a real cluster shows.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPlatformDriverTest {

    static KubernetesClient client;

    private final UUID sandboxId = UUID.randomUUID();
    private final SandboxSpec spec = new SandboxSpec(
            sandboxId,
            "sb-acme-" + sandboxId.toString().substring(0, 6),
            "acme",
            "web-shop",
            "emea",
            "eu-west-1",
            "acme-sandbox-users",
            Instant.parse("2026-03-09T09:00:00Z"),
            Map.of("namespaceCpu", "6", "namespaceMemory", "12Gi"));
    private final InMemorySecrets secrets = new InMemorySecrets();
    private KubernetesPlatformDriver driver;

    /** Stands in for Secrets Manager; the aws driver test covers the real protocol. */
    static class InMemorySecrets implements SecretStore {
        final Map<String, String> values = new ConcurrentHashMap<>();
        int creations;

        @Override
        public StoredSecret ensure(SandboxSpec spec, String key, String newValue) {
            String ref = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:demoportal/sandbox/" + spec.name() + "/"
                    + key;
            if (!values.containsKey(ref)) {
                creations++;
                values.put(ref, newValue);
            }
            return new StoredSecret(ref, values.get(ref));
        }

        @Override
        public boolean delete(SandboxSpec spec, String key) {
            return values.keySet().removeIf(ref -> ref.endsWith("/" + spec.name() + "/" + key));
        }

        @Override
        public Optional<String> find(SandboxSpec spec, String key) {
            return values.keySet().stream()
                    .filter(ref -> ref.endsWith("/" + spec.name() + "/" + key))
                    .findFirst();
        }
    }

    @BeforeEach
    void setUp() {
        driver = KubernetesDrivers.on(client, secrets, "gateway-system");
    }

    /** Runs the platform steps of a plan the way the runner does, passing outputs along. */
    private Map<String, String> run(JobKind kind, Map<String, String> earlier) {
        Map<String, String> outputs = new LinkedHashMap<>(earlier);
        Map<String, String> secretsOut = new HashMap<>();
        for (ProvisioningPlan.PlannedStep step : ProvisioningPlan.of(kind)) {
            if (step.layer() != Layer.REGION_PLATFORM) {
                continue;
            }
            StepResult result =
                    driver.apply(new StepContext(UUID.randomUUID(), kind, step.name(), 1, spec, outputs, l -> {}));
            outputs.putAll(result.output());
            secretsOut.putAll(result.secrets());
        }
        outputs.putAll(secretsOut);
        return outputs;
    }

    private String ns() {
        return spec.name();
    }

    @Test
    void provisionsTheNamespaceAndWhatLivesInItLabelledWithTheSandbox() {
        Map<String, String> out = run(
                JobKind.PROVISION,
                Map.of("workloadRoleArn", "arn:aws:iam::123456789012:role/demoportal-sandbox-" + spec.name()));

        Namespace namespace = client.namespaces().withName(ns()).get();
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("demoportal.dev/sandbox-id", sandboxId.toString())
                .containsEntry("demoportal.dev/organisation", "acme")
                .containsEntry("demoportal.dev/template", "web-shop")
                .containsEntry("app.kubernetes.io/managed-by", "demo-portal");
        assertThat(namespace.getMetadata().getAnnotations())
                .containsEntry("demoportal.dev/expires-at", "2026-03-09T09:00:00Z");

        ResourceQuota quota = client.resourceQuotas()
                .inNamespace(ns())
                .withName("sandbox-quota")
                .get();
        assertThat(quota.getSpec().getHard())
                .containsEntry("requests.cpu", new Quantity("6"))
                .containsEntry("limits.memory", new Quantity("12Gi"))
                .containsEntry("pods", new Quantity("20"));
        LimitRange limits = client.limitRanges()
                .inNamespace(ns())
                .withName("sandbox-limits")
                .get();
        assertThat(limits.getSpec().getLimits().getFirst().getDefault()).containsEntry("cpu", new Quantity("500m"));
        assertThat(limits.getSpec().getLimits().getFirst().getDefaultRequest())
                .containsEntry("memory", new Quantity("128Mi"));

        NetworkPolicy deny = client.network()
                .v1()
                .networkPolicies()
                .inNamespace(ns())
                .withName("default-deny-ingress")
                .get();
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        NetworkPolicy gateway = client.network()
                .v1()
                .networkPolicies()
                .inNamespace(ns())
                .withName("allow-from-gateway")
                .get();
        assertThat(gateway.getSpec()
                        .getIngress()
                        .getFirst()
                        .getFrom()
                        .getFirst()
                        .getNamespaceSelector()
                        .getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "gateway-system"));

        RoleBinding binding = client.rbac()
                .roleBindings()
                .inNamespace(ns())
                .withName("sandbox-customers")
                .get();
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("edit");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("Group");
            assertThat(subject.getName()).isEqualTo("acme-sandbox-users");
        });

        assertThat(client.serviceAccounts()
                        .inNamespace(ns())
                        .withName("sandbox-workload")
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry(
                        "eks.amazonaws.com/role-arn",
                        "arn:aws:iam::123456789012:role/demoportal-sandbox-" + spec.name());
        // the namespace holds a reference to the secret, never its value
        var refs = client.configMaps()
                .inNamespace(ns())
                .withName("sandbox-secret-refs")
                .get();
        assertThat(refs.getData().get("admin-password")).startsWith("arn:aws:secretsmanager:");
        assertThat(client.secrets().inNamespace(ns()).list().getItems()).isEmpty();
        assertThat(out.get("adminPassword")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(refs.getData().values()).doesNotContain(out.get("adminPassword"));
    }

    @Test
    void aRerunChangesNothing() {
        run(JobKind.PROVISION, Map.of());
        Map<String, String> versions = resourceVersions();
        String password = secrets.values.values().iterator().next();

        Map<String, String> again = run(JobKind.PROVISION, Map.of());

        assertThat(resourceVersions()).isEqualTo(versions);
        assertThat(secrets.creations).isEqualTo(1);
        assertThat(again.get("adminPassword")).isEqualTo(password);
    }

    @Test
    void teardownLeavesNothingAndVerifies() {
        run(JobKind.PROVISION, Map.of());

        run(JobKind.TEARDOWN, Map.of());

        assertThat(client.namespaces().withName(ns()).get()).isNull();
        assertThat(client.resourceQuotas().inNamespace(ns()).list().getItems()).isEmpty();
        assertThat(client.limitRanges().inNamespace(ns()).list().getItems()).isEmpty();
        assertThat(client.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(ns())
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(client.rbac().roleBindings().inNamespace(ns()).list().getItems())
                .isEmpty();
        assertThat(client.serviceAccounts().inNamespace(ns()).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(ns()).list().getItems()).isEmpty();
        assertThat(secrets.values).isEmpty();
        assertThat(driver.verifyGone(spec)).containsExactly("namespace/" + ns(), "secret:admin-password");

        // tearing down again finds nothing and fails on nothing
        run(JobKind.TEARDOWN, Map.of());
    }

    @Test
    void extendingMovesTheExpiryAnnotation() {
        run(JobKind.PROVISION, Map.of());
        SandboxSpec extended = new SandboxSpec(
                sandboxId,
                spec.name(),
                "acme",
                "web-shop",
                "emea",
                "eu-west-1",
                "acme-sandbox-users",
                Instant.parse("2026-03-16T09:00:00Z"),
                spec.parameters());

        driver.apply(
                new StepContext(UUID.randomUUID(), JobKind.EXTEND, "expiry-label", 1, extended, Map.of(), l -> {}));

        assertThat(client.namespaces().withName(ns()).get().getMetadata().getAnnotations())
                .containsEntry("demoportal.dev/expires-at", "2026-03-16T09:00:00Z");
    }

    @Test
    void neverAdoptsOrDeletesANamespaceOfSomeoneElse() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(ns())
                        .addToLabels("team", "payments")
                        .endMetadata()
                        .build())
                .create();

        assertThatThrownBy(() -> driver.apply(
                        new StepContext(UUID.randomUUID(), JobKind.PROVISION, "namespace", 1, spec, Map.of(), l -> {})))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isFalse());
        assertThatThrownBy(() -> driver.apply(
                        new StepContext(UUID.randomUUID(), JobKind.TEARDOWN, "namespace", 1, spec, Map.of(), l -> {})))
                .isInstanceOf(StepFailure.class);
        assertThat(client.namespaces().withName(ns()).get()).isNotNull();
    }

    @Test
    void serverErrorsAndConflictsAreTransientForbiddenIsPermanent() {
        assertThat(KubernetesObjects.classify("namespace", error(503)).isTransient())
                .isTrue();
        assertThat(KubernetesObjects.classify("namespace", error(429)).isTransient())
                .isTrue();
        assertThat(KubernetesObjects.classify("namespace", error(409)).isTransient())
                .isTrue();
        StepFailure forbidden = KubernetesObjects.classify("namespace", error(403));
        assertThat(forbidden.isTransient()).isFalse();
        assertThat(forbidden.getMessage())
                .contains("namespace: Kubernetes API answered 403")
                .contains("test 403");
    }

    private static KubernetesClientException error(int code) {
        return new KubernetesClientException(
                new StatusBuilder().withCode(code).withMessage("test " + code).build());
    }

    private Map<String, String> resourceVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put(
                "ns", client.namespaces().withName(ns()).get().getMetadata().getResourceVersion());
        List.of(
                        client.resourceQuotas().inNamespace(ns()).list().getItems(),
                        client.limitRanges().inNamespace(ns()).list().getItems(),
                        client.network()
                                .v1()
                                .networkPolicies()
                                .inNamespace(ns())
                                .list()
                                .getItems(),
                        client.rbac().roleBindings().inNamespace(ns()).list().getItems(),
                        client.serviceAccounts().inNamespace(ns()).list().getItems(),
                        client.configMaps().inNamespace(ns()).list().getItems())
                .forEach(items -> items.forEach(item -> versions.put(
                        item.getKind() + "/" + item.getMetadata().getName(),
                        item.getMetadata().getResourceVersion())));
        return versions;
    }
}
