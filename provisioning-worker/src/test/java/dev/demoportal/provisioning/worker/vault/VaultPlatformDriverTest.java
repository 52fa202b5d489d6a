package dev.demoportal.provisioning.worker.vault;

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
import dev.demoportal.provisioning.worker.aws.SecretStore;
import dev.demoportal.provisioning.worker.kubernetes.KubernetesDrivers;
import dev.demoportal.provisioning.worker.vault.VaultSettings.VaultRegion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The Vault part of template contents through Spring Vault against {@link VaultFake} (Vault's HTTP
 * API as its documentation describes it, stateful), with the rest of the region-platform layer on
 * fabric8's CRUD mock API server: what a template declares is made once however often the step
 * runs, handed over in the kit, revoked at teardown with the database leases, searched for by the
 * final check, and rolled back when Vault fails mid-plan. The fake enforces no policy.
 */
@EnableKubernetesMockClient(crud = true)
class VaultPlatformDriverTest {

    static KubernetesClient client;

    private final UUID sandboxId = UUID.randomUUID();
    private final String name = "sb-vault-" + sandboxId.toString().substring(0, 6);
    private final SandboxSpec spec = new SandboxSpec(
            sandboxId,
            name,
            "acme",
            "secrets-workshop",
            "emea",
            "eu-west-1",
            "acme-sandbox-users",
            Instant.parse("2026-03-09T09:00:00Z"),
            Map.of(
                    "vault.kv-path", "sandboxes/${sandbox.name}",
                    "vault.kv-capabilities", "create,read,update,list",
                    "vault.token-ttl", "30m",
                    "vault.database.connection", "workshop-postgres",
                    "vault.database.creation-statements",
                            "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';",
                    "vault.database.default-ttl", "1h"));

    private final List<String> log = new ArrayList<>();
    private VaultFake vault;
    private VaultPlatformDriver driver;

    @BeforeEach
    void setUp() {
        vault = new VaultFake();
        VaultSettings settings = new VaultSettings(
                "demoportal-sandbox-",
                "/unused",
                Map.of(
                        "emea",
                        new VaultRegion(vault.address(), "secret", "database", "kubernetes", "kubernetes", "w")));
        // tests log in with a token; the worker never does (VaultConnections.kubernetesAuth)
        VaultConnections connections = VaultConnections.cached(
                settings,
                region -> new VaultTemplate(
                        VaultEndpoint.from(URI.create(region.address())), new TokenAuthentication(VaultFake.TOKEN)));
        driver = new VaultPlatformDriver(
                KubernetesDrivers.on(client, new MapSecrets(), "gateway"),
                connections,
                "demoportal-sandbox-",
                "sandbox-workload");
    }

    @AfterEach
    void tearDown() {
        vault.close();
    }

    @Test
    void provisionMakesWhatTheTemplateDeclaresOnceAndHandsOverTheKit() {
        Map<String, String> outputs = provision();
        String role = "demoportal-sandbox-" + name;

        assertThat(vault.kvPaths()).containsExactly("sandboxes/" + name);
        assertThat(vault.customMetadata("sandboxes/" + name))
                .containsEntry(SandboxVault.METADATA_SANDBOX_ID, sandboxId.toString());
        assertThat(vault.policies()).containsOnlyKeys(role);
        assertThat(vault.policies().get(role))
                .contains(
                        "secret/data/sandboxes/" + name, "secret/metadata/sandboxes/" + name, "database/creds/" + role)
                .contains("create", "update")
                .doesNotContain("delete");
        JsonNode authRole = vault.object("auth/kubernetes/role/" + role);
        assertThat(authRole).isNotNull();
        assertThat(authRole.get("bound_service_account_names").get(0).asString())
                .isEqualTo("sandbox-workload");
        assertThat(authRole.get("bound_service_account_namespaces").get(0).asString())
                .isEqualTo(name);
        assertThat(authRole.get("token_policies").get(0).asString()).isEqualTo(role);
        assertThat(authRole.get("token_ttl").asString()).isEqualTo("30m");
        JsonNode dbRole = vault.object("database/roles/" + role);
        assertThat(dbRole).isNotNull();
        assertThat(dbRole.get("db_name").asString()).isEqualTo("workshop-postgres");
        assertThat(dbRole.get("creation_statements").get(0).asString()).contains("{{name}}", "{{password}}");

        // the kit's Vault part travels with the secrets step, the last one
        StepResult secrets = apply(JobKind.PROVISION, "secrets", outputs);
        assertThat(secrets.secrets())
                .containsEntry(VaultPlatformDriver.KIT_PATH, "secret/sandboxes/" + name)
                .containsKey("adminPassword");
        assertThat(secrets.secrets().get(VaultPlatformDriver.KIT_LOGIN))
                .contains(vault.address(), "auth/kubernetes/login", "role=" + role);
        assertThat(secrets.output()).doesNotContainKeys(VaultPlatformDriver.KIT_PATH, VaultPlatformDriver.KIT_LOGIN);

        // a re-run (a retry, a resumed job) writes the same again and adds no KV version over the customer's
        int writesBefore = dataWrites();
        apply(JobKind.PROVISION, "vault", outputs);
        assertThat(dataWrites()).isEqualTo(writesBefore);
        assertThat(vault.policies()).containsOnlyKeys(role);
        assertThat(vault.objectPaths())
                .containsExactlyInAnyOrder("auth/kubernetes/role/" + role, "database/roles/" + role);
    }

