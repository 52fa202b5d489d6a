package dev.demoportal.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.base.ValidationFailed.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TemplateParameterSchemaTest {

    private static List<String> problems(Map<String, String> parameters) {
        return TemplateParameterSchema.check(parameters).stream()
                .map(e -> e.field() + " | " + e.message())
                .toList();
    }

    @Test
    void acceptsWhatTheDriversRead() {
        assertThat(TemplateParameterSchema.check(Map.ofEntries(
                        Map.entry("namespaceCpu", "500m"),
                        Map.entry("namespaceMemory", "16Gi"),
                        Map.entry("quota.pods", "30"),
                        Map.entry("limits.default-cpu", "1"),
                        Map.entry("customer-cluster-role", "edit"),
                        Map.entry("helm.podinfo.chart", "podinfo"),
                        Map.entry("helm.podinfo.repository", "https://stefanprodan.github.io/podinfo"),
                        Map.entry("helm.podinfo.version", "6.7.1"),
                        Map.entry("helm.podinfo.values.ui.message", "Hello ${sandbox.organisation}"),
                        Map.entry("helm.db.chart", "oci://registry-1.docker.io/bitnamicharts/postgresql"),
                        Map.entry("route.kind", "httproute"),
                        Map.entry("route.service", "podinfo"),
                        Map.entry("route.port", "9898"),
                        Map.entry("probe.path", "/readyz"),
                        Map.entry("simulated.fail-permanently", "namespace, secrets"),
                        Map.entry("simulated.fail-attempts.dns-record", "2"))))
                .isEmpty();
    }

    @Test
    void refusesAParameterNoDriverReadsNamingIt() {
        assertThat(problems(Map.of("appChart", "pipelines-starter", "quota.cpu", "4")))
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("parameters.appChart | appChart: no driver reads this parameter"),
                        p -> assertThat(p)
                                .startsWith("parameters.quota.cpu | quota.cpu: no driver reads this parameter")
                                .contains("namespaceCpu"));
    }

    @Test
    void refusesValuesOutOfTypeOrRangeOnePerField() {
        assertThat(problems(Map.of(
                        "namespaceCpu", "lots",
                        "namespaceMemory", "8GB",
                        "quota.pods", "501",
                        "route.port", "70000",
                        "route.kind", "loadbalancer",
                        "route.service", "web",
                        "probe.path", "healthz",
                        "customer-cluster-role", "cluster-admin")))
                .extracting(p -> p.substring(0, p.indexOf(" | ")))
                .containsExactlyInAnyOrder(
                        "parameters.namespaceCpu",
                        "parameters.namespaceMemory",
                        "parameters.quota.pods",
                        "parameters.route.port",
                        "parameters.route.kind",
                        "parameters.probe.path",
                        "parameters.customer-cluster-role");
    }

    @Test
    void aHelmReleaseNeedsAChartAndKnownPlaceholders() {
        assertThat(problems(Map.of(
                        "helm.app.version", "1.0.0",
                        "helm.web.chart", "web",
                        "helm.web.values.host", "${sandbox.hostname}",
                        "helm.web.repository", "ftp://charts",
                        "helm.Bad_Name.chart", "x",
                        "helm.web.image", "nginx")))
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("parameters.helm.app.chart | helm.app.chart: missing"),
                        p -> assertThat(p)
                                .startsWith("parameters.helm.web.values.host | ")
                                .contains("Unknown placeholder ${sandbox.hostname}"),
                        p -> assertThat(p)
                                .startsWith("parameters.helm.web.repository | ")
                                .contains("http(s)://"),
                        p -> assertThat(p)
                                .startsWith("parameters.helm.Bad_Name.chart | ")
                                .contains("release name"),
                        p -> assertThat(p).startsWith("parameters.helm.web.image | "));
    }

    @Test
    void aRouteNeedsItsService() {
        assertThat(TemplateParameterSchema.check(Map.of("route.port", "8080")))
                .extracting(FieldError::field)
                .containsExactly("parameters.route.service");
    }

    @Test
    void contentsReadFromTheParametersWithPlaceholdersFilledFromTheSandbox() {
        TemplateContents contents = TemplateContents.of(Map.of(
                "helm.web.chart", "podinfo",
                "helm.web.version", "6.7.1",
                "helm.web.values.ui.message", "Hi ${sandbox.organisation} at ${sandbox.host}",
                "route.service", "web",
                "probe.path", "/readyz"));
        assertThat(contents.releases()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("web");
            assertThat(r.version()).isEqualTo("6.7.1");
            assertThat(r.values()).containsOnlyKeys("ui.message");
        });
        assertThat(contents.route().kind()).isEqualTo(TemplateContents.RouteKind.INGRESS);
        assertThat(contents.route().port()).isEqualTo(80);
        assertThat(contents.namespaceCpu()).isEqualTo(TemplateContents.DEFAULT_CPU);

        SandboxSpec spec = new SandboxSpec(
                UUID.randomUUID(), "sb-acme-1", "acme", "t", "emea", "eu-west-1", "g", Instant.EPOCH, Map.of());
        assertThat(SandboxPlaceholders.fill(
                        contents.releases().getFirst().values().get("ui.message"),
                        spec,
                        Map.of("hostName", "sb-acme-1.sandbox.example")))
                .isEqualTo("Hi acme at sb-acme-1.sandbox.example");
        assertThat(SandboxPlaceholders.fill("${sandbox.namespace}/${sandbox.id}", spec, Map.of()))
                .isEqualTo("sb-acme-1/" + spec.sandboxId());
    }

    private static final String CREATE_USER =
            "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';";

    @Test
    void vaultContentsAreReadWithTheirDefaults() {
        Map<String, String> parameters = Map.of(
                "vault.kv-path", "workshops/${sandbox.organisation}/${sandbox.name}",
                "vault.database.connection", "workshop-postgres",
                "vault.database.creation-statements", CREATE_USER);
        assertThat(TemplateParameterSchema.check(parameters)).isEmpty();

        TemplateContents.Vault vault = TemplateContents.of(parameters).vault();
        assertThat(vault.kvPath()).isEqualTo("workshops/${sandbox.organisation}/${sandbox.name}");
        assertThat(vault.kvCapabilities()).containsExactly("read", "list");
        assertThat(vault.tokenTtl()).isEqualTo("1h");
        assertThat(vault.database().connection()).isEqualTo("workshop-postgres");
        assertThat(vault.database().defaultTtl()).isEqualTo("1h");
        assertThat(vault.database().maxTtl()).isEqualTo("24h");
        assertThat(TemplateContents.of(parameters).describe())
                .anySatisfy(line -> assertThat(line).startsWith("Vault KV path workshops/"))
                .anySatisfy(line -> assertThat(line).startsWith("Vault database role on connection workshop-postgres"));
        assertThat(TemplateContents.of(Map.of()).vault()).isNull();
    }

    @Test
    void refusesBadVaultValuesOnePerField() {
        assertThat(problems(Map.of(
                        "vault.kv-path", "shared/${sandbox.host}",
                        "vault.kv-capabilities", "read,sudo",
                        "vault.token-ttl", "forever",
                        "vault.database.connection", "Workshop DB",
                        "vault.database.creation-statements", "CREATE ROLE x",
                        "vault.database.max-ttl", "0h")))
                .extracting(p -> p.substring(0, p.indexOf(" | ")))
                .containsExactlyInAnyOrder(
                        "parameters.vault.kv-path",
                        // and: it names no sandbox, so every sandbox would share it
                        "parameters.vault.kv-path",
                        "parameters.vault.kv-capabilities",
                        "parameters.vault.token-ttl",
                        "parameters.vault.database.connection",
                        "parameters.vault.database.creation-statements",
                        "parameters.vault.database.max-ttl");
    }

    @Test
    void vaultContentsNeedAPathOfTheSandboxAndADatabaseRoleItsConnectionAndStatements() {
        assertThat(problems(Map.of("vault.token-ttl", "1h", "vault.database.default-ttl", "1h")))
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("parameters.vault.kv-path | vault.kv-path: missing"),
                        p -> assertThat(p)
                                .startsWith("parameters.vault.database.connection | ")
                                .contains("missing"),
                        p -> assertThat(p)
                                .startsWith("parameters.vault.database.creation-statements | ")
                                .contains("missing"));
        assertThat(problems(Map.of("vault.kv-path", "sandboxes/${sandbox.organisation}")))
                .singleElement()
                .satisfies(p -> assertThat(p).contains("must name the sandbox"));
    }
}
