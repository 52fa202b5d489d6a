package dev.demoportal.provisioning.worker.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.ProvisioningPlan;
import dev.demoportal.provisioning.ProvisioningPlan.PlannedStep;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure injection against fabric8's CRUD mock API server: the region-platform layer fails
 * mid-plan, the rollback the runner would derive ({@link ProvisioningPlan#rollbackOf}) runs through
 * the kubernetes driver, and nothing of the sandbox is left, by its names or by its label. The mock
 * does not cascade namespace deletion; the driver deletes what it made explicitly anyway.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRollbackTest {

    static KubernetesClient client;

    private final UUID sandboxId = UUID.randomUUID();
    private final SandboxSpec spec = new SandboxSpec(
            sandboxId,
            "sb-rb-" + sandboxId.toString().substring(0, 6),
            "acme",
            "web-shop",
            "emea",
            "eu-west-1",
            "acme-sandbox-users",
            Instant.parse("2026-03-09T09:00:00Z"),
            Map.of());
    private final KubernetesPlatformDriverTest.InMemorySecrets secrets =
            new KubernetesPlatformDriverTest.InMemorySecrets();
    private KubernetesPlatformDriver driver;

    @BeforeEach
    void setUp() {
        driver = KubernetesDrivers.on(client, secrets, "gateway-system");
    }

    @Test
    void aFailureMidPlanIsRolledBackInReverseAndLeavesNothing() {
        // the provision runs until its role-binding step fails (the injected failure)
        Map<String, String> outputs = new LinkedHashMap<>(
                Map.of("workloadRoleArn", "arn:aws:iam::123456789012:role/demoportal-sandbox-" + spec.name()));
        List<PlannedStep> ran = new ArrayList<>();
        for (PlannedStep step : ProvisioningPlan.of(JobKind.PROVISION)) {
            ran.add(step);
            if (step.name().equals("role-binding")) {
                break;
            }
            if (step.layer() == Layer.REGION_PLATFORM) {
                outputs.putAll(apply(JobKind.PROVISION, step.name(), outputs).output());
            }
        }
        assertThat(client.namespaces().withName(spec.name()).get()).isNotNull();
        assertThat(client.resourceQuotas().inNamespace(spec.name()).list().getItems())
                .isNotEmpty();

        List<String> undone = new ArrayList<>();
        for (PlannedStep step : ProvisioningPlan.rollbackOf(ran)) {
            if (step.layer() == Layer.REGION_PLATFORM) {
                apply(JobKind.ROLLBACK, step.name(), outputs);
                undone.add(step.name());
            }
        }

        assertThat(undone)
                .containsExactly("role-binding", "network-policy", "limit-range", "resource-quota", "namespace");
        assertThat(client.namespaces().withName(spec.name()).get()).isNull();
        assertThat(client.resourceQuotas().inAnyNamespace().list().getItems())
                .noneMatch(q -> spec.name().equals(q.getMetadata().getNamespace()));
        assertThat(client.rbac().roleBindings().inAnyNamespace().list().getItems())
                .noneMatch(b -> spec.name().equals(b.getMetadata().getNamespace()));
        assertThat(driver.verifyGone(spec)).contains("namespace/" + spec.name());
        assertThat(driver.leftoverScans(spec))
                .allSatisfy(scan -> assertThat(scan.found()).isEmpty());
        // undoing again changes nothing: every undo is idempotent
        apply(JobKind.ROLLBACK, "namespace", outputs);
    }

    @Test
    void theLeftoverScanFindsWhatCarriesTheSandboxLabelUnderOtherNames() {
        Map<String, String> label = Map.of(KubernetesObjects.LABEL_SANDBOX, sandboxId.toString());
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("hand-made-" + spec.name())
                        .withLabels(label)
                        .endMetadata()
                        .build())
                .create();
        client.persistentVolumes()
                .resource(new PersistentVolumeBuilder()
                        .withNewMetadata()
                        .withName("pv-data-" + spec.name())
                        .withLabels(label)
                        .endMetadata()
                        .withNewSpec()
                        .withCapacity(Map.of("storage", new Quantity("1Gi")))
                        .endSpec()
                        .build())
                .create();
        client.services()
                .inNamespace("shared-ingress")
                .resource(service("lb-" + spec.name(), "LoadBalancer", label))
                .create();
        // labelled but no load balancer, and a load balancer of someone else: neither counts
        client.services()
                .inNamespace("shared-ingress")
                .resource(service("internal-" + spec.name(), "ClusterIP", label))
                .create();
        client.services()
                .inNamespace("shared-ingress")
                .resource(service("lb-other", "LoadBalancer", Map.of(KubernetesObjects.LABEL_SANDBOX, "other")))
                .create();

        List<LeftoverScan> scans = driver.leftoverScans(spec);

        assertThat(scans)
                .flatExtracting(LeftoverScan::found)
                .containsExactlyInAnyOrder(
                        "namespace/hand-made-" + spec.name(),
                        "persistentvolume/pv-data-" + spec.name(),
                        "service/shared-ingress/lb-" + spec.name());
        assertThat(scans).extracting(LeftoverScan::what).allMatch(what -> what.contains(sandboxId.toString()));
    }

    @Test
    void aTeardownStillRefusesAStepItDoesNotKnow() {
        assertThatThrownBy(() -> apply(JobKind.TEARDOWN, "resource-quota", Map.of()))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("no TEARDOWN step resource-quota");
    }

    private StepResult apply(JobKind kind, String step, Map<String, String> outputs) {
        return driver.apply(new StepContext(UUID.randomUUID(), kind, step, 1, spec, outputs, l -> {}));
    }

    private static io.fabric8.kubernetes.api.model.Service service(
            String name, String type, Map<String, String> labels) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("shared-ingress")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withType(type)
                .endSpec()
                .build();
    }
}
