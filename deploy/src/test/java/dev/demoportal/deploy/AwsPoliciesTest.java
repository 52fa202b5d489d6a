package dev.demoportal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.demoportal.provisioning.worker.aws.AwsSettings;
import dev.demoportal.provisioning.worker.kubernetes.KubernetesPlatformDriver;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The IAM documents in {@code deploy/aws}: valid policy JSON, no wildcard permissions, and a trust
 * policy that names the service account the chart actually creates; and the sandbox provisioner's
 * Kubernetes rights, confined to the portal's namespaces. No API server here evaluates the admission
 * policy's CEL: its structure is checked, and that it names the driver's label and objects.
 */
class AwsPoliciesTest {

    private static final Path AWS = Path.of("aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** List actions without resource-level permissions: the leftover scan's, reads only. */
    private static final List<String> LIST_ONLY_ON_EVERYTHING = List.of("iam:ListRoles", "secretsmanager:ListSecrets");

    @Test
    void everyPolicyIsValidJsonWithoutWildcardPermissions() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(AWS)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .contains(
                        "worker-trust-policy.json",
                        "worker-global-layer-policy.json",
                        "regional-provisioning-trust-policy.json",
                        "regional-provisioning-policy.json",
                        "portal-trust-policy.json",
                        "portal-policy.json");
        for (Path file : files) {
            JsonNode policy = JSON.readTree(file.toFile());
            assertThat(policy.path("Version").asText()).as(file.toString()).isEqualTo("2012-10-17");
            for (JsonNode statement : policy.path("Statement")) {
                if (!statement.path("Effect").asText().equals("Allow")) {
                    continue;
                }
                assertThat(values(statement.path("Action")))
                        .as(file + " " + statement.path("Sid").asText())
                        .isNotEmpty()
                        .noneMatch(action -> action.equals("*") || action.endsWith(":*"));
                // only reads that AWS grants on nothing narrower may name every resource
                if (statement.has("Resource")
                        && !LIST_ONLY_ON_EVERYTHING.containsAll(values(statement.path("Action")))) {
                    assertThat(values(statement.path("Resource")))
                            .as(file + " " + statement.path("Sid").asText())
                            .noneMatch(resource -> resource.equals("*"));
                }
            }
        }
    }

    @Test
    void eachTrustPolicyNamesTheChartsServiceAccountOfItsApp() throws IOException {
        RenderedChart chart = RenderedChart.render(t -> t.withName("demo-portal"));
        for (String app : List.of("worker", "portal")) {
            String account =
                    chart.one(ServiceAccount.class, "-" + app).getMetadata().getName();

            String trust = Files.readString(AWS.resolve(app + "-trust-policy.json"));
            assertThat(trust)
                    .as(app)
                    .contains("\"system:serviceaccount:demo-portal:" + account + "\"")
                    .contains("sts:AssumeRoleWithWebIdentity")
                    .contains(":aud\": \"sts.amazonaws.com\"");
        }
    }

    @Test
    void bothAppsMayDecryptWithTheKeysetsKmsKeyAndThePortalNothingElse() throws IOException {
        String keyArn = Files.readString(RenderedChart.AWS_VALUES)
                .lines()
                .map(String::strip)
                .filter(line -> line.startsWith("kmsKeyUri: aws-kms://"))
                .findFirst()
                .orElseThrow()
                .substring("kmsKeyUri: aws-kms://".length());

        JsonNode portal = JSON.readTree(AWS.resolve("portal-policy.json").toFile());
        assertThat(portal.path("Statement")).hasSize(1);
        assertThat(values(portal.path("Statement").get(0).path("Action"))).containsExactly("kms:Decrypt");
        assertThat(values(portal.path("Statement").get(0).path("Resource"))).containsExactly(keyArn);
        JsonNode worker =
                JSON.readTree(AWS.resolve("worker-global-layer-policy.json").toFile());
        assertThat(worker.path("Statement")).anySatisfy(statement -> {
            assertThat(values(statement.path("Action"))).containsExactly("kms:Decrypt");
            assertThat(values(statement.path("Resource"))).containsExactly(keyArn);
        });
    }

