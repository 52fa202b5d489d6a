package dev.demoportal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The chart rendered by Helm itself (helm-java embeds Helm's Go code), each manifest read into
 * fabric8's typed model of the Kubernetes API. Reading is the schema check: an unknown kind or
 * apiVersion, a misspelt or misplaced field, or a wrong type fails, with the path to the culprit.
 */
final class RenderedChart {

    static final Path CHART = Path.of("helm/demo-portal");
    static final Path AWS_VALUES = Path.of("examples/aws-values.yaml");
    static final String RELEASE = "demo";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final String yaml;
    final List<HasMetadata> resources;

    private RenderedChart(String yaml, List<HasMetadata> resources) {
        this.yaml = yaml;
        this.resources = resources;
    }

    static LintResult lint() {
        return new Helm(CHART).lint().strict().call();
    }

    /** {@code helm template demo helm/demo-portal} with the given options (values files, --set). */
    static RenderedChart render(UnaryOperator<TemplateCommand> options) {
        return parse(options.apply(new Helm(CHART).template().withName(RELEASE).withNamespace("demo-portal"))
                .call());
    }

    /** Reads a multi-document YAML stream into typed resources, failing on anything off-schema. */
    static RenderedChart parse(String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (!(parsed instanceof HasMetadata resource)) {
                problems.add("not a Kubernetes resource: "
                        + document.lines().limit(5).toList());
                continue;
            }
            if (resource instanceof GenericKubernetesResource) {
                problems.add("unknown kind " + resource.getApiVersion() + "/" + resource.getKind()
                        + " (no such API in the Kubernetes or Prometheus Operator model)");
                continue;
            }
            String where = resource.getKind() + "/" + resource.getMetadata().getName();
            unknownFields(resource, where, problems);
            resources.add(resource);
        }
        assertThat(problems)
                .as("manifests that do not match the Kubernetes schema")
                .isEmpty();
        return new RenderedChart(yaml, resources);
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> kind, String nameSuffix) {
        List<T> matches = all(kind).stream()
                .filter(r -> r.getMetadata().getName().endsWith(nameSuffix))
                .toList();
        assertThat(matches).as(kind.getSimpleName() + " *" + nameSuffix).hasSize(1);
        return matches.getFirst();
    }

    Deployment deployment(String component) {
        return one(Deployment.class, "-" + component);
    }

    static Container container(PodSpec pod) {
        assertThat(pod.getContainers()).hasSize(1);
        return pod.getContainers().getFirst();
    }

    static Map<String, EnvVar> env(Container container) {
        Map<String, EnvVar> env = new java.util.LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            assertThat(env.put(var.getName(), var))
                    .as("duplicate env " + var.getName())
                    .isNull();
        }
        return env;
    }

    /**
     * fabric8 keeps fields its model does not know in {@code additionalProperties} instead of
     * failing; any such field anywhere in the tree is a field Kubernetes would reject or ignore.
     */
    private static void unknownFields(Object node, String path, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, problems));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3))
                    + getter.getName().substring(4);
            unknownFields(value, path + "." + field, problems);
        }
    }
}