    @Test
    void teardownRevokesEverythingWithItsLeasesAndTheFinalCheckFindsNothing() {
        Map<String, String> outputs = provision();
        String role = "demoportal-sandbox-" + name;
        vault.issueDatabaseLease(role);
        vault.issueDatabaseLease(role);
        String othersLease = vault.issueDatabaseLease("demoportal-sandbox-someone-else");

        for (PlannedStep step : ProvisioningPlan.of(JobKind.TEARDOWN)) {
            if (step.layer() == Layer.REGION_PLATFORM) {
                apply(JobKind.TEARDOWN, step.name(), outputs);
            }
        }

        assertThat(vault.policies()).isEmpty();
        assertThat(vault.objectPaths()).isEmpty();
        assertThat(vault.kvPaths()).isEmpty();
        assertThat(vault.leases()).containsExactly(othersLease);
        assertThat(driver.verifyGone(spec))
                .contains(
                        "vault:policy/" + role, "vault:auth/kubernetes/role/" + role, "vault:secret/sandboxes/" + name);
        assertThat(driver.leftoverScans(spec)).extracting(LeftoverScan::found).allMatch(List::isEmpty);
        assertThat(driver.leftoverScans(spec))
                .extracting(LeftoverScan::what)
                .anyMatch(what -> what.startsWith("Vault policies"))
                .anyMatch(what -> what.startsWith("Vault Kubernetes auth roles"))
                .anyMatch(what -> what.startsWith("Vault database roles"))
                .anyMatch(what -> what.startsWith("Vault KV entries"));
        // a second teardown (a retried job) finds nothing to do and succeeds
        apply(JobKind.TEARDOWN, "vault", outputs);
    }

    @Test
    void theFinalCheckFailsWhileSomethingOfTheSandboxIsLeftInVault() {
        Map<String, String> outputs = provision();
        // a teardown whose vault step never ran (the namespace went)
        for (PlannedStep step : ProvisioningPlan.of(JobKind.TEARDOWN)) {
            if (step.layer() == Layer.REGION_PLATFORM && !step.name().equals("vault")) {
                apply(JobKind.TEARDOWN, step.name(), outputs);
            }
        }
        assertThatThrownBy(() -> driver.verifyGone(spec))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("still present in Vault")
                .hasMessageContaining("vault:policy/demoportal-sandbox-" + name);
        apply(JobKind.TEARDOWN, "vault", outputs);
        // made by hand, under names the portal never used
        vault.plantPolicy("debug-" + name, "path \"secret/*\" { capabilities = [\"read\"] }");
        vault.plantPolicy("unrelated", "path \"x\" { capabilities = [\"read\"] }");
        vault.plantObject("auth/kubernetes/role/tmp-" + sandboxId, "{}");
        vault.plantObject("auth/kubernetes/role/" + name + "-2", "{}");
        vault.plantKv("sandboxes/scratch", Map.of(SandboxVault.METADATA_SANDBOX_ID, sandboxId.toString()));
        vault.plantKv(
                "sandboxes/other",
                Map.of(SandboxVault.METADATA_SANDBOX_ID, UUID.randomUUID().toString()));

        List<String> found = driver.leftoverScans(spec).stream()
                .flatMap(scan -> scan.found().stream())
                .toList();

        assertThat(found)
                .containsExactlyInAnyOrder(
                        "vault:policy/debug-" + name,
                        "vault:auth/kubernetes/role/tmp-" + sandboxId,
                        "vault:secret/sandboxes/scratch");
    }

