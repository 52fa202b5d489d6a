package dev.demoportal.provisioning.worker.kubernetes;

import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.labels;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.namespace;

import dev.demoportal.provisioning.SandboxPlaceholders;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.TemplateContents;
import dev.demoportal.provisioning.TemplateContents.Route;
import dev.demoportal.provisioning.TemplateContents.RouteKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The route that makes the access URL answer: from the sandbox's host name to the service the
 * template names, as an Ingress or a Gateway API HTTPRoute attached to the region's gateway.
 */
final class SandboxRoute {

    static final String NAME = KubernetesPlatformDriver.ROUTE;

    private final String gatewayName;

    SandboxRoute(String gatewayName) {
        this.gatewayName = gatewayName;
    }

    StepResult ensure(KubernetesClient k8s, StepContext context, String gatewayNamespace) {
        SandboxSpec spec = context.spec();
        Route route = TemplateContents.of(spec.parameters()).route();
        if (route == null) {
            context.log().accept("the template declares no route");
            return StepResult.of(Map.of("route", ""));
        }
        String ns = namespace(spec);
        String host = context.outputs().getOrDefault("hostName", spec.name());
        String service = SandboxPlaceholders.fill(route.service(), spec, context.outputs());
        HasMetadata desired = route.kind() == RouteKind.INGRESS
                ? ingress(spec, ns, host, service, route.port())
                : httpRoute(spec, ns, host, service, route.port(), gatewayNamespace);
        HelmReleases.apply(k8s, ns, desired);
        context.log()
                .accept(desired.getKind() + " " + NAME + ": " + host + " to service " + service + ":" + route.port());
        return StepResult.of(Map.of("route", desired.getKind() + "/" + ns + "/" + NAME));
    }

    private static Ingress ingress(SandboxSpec spec, String ns, String host, String service, int port) {
        return new IngressBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(ns)
                .withLabels(labels(spec))
                .endMetadata()
                .withNewSpec()
                .addNewRule()
                .withHost(host)
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(service)
                .withNewPort()
                .withNumber(port)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }

    private HTTPRoute httpRoute(
            SandboxSpec spec, String ns, String host, String service, int port, String gatewayNamespace) {
        return new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(ns)
                .withLabels(labels(spec))
                .endMetadata()
                .withNewSpec()
                .addNewParentRef()
                .withName(gatewayName)
                .withNamespace(gatewayNamespace)
                .endParentRef()
                .withHostnames(host)
                .addNewRule()
                .addNewBackendRef()
                .withName(service)
                .withPort(port)
                .endBackendRef()
                .endRule()
                .endSpec()
                .build();
    }

    StepResult delete(KubernetesClient k8s, StepContext context) {
        String ns = namespace(context.spec());
        k8s.network().v1().ingresses().inNamespace(ns).withName(NAME).delete();
        k8s.resources(HTTPRoute.class).inNamespace(ns).withName(NAME).delete();
        context.log().accept("route " + NAME + " in " + ns + " deleted");
        return StepResult.of(Map.of("route", "deleted"));
    }
}
