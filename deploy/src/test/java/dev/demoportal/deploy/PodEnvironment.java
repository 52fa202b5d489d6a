package dev.demoportal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * A rendered container's environment as Spring Boot reads it at start-up: the variables as the
 * {@code systemEnvironment} property source (so Boot's relaxed binding rules for environment
 * variables apply, exactly as in the pod), above the app's own configuration files. A variable
 * whose name Boot does not map to the intended property is simply never seen, which is the
 * mistake this class exists to catch. Values of Secrets become {@code secret:<name>/<key>}.
 */
final class PodEnvironment {

    /** The portal's and the worker's own configuration, lowest precedence. */
    static final Path PORTAL_CONFIG = Path.of("../portal-ui/src/main/resources/application.yml");

    static final String WORKER_CONFIG = "provisioning-worker-defaults.properties";

    /** Variables no Spring property reads, and who does. */
    static final Map<String, String> READ_OUTSIDE_SPRING = Map.of(
            "AWS_REGION", "the AWS SDK's default region provider chain",
            "JAVA_TOOL_OPTIONS", "the JVM itself (trust store system properties)");

    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, Object> variables;
    final ConfigurableEnvironment environment;
    private final String appConfig;

    private PodEnvironment(Map<String, Object> variables, ConfigurableEnvironment environment, String appConfig) {
        this.variables = variables;
        this.environment = environment;
        this.appConfig = appConfig;
    }

    /** The environment of the portal ({@code app} "portal") or the worker ("worker") container. */
    static PodEnvironment of(Container container, String app, String mountedApplicationYml) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            Object value = var.getValue();
            if (var.getValueFrom() != null) {
                assertThat(var.getValueFrom().getSecretKeyRef())
                        .as(var.getName())
                        .isNotNull();
                value = "secret:" + var.getValueFrom().getSecretKeyRef().getName() + "/"
                        + var.getValueFrom().getSecretKeyRef().getKey();
            }
            variables.put(var.getName(), value);
        }
        ConfigurableEnvironment environment = new AbstractEnvironment() {};
        environment
                .getPropertySources()
                .addLast(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        String appConfig;
        try {
            if (mountedApplicationYml != null) {
                // SPRING_CONFIG_ADDITIONAL_LOCATION: the chart's ConfigMap, above the packaged defaults
                load(
                        environment,
                        "chart ConfigMap",
                        new ByteArrayResource(
                                mountedApplicationYml.getBytes(StandardCharsets.UTF_8), "application.yml"));
            }
            if (app.equals("portal")) {
                appConfig = Files.readString(PORTAL_CONFIG);
                load(
                        environment,
                        "portal application.yml",
                        new ByteArrayResource(appConfig.getBytes(StandardCharsets.UTF_8), "application.yml"));
            } else {
                ClassPathResource defaults = new ClassPathResource(WORKER_CONFIG);
                appConfig = defaults.getContentAsString(StandardCharsets.UTF_8);
                environment.getPropertySources().addLast(new ResourcePropertySource(defaults));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigurationPropertySources.attach(environment);
        return new PodEnvironment(variables, environment, appConfig);
    }

    private static void load(ConfigurableEnvironment environment, String name, ByteArrayResource yaml)
            throws IOException {
        for (PropertySource<?> source : new YamlPropertySourceLoader().load(name, yaml)) {
            environment.getPropertySources().addLast(source);
        }
    }

    Binder binder() {
        return Binder.get(environment);
    }

    /** The properties under {@code prefix} as the app would bind them (defaults where nothing is set). */
    <T> T bind(String prefix, Class<T> type) {
        return binder().bindOrCreate(prefix, type);
    }

    /**
     * The variables no property of the app reads: neither a property in the configuration metadata
     * of the app's class path (Spring Boot, db-scheduler, the portal's own records) under Boot's
     * rules for environment variables, nor a {@code ${VARIABLE}} placeholder of the app's
     * configuration, nor a variable read outside Spring.
     */
    Set<String> unread() {
        Set<String> unread = new LinkedHashSet<>();
        Set<String> placeholders = placeholders(appConfig);
        for (String variable : variables.keySet()) {
            if (placeholders.contains(variable) || READ_OUTSIDE_SPRING.containsKey(variable)) {
                continue;
            }
            ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x")));
            boolean read = KnownProperties.ALL.entrySet().stream()
                    .anyMatch(p -> p.getValue()
                            ? source.containsDescendantOf(p.getKey()) == ConfigurationPropertyState.PRESENT
                            : source.getConfigurationProperty(p.getKey()) != null);
            if (!read) {
                unread.add(variable);
            }
        }
        return unread;
    }

    static Set<String> placeholders(String config) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ENV_PLACEHOLDER.matcher(config);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every property the metadata on the class path declares; true for maps (any key below them binds). */
    private static final class KnownProperties {

        static final Map<ConfigurationPropertyName, Boolean> ALL = load();

        private static Map<ConfigurationPropertyName, Boolean> load() {
            Map<ConfigurationPropertyName, Boolean> all = new LinkedHashMap<>();
            try {
                for (String file : List.of(
                        "META-INF/spring-configuration-metadata.json",
                        "META-INF/additional-spring-configuration-metadata.json")) {
                    for (URL url : Collections.list(
                            PodEnvironment.class.getClassLoader().getResources(file))) {
                        JsonNode root = JSON.readTree(url);
                        for (JsonNode property : root.path("properties")) {
                            ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(
                                    property.path("name").asText());
                            if (name == null) {
                                continue;
                            }
                            all.merge(
                                    name,
                                    property.path("type").asText("").startsWith("java.util.Map<"),
                                    Boolean::logicalOr);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(all)
                    .as("configuration metadata on the test class path")
                    .containsKey(ConfigurationPropertyName.of("db-scheduler.shutdown-max-wait"))
                    .containsKey(ConfigurationPropertyName.of("spring.datasource.url"))
                    .containsKey(ConfigurationPropertyName.of("portal.sandbox.keys.keyset"));
            return all;
        }
    }
}