    @Test
    void theSandboxProvisionerChangesOnlyThePortalsOwnNamespaces() throws Exception {
        RenderedChart rbac = RenderedChart.parse(Files.readString(AWS.resolve("sandbox-provisioner-clusterrole.yaml")));
        ClusterRole role = rbac.one(ClusterRole.class, "demo-portal-sandbox-provisioner");
        ClusterRoleBinding binding = rbac.one(ClusterRoleBinding.class, "demo-portal-sandbox-provisioner");
        ValidatingAdmissionPolicy policy = rbac.one(ValidatingAdmissionPolicy.class, "demo-portal-sandbox-provisioner");
        ValidatingAdmissionPolicyBinding enforced =
                rbac.one(ValidatingAdmissionPolicyBinding.class, "demo-portal-sandbox-provisioner");

        assertThat(role.getRules())
                .flatExtracting(PolicyRule::getVerbs)
                .doesNotContain("*", "escalate", "impersonate", "list", "watch");
        assertThat(role.getRules())
                .flatExtracting(PolicyRule::getResources)
                .doesNotContain("*", "secrets", "clusterrolebindings");
        assertThat(role.getRules())
                .filteredOn(r -> r.getVerbs().contains("bind"))
                .singleElement()
                .satisfies(r -> assertThat(r.getResourceNames()).containsExactly("edit"));
        // outside namespaces, reads and changes are limited to the driver's own object names
        Map<String, String> driverObjects = driverObjectNames();
        for (PolicyRule rule : role.getRules()) {
            if (rule.getResources().contains("namespaces")
                    || rule.getVerbs().equals(List.of("create"))
                    || rule.getVerbs().equals(List.of("bind"))) {
                continue;
            }
            assertThat(rule.getResourceNames())
                    .as(rule.getResources() + " " + rule.getVerbs())
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(driverObjects).containsValue(name));
        }
        assertThat(role.getRules()).flatExtracting(PolicyRule::getResourceNames).containsAll(driverObjects.values());