    @Test
    void vaultFailingMidPlanIsRolledBackAndLeavesNothing() {
        // the policy is written, then Vault refuses the auth role: a permanent failure of the step
        vault.failNext("auth/kubernetes/role/.*", 403, 1);
        Map<String, String> outputs = new LinkedHashMap<>();
        List<PlannedStep> ran = new ArrayList<>();
        for (PlannedStep step : ProvisioningPlan.of(JobKind.PROVISION)) {
            if (step.layer() != Layer.REGION_PLATFORM) {
                continue;
            }
            ran.add(step);
            if (step.name().equals("vault")) {
                assertThatThrownBy(() -> apply(JobKind.PROVISION, "vault", outputs))
                        .isInstanceOfSatisfying(
                                StepFailure.class,
                                f -> assertThat(f.isTransient()).isFalse())
                        .hasMessageContaining("Vault answered 403");
                break;
            }
            outputs.putAll(apply(JobKind.PROVISION, step.name(), outputs).output());
        }
        assertThat(vault.policies()).isNotEmpty();
        assertThat(vault.kvPaths()).isNotEmpty();

        List<String> undone = new ArrayList<>();
        for (PlannedStep step : ProvisioningPlan.rollbackOf(ran)) {
            if (step.layer() == Layer.REGION_PLATFORM) {
                apply(JobKind.ROLLBACK, step.name(), outputs);
                undone.add(step.name());
            }
        }

        assertThat(undone.getFirst()).isEqualTo("vault");
        assertThat(vault.policies()).isEmpty();
        assertThat(vault.objectPaths()).isEmpty();
        assertThat(vault.kvPaths()).isEmpty();
        assertThat(client.namespaces().withName(name).get()).isNull();
        assertThat(driver.verifyGone(spec)).isNotEmpty();
        assertThat(driver.leftoverScans(spec)).extracting(LeftoverScan::found).allMatch(List::isEmpty);
    }

    @Test
    void aVaultThatDoesNotAnswerWellIsRetriedAndARegionWithoutVaultRefusesVaultContents() {
        vault.failNext("sys/polic.*", 503, 1);
        Map<String, String> outputs = new LinkedHashMap<>();
        assertThatThrownBy(() -> apply(JobKind.PROVISION, "vault", outputs))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isTrue());
        apply(JobKind.PROVISION, "vault", outputs);
        assertThat(vault.policies()).hasSize(1);

        SandboxSpec elsewhere = new SandboxSpec(
                UUID.randomUUID(), "sb-apj", "acme", "t", "apj", "ap-southeast-2", "g", null, spec.parameters());
        assertThatThrownBy(() -> driver.apply(new StepContext(
                        UUID.randomUUID(), JobKind.PROVISION, "vault", 1, elsewhere, Map.of(), log::add)))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining("region apj has no Vault");
    }

    @Test
    void theWorkerLogsInWithItsServiceAccountTokenNeverAStaticToken(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "worker-service-account-jwt");
        vault.allowLogin("k8s-worker", "demo-portal-provisioner", "worker-service-account-jwt");
        VaultSettings settings = new VaultSettings(
                "demoportal-sandbox-",
                token.toString(),
                Map.of(
                        "emea",
                        new VaultRegion(
                                vault.address(),
                                "secret",
                                "database",
                                "kubernetes",
                                "k8s-worker",
                                "demo-portal-provisioner")));

        VaultConnections.Connection connection =
                VaultConnections.kubernetesAuth(settings).of(spec);
        assertThat(connection).isNotNull();
        connection.vault().opsForSys().createOrUpdatePolicy("probe", org.springframework.vault.support.Policy.empty());

        assertThat(vault.calls().getFirst()).isEqualTo("POST auth/k8s-worker/login");
        assertThat(vault.policies()).containsKey("probe");

        Files.writeString(token, "someone-elses-jwt");
        VaultConnections.Connection refused =
                VaultConnections.kubernetesAuth(settings).of(spec);
        assertThatThrownBy(() -> refused.vault().opsForSys().deletePolicy("probe"))
                .isInstanceOf(RuntimeException.class);
        assertThat(vault.policies()).containsKey("probe");
    }

    private int dataWrites() {
        return (int) vault.calls().stream()
                .filter(c -> c.matches("(PUT|POST) secret/data/.*"))
                .count();
    }

    /** The region-platform steps of a provision up to and including vault, as the runner runs them. */
    private Map<String, String> provision() {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (PlannedStep step : ProvisioningPlan.of(JobKind.PROVISION)) {
            if (step.layer() != Layer.REGION_PLATFORM) {
                continue;
            }
            outputs.putAll(apply(JobKind.PROVISION, step.name(), outputs).output());
            if (step.name().equals("vault")) {
                break;
            }
        }
        assertThat(outputs).containsEntry("vaultPath", "secret/sandboxes/" + name);
        return outputs;
    }

    private StepResult apply(JobKind kind, String step, Map<String, String> outputs) {
        return driver.apply(new StepContext(UUID.randomUUID(), kind, step, 1, spec, outputs, log::add));
    }

    /** Stands in for Secrets Manager (the aws driver's tests cover its protocol). */
    static final class MapSecrets implements SecretStore {
        final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public StoredSecret ensure(SandboxSpec spec, String key, String newValue) {
            return new StoredSecret(
                    spec.name() + "/" + key, values.computeIfAbsent(spec.name() + "/" + key, k -> newValue));
        }

        @Override
        public boolean delete(SandboxSpec spec, String key) {
            return values.remove(spec.name() + "/" + key) != null;
        }

        @Override
        public Optional<String> find(SandboxSpec spec, String key) {
            return Optional.ofNullable(values.get(spec.name() + "/" + key)).map(v -> spec.name() + "/" + key);
        }
    }
}
