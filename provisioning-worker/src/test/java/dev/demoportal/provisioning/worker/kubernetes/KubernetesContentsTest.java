package dev.demoportal.provisioning.worker.kubernetes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.ProvisioningPlan;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A template's contents delivered by the kubernetes driver: a real chart (test resources) rendered
 * by Helm through helm-java, its objects applied to fabric8's CRUD mock API server, the route, and
 * the readiness probe of the access URL against a WireMock fake of the sandbox's application. The
 * mock runs no controllers: a Deployment becomes ready only when the test says so, as a cluster's
 * controller would.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesContentsTest {

    static KubernetesClient client;

    private static final String CHART =
            Path.of("src/test/resources/charts/hello").toAbsolutePath().toString();

    private final UUID sandboxId = UUID.randomUUID();
    private final String name = "sb-acme-" + sandboxId.toString().substring(0, 6);
    private final WireMockServer app = new WireMockServer(options().dynamicPort());
    private final List<String> log = new ArrayList<>();
    private KubernetesPlatformDriver driver;

    @BeforeEach
    void setUp() {
        app.start();
        driver = KubernetesDrivers.on(client, new KubernetesPlatformDriverTest.InMemorySecrets(), "gateway-system");
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private SandboxSpec spec(Map<String, String> parameters) {
        return new SandboxSpec(
                sandboxId,
                name,
                "acme",
                "cicd-trial",
                "emea",
                "eu-west-1",
                "acme-sandbox-users",
                Instant.parse("2026-03-09T09:00:00Z"),
                parameters);
    }

    private Map<String, String> contents(String routeKind) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("namespaceCpu", "2");
        p.put("namespaceMemory", "4Gi");
        p.put("helm.hello.chart", CHART);
        p.put("helm.hello.values.message", "Hello ${sandbox.organisation}");
        p.put("helm.hello.values.host", "${sandbox.host}");
        p.put("route.kind", routeKind);
        p.put("route.service", "hello");
        p.put("route.port", "9898");
        p.put("probe.path", "/readyz");
        return p;
    }

    private Map<String, String> globalOutputs() {
        return Map.of("hostName", name + ".sandbox.example", "accessUrl", app.baseUrl() + "/");
    }

    private StepResult step(SandboxSpec spec, JobKind kind, String step, Map<String, String> outputs) {
        return driver.apply(new StepContext(UUID.randomUUID(), kind, step, 1, spec, outputs, log::add));
    }

    /** Runs the platform steps of a plan the way the runner does, stopping at the named step. */
    private Map<String, String> runUntil(SandboxSpec spec, JobKind kind, String stopBefore) {
        Map<String, String> outputs = new LinkedHashMap<>(globalOutputs());
        for (ProvisioningPlan.PlannedStep planned : ProvisioningPlan.of(kind)) {
            if (planned.name().equals(stopBefore)) {
                break;
            }
            if (planned.layer() == Layer.REGION_PLATFORM) {
                outputs.putAll(step(spec, kind, planned.name(), outputs).output());
            }
        }
        return outputs;
    }

    private void markReady(String ns, String deployment) {
        Deployment d =
                client.apps().deployments().inNamespace(ns).withName(deployment).get();
        client.apps()
                .deployments()
                .inNamespace(ns)
                .resource(new DeploymentBuilder(d)
                        .withNewStatus()
                        .withReplicas(1)
                        .withReadyReplicas(1)
                        .endStatus()
                        .build())
                .updateStatus();
    }

    @Test
    void installsTheReleaseRoutesToItAndIsReadyOnlyOnceTheAccessUrlAnswers() {
        SandboxSpec spec = spec(contents("ingress"));
        Map<String, String> outputs = runUntil(spec, JobKind.PROVISION, "helm-releases");

        // the release's objects are applied, labelled, placeholders filled; its workload is not ready yet
        assertThatThrownBy(() -> step(spec, JobKind.PROVISION, "helm-releases", outputs))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isTrue())
                .hasMessageContaining("deployment hello (0/1 ready)");
        Deployment deployment =
                client.apps().deployments().inNamespace(name).withName("hello").get();
        assertThat(deployment.getMetadata().getLabels())
                .containsEntry("demoportal.dev/helm-release", "hello")
                .containsEntry("demoportal.dev/sandbox-id", sandboxId.toString());
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getEnv())
                .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("Hello acme"))
                .anySatisfy(e -> assertThat(e.getValue()).isEqualTo(name + ".sandbox.example"));
        Service service = client.services().inNamespace(name).withName("hello").get();
        assertThat(service.getSpec().getPorts().getFirst().getPort()).isEqualTo(9898);

        // once the cluster reports it ready, a retry of the step succeeds (and re-applies idempotently)
        markReady(name, "hello");
        outputs.putAll(step(spec, JobKind.PROVISION, "helm-releases", outputs).output());
        assertThat(outputs).containsEntry("helmReleases", "hello");

        outputs.putAll(step(spec, JobKind.PROVISION, "ingress-route", outputs).output());
        Ingress ingress = client.network()
                .v1()
                .ingresses()
                .inNamespace(name)
                .withName("sandbox-route")
                .get();
        assertThat(ingress.getSpec().getRules().getFirst().getHost()).isEqualTo(name + ".sandbox.example");
        assertThat(ingress.getSpec()
                        .getRules()
                        .getFirst()
                        .getHttp()
                        .getPaths()
                        .getFirst()
                        .getBackend()
                        .getService())
                .satisfies(s -> {
                    assertThat(s.getName()).isEqualTo("hello");
                    assertThat(s.getPort().getNumber()).isEqualTo(9898);
                });

        // the application does not answer yet: not ready, worth a retry
        app.stubFor(get("/readyz").willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> step(spec, JobKind.PROVISION, "readiness-probe", outputs))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isTrue())
                .hasMessageContaining("answered 503");
        app.stubFor(get("/readyz").willReturn(aResponse().withStatus(200)));
        assertThat(step(spec, JobKind.PROVISION, "readiness-probe", outputs)
                        .output()
                        .get("probe"))
                .endsWith("/readyz 200");
        app.verify(2, getRequestedFor(urlEqualTo("/readyz")));
    }

    @Test
    void routesThroughTheRegionsGatewayWhenTheTemplateAsksForAnHttpRoute() {
        Map<String, String> parameters = new LinkedHashMap<>(contents("httproute"));
        parameters.keySet().removeIf(k -> k.startsWith("helm."));
        SandboxSpec spec = spec(parameters);
        Map<String, String> outputs = runUntil(spec, JobKind.PROVISION, "ingress-route");
        step(spec, JobKind.PROVISION, "ingress-route", outputs);

        HTTPRoute route = client.resources(HTTPRoute.class)
                .inNamespace(name)
                .withName("sandbox-route")
                .get();
        assertThat(route.getSpec().getHostnames()).containsExactly(name + ".sandbox.example");
        assertThat(route.getSpec().getParentRefs()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("sandbox-gateway");
            assertThat(p.getNamespace()).isEqualTo("gateway-system");
        });
        assertThat(route.getSpec().getRules().getFirst().getBackendRefs())
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.getName()).isEqualTo("hello");
                    assertThat(b.getPort()).isEqualTo(9898);
                });
        assertThat(client.network().v1().ingresses().inNamespace(name).list().getItems())
                .isEmpty();
    }

    @Test
    void teardownRemovesTheRouteAndTheReleasesBeforeTheNamespace() {
        SandboxSpec spec = spec(contents("ingress"));
        Map<String, String> outputs = runUntil(spec, JobKind.PROVISION, "helm-releases");
        assertThatThrownBy(() -> step(spec, JobKind.PROVISION, "helm-releases", outputs))
                .isInstanceOf(StepFailure.class);
        markReady(name, "hello");
        step(spec, JobKind.PROVISION, "helm-releases", outputs);
        step(spec, JobKind.PROVISION, "ingress-route", outputs);

        Map<String, String> teardown = new LinkedHashMap<>(globalOutputs());
        for (String s : List.of("ingress-route", "helm-releases")) {
            teardown.putAll(step(spec, JobKind.TEARDOWN, s, teardown).output());
        }
        assertThat(client.network().v1().ingresses().inNamespace(name).list().getItems())
                .isEmpty();
        assertThat(client.apps().deployments().inNamespace(name).list().getItems())
                .isEmpty();
        assertThat(client.services().inNamespace(name).list().getItems()).isEmpty();
        // the namespace itself goes in its own step, after them
        assertThat(client.namespaces().withName(name).get()).isNotNull();
        runUntil(spec, JobKind.TEARDOWN, "verify-gone");
        assertThat(driver.verifyGone(spec)).contains("namespace/" + name);
        // teardown again finds nothing and changes nothing
        assertThat(step(spec, JobKind.TEARDOWN, "helm-releases", teardown).output())
                .containsEntry("helmReleases", "absent");
    }

    @Test
    void refusesAReleaseThatWouldReachOutsideTheSandboxNamespace() {
        SandboxSpec spec = spec(Map.of("helm.wide.chart", CHART));
        KubernetesPlatformDriver wide = KubernetesDrivers.on(
                client,
                new KubernetesPlatformDriverTest.InMemorySecrets(),
                "gateway-system",
                (release, ns, values) -> """
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRole
                        metadata:
                          name: everything
                        rules: []
                        """);
        Map<String, String> outputs = runUntil(spec, JobKind.PROVISION, "helm-releases");
        assertThatThrownBy(() -> wide.apply(new StepContext(
                        UUID.randomUUID(), JobKind.PROVISION, "helm-releases", 1, spec, outputs, log::add)))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining("contains a ClusterRole");
        assertThat(client.rbac().clusterRoles().withName("everything").get()).isNull();
    }
}