        // every kind it may write is under the admission policy, for the group it is bound to
        String group = binding.getSubjects().getFirst().getName();
        assertThat(policy.getSpec().getMatchConditions())
                .singleElement()
                .satisfies(c -> assertThat(c.getExpression()).contains("'" + group + "' in request.userInfo.groups"));
        List<String> written = role.getRules().stream()
                .filter(r -> !r.getVerbs().equals(List.of("bind")))
                .flatMap(r -> r.getResources().stream())
                .distinct()
                .toList();
        assertThat(policy.getSpec().getMatchConstraints().getResourceRules())
                .flatExtracting(r -> r.getResources())
                .containsExactlyInAnyOrderElementsOf(written);
        assertThat(policy.getSpec().getMatchConstraints().getResourceRules())
                .allSatisfy(r -> assertThat(r.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE", "DELETE"));
        assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
        // the label it checks is the one the driver puts on its namespaces
        assertThat(policy.getSpec().getVariables())
                .filteredOn(v -> v.getName().equals("owned"))
                .singleElement()
                .satisfies(v -> assertThat(v.getExpression())
                        .contains("labels['"
                                + staticString(
                                        "dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects",
                                        "LABEL_MANAGED_BY")
                                + "'] == 'demo-portal'"));
        assertThat(policy.getSpec().getValidations())
                .extracting(v -> v.getExpression())
                .anySatisfy(e -> assertThat(e).isEqualTo("variables.owned"))
                .anySatisfy(e -> assertThat(e).contains("object.roleRef.name in ['edit']"));
        assertThat(enforced.getSpec().getPolicyName())
                .isEqualTo(policy.getMetadata().getName());
        assertThat(enforced.getSpec().getValidationActions()).containsExactly("Deny");
    }

    @Test
    void theHelmReleasesObjectsAreWrittenOnlyInThePortalsNamespacesAndNoSecretIsEverRead() throws Exception {
        RenderedChart rbac = RenderedChart.parse(Files.readString(AWS.resolve("sandbox-contents-clusterrole.yaml")));
        ClusterRole role = rbac.one(ClusterRole.class, "demo-portal-sandbox-contents");
        ClusterRoleBinding binding = rbac.one(ClusterRoleBinding.class, "demo-portal-sandbox-contents");
        ValidatingAdmissionPolicy policy = rbac.one(ValidatingAdmissionPolicy.class, "demo-portal-sandbox-contents");
        ValidatingAdmissionPolicyBinding enforced =
                rbac.one(ValidatingAdmissionPolicyBinding.class, "demo-portal-sandbox-contents");

        assertThat(role.getRules())
                .flatExtracting(PolicyRule::getVerbs)
                .doesNotContain("*", "escalate", "bind", "impersonate", "list", "watch", "update");
        assertThat(role.getRules()).flatExtracting(PolicyRule::getResources).doesNotContain("*");
        // reads escape admission: only the workloads the driver waits for may be read
        assertThat(role.getRules())
                .filteredOn(r -> r.getVerbs().contains("get"))
                .flatExtracting(PolicyRule::getResources)
                .containsExactlyInAnyOrder("deployments", "statefulsets");
        // every kind a release may contain can be written, and nothing more
        @SuppressWarnings("unchecked")
        java.util.Set<String> kinds = (java.util.Set<String>)
                staticField(Class.forName("dev.demoportal.provisioning.worker.kubernetes.HelmReleases"), "KINDS");
        List<String> written = role.getRules().stream()
                .flatMap(r -> r.getResources().stream())
                .distinct()
                .toList();
        assertThat(written)
                .containsExactlyInAnyOrderElementsOf(kinds.stream()
                        .map(k -> k.toLowerCase(java.util.Locale.ROOT) + (k.endsWith("y") ? "" : "s"))
                        .map(k -> k.equals("networkpolicy") ? "networkpolicies" : k)
                        .toList());
        assertThat(policy.getSpec().getMatchConstraints().getResourceRules())
                .flatExtracting(r -> r.getResources())
                .containsExactlyInAnyOrderElementsOf(written);
        assertThat(policy.getSpec().getMatchConstraints().getResourceRules())
                .allSatisfy(r -> assertThat(r.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE", "DELETE"));
        String group = binding.getSubjects().getFirst().getName();
        assertThat(policy.getSpec().getMatchConditions())
                .singleElement()
                .satisfies(c -> assertThat(c.getExpression()).contains("'" + group + "' in request.userInfo.groups"));
        assertThat(policy.getSpec().getVariables())
                .filteredOn(v -> v.getName().equals("owned"))
                .singleElement()
                .satisfies(v -> assertThat(v.getExpression())
                        .contains("labels['"
                                + staticString(
                                        "dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects",
                                        "LABEL_MANAGED_BY")
                                + "'] == 'demo-portal'"));
        assertThat(policy.getSpec().getValidations())
                .extracting(v -> v.getExpression())
                .containsExactly("variables.owned");
        assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
        assertThat(enforced.getSpec().getPolicyName())
                .isEqualTo(policy.getMetadata().getName());
        assertThat(enforced.getSpec().getValidationActions()).containsExactly("Deny");
    }

    private static Object staticField(Class<?> type, String name) throws Exception {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    @Test
    void theLeftoverScanMayOnlyListAndReadTags() throws IOException {
        JsonNode policy =
                JSON.readTree(AWS.resolve("worker-global-layer-policy.json").toFile());
        List<String> scanActions = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            if (statement.path("Sid").asText().startsWith("LeftoverScan")) {
                assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                scanActions.addAll(values(statement.path("Action")));
            }
        }
        assertThat(scanActions)
                .containsExactlyInAnyOrder("iam:ListRoleTags", "iam:ListRoles", "secretsmanager:ListSecrets");
        // the hosted zone's records are read with the permission the DNS step already has
        assertThat(policy.toString()).contains("route53:ListResourceRecordSets");

        RenderedChart rbac =
                RenderedChart.parse(Files.readString(AWS.resolve("sandbox-leftover-scanner-clusterrole.yaml")));
        ClusterRole scanner = rbac.one(ClusterRole.class, "demo-portal-sandbox-leftover-scanner");
        assertThat(scanner.getRules()).flatExtracting(PolicyRule::getVerbs).containsOnly("list");
        assertThat(scanner.getRules())
                .flatExtracting(PolicyRule::getResources)
                .containsExactlyInAnyOrder("namespaces", "persistentvolumes", "services");
        assertThat(rbac.one(ClusterRoleBinding.class, "demo-portal-sandbox-leftover-scanner")
                        .getSubjects()
                        .getFirst()
                        .getName())
                .isEqualTo(rbac("sandbox-provisioner-clusterrole.yaml")
                        .one(ClusterRoleBinding.class, "demo-portal-sandbox-provisioner")
                        .getSubjects()
                        .getFirst()
                        .getName());
    }

    private static RenderedChart rbac(String file) throws IOException {
        return RenderedChart.parse(Files.readString(AWS.resolve(file)));
    }

    /** The fixed names of the objects KubernetesPlatformDriver makes in a sandbox namespace. */
    private static Map<String, String> driverObjectNames() throws Exception {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        for (String constant :
                List.of("QUOTA", "LIMITS", "DENY", "ALLOW_GATEWAY", "BINDING", "SECRET_REFS", "ROUTE", "KIT")) {
            names.put(constant, driverConstant(constant));
        }
        names.put("service-account", new AwsSettingsDefaults().serviceAccount());
        return names;
    }

    private static String driverConstant(String name) throws Exception {
        Field field = KubernetesPlatformDriver.class.getDeclaredField(name);
        field.setAccessible(true);
        return (String) field.get(null);
    }

    /** A constant of a package-private class of the worker (the labels are KubernetesObjects'). */
    private static String staticString(String className, String name) throws Exception {
        Field field = Class.forName(className).getDeclaredField(name);
        field.setAccessible(true);
        return (String) field.get(null);
    }

    /** portal.provisioning.aws.service-account as the worker binds it when nothing is set. */
    private record AwsSettingsDefaults() {
        String serviceAccount() {
            return new org.springframework.boot.context.properties.bind.Binder()
                    .bindOrCreate("portal.provisioning.aws", AwsSettings.class)
                    .serviceAccount();
        }
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode()) {
            out.add(node.asText());
        }
        return out;
    }
}
