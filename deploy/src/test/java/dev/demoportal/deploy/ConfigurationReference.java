package dev.demoportal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code docs/operations/configuration-reference.md}: every {@code portal.*} property, from
 * the {@code META-INF/spring-configuration-metadata.json} the configuration processor generates
 * for each module out of the {@code @ConfigurationProperties} records and their Javadoc. So the
 * reference is exactly what the code binds; {@link ConfigurationReferenceTest} fails when the
 * committed file falls behind. Run {@code ./portal config-reference} to regenerate it.
 */
final class ConfigurationReference {

    /** Modules with configuration properties, in the order the reference lists them. */
    static final List<String> MODULES = List.of("portal-core", "provisioning-worker", "portal-ui", "portal-local");

    static final Path ROOT = Path.of("..");
    static final Path DOCUMENT = ROOT.resolve("docs/operations/configuration-reference.md");
    static final String REGENERATE = "./portal config-reference";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigurationReference() {}

    public static void main(String[] args) throws IOException {
        Files.writeString(DOCUMENT, generate());
        System.out.println("Wrote " + DOCUMENT.normalize());
    }

    static String generate() {
        Map<String, Group> groups = new TreeMap<>();
        for (String module : MODULES) {
            Path metadata = ROOT.resolve(module).resolve("target/classes/META-INF/spring-configuration-metadata.json");
            if (!Files.exists(metadata)) {
                throw new IllegalStateException(
                        metadata.normalize() + " is missing: compile the modules first (" + REGENERATE + " does)");
            }
            JsonNode root = read(metadata);
            for (JsonNode property : root.path("properties")) {
                String name = property.path("name").asText();
                if (!name.startsWith("portal.")) {
                    continue;
                }
                String source = property.path("sourceType").asText("");
                String prefix = name.substring(0, name.lastIndexOf('.'));
                groups.computeIfAbsent(prefix, p -> new Group(p, source, module))
                        .properties
                        .add(property);
            }
        }

        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference: `portal.*`\n\n");
        md.append(
                "<!-- Generated from the modules' configuration metadata by ConfigurationReference (deploy module).\n");
        md.append("     Do not edit by hand: run ").append(REGENERATE).append(" -->\n\n");
        md.append(
                "Every `portal.*` property the portal and the worker bind, with its default and meaning, generated\n");
        md.append("from the `@ConfigurationProperties` records of ")
                .append(String.join(
                        ", ", MODULES.stream().map(m -> "`" + m + "`").toList()))
                .append(".\n");
        md.append("How to set them (environment variables, `application.yml`, Helm values), the Spring properties\n");
        md.append("that matter besides these, and worked examples: [configuration](configuration.md).\n\n");
        md.append("An environment variable name is the property upper-cased with `.` turned into `_` and `-`\n");
        md.append("dropped. Maps (`<key>`) are best set in YAML, where keys keep their spelling in brackets.\n");
        md.append("The reference is checked by `ConfigurationReferenceTest`; regenerate it with `")
                .append(REGENERATE)
                .append("`.\n");
        for (Group group : groups.values()) {
            md.append("\n## `").append(group.prefix).append(".*`\n\n");
            md.append("Defined by `")
                    .append(simpleName(group.source))
                    .append("` in `")
                    .append(group.module)
                    .append("`.\n\n");
            md.append("| property | type | default | environment variable | meaning |\n");
            md.append("|---|---|---|---|---|\n");
            group.properties.sort(Comparator.comparing(p -> p.path("name").asText()));
            for (JsonNode p : group.properties) {
                String name = p.path("name").asText();
                String type = type(p.path("type").asText(""));
                boolean map = type.startsWith("Map");
                md.append("| `")
                        .append(map ? name + ".<key>" : name)
                        .append("` | ")
                        .append(cell(type))
                        .append(" | ")
                        .append(defaultValue(p.path("defaultValue"), map))
                        .append(" | ")
                        .append(map ? "use YAML" : "`" + environmentVariable(name) + "`")
                        .append(" | ")
                        .append(cell(description(p)))
                        .append(" |\n");
                // the processor describes a map of records as the map alone; the record's own
                // components (e.g. regions.<code>.cluster-name) come from its source
                for (RecordComponent c : mapValueRecord(p.path("type").asText(""), group.module)) {
                    md.append("| `")
                            .append(name)
                            .append(".<key>.")
                            .append(c.name())
                            .append("` | ")
                            .append(cell(c.type()))
                            .append(" | ")
                            .append(c.defaultValue())
                            .append(" | use YAML | ")
                            .append(cell(c.description()))
                            .append(" |\n");
                }
            }
        }
        return md.toString();
    }

    record RecordComponent(String name, String type, String defaultValue, String description) {}

    private static final Pattern COMPONENT = Pattern.compile(
            "(?:@DefaultValue(?:\\(\"([^\"]*)\"\\))?\\s+)?(@Nullable\\s+)?([\\w.<>, ?]+?)\\s+(\\w+)\\s*$");

    /** The components of {@code Map<String, dev.demoportal...Record>}'s value type, read from its source. */
    static List<RecordComponent> mapValueRecord(String javaType, String module) {
        Matcher m = Pattern.compile("^java\\.util\\.Map<java\\.lang\\.String,\\s*(dev\\.demoportal\\.[\\w.]+)>$")
                .matcher(javaType);
        if (!m.matches()) {
            return List.of();
        }
        String className = m.group(1);
        Path source = ROOT.resolve(module).resolve("src/main/java").resolve(className.replace('.', '/') + ".java");
        if (!Files.exists(source)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher param = Pattern.compile(
                        "@param (\\w+) ((?:[^@/]|/(?!\\s*$))*?)\\s*(?=\\n\\s*\\*\\s*@|\\n\\s*\\*/)", Pattern.DOTALL)
                .matcher(text);
        while (param.find()) {
            params.put(
                    param.group(1),
                    param.group(2).replaceAll("\\s*\\n\\s*\\*\\s*", " ").strip());
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        Matcher header = Pattern.compile("record " + simple + "\\((.*?)\\)\\s*\\{", Pattern.DOTALL)
                .matcher(text);
        if (!header.find()) {
            return List.of();
        }
        List<RecordComponent> components = new ArrayList<>();
        for (String part : header.group(1).split(",(?![^<]*>)")) {
            Matcher c = COMPONENT.matcher(part.strip().replaceAll("\\s+", " "));
            if (!c.find()) {
                continue;
            }
            String defaultValue =
                    c.group(1) != null ? "`" + c.group(1) + "`" : c.group(2) != null ? "none" : "**required**";
            String description = params.getOrDefault(c.group(4), "");
            components.add(new RecordComponent(
                    kebab(c.group(4)),
                    type(c.group(3).strip()),
                    defaultValue,
                    description.isBlank()
                            ? "**undocumented**: add a one-line Javadoc `@param` to the record"
                            : Character.toUpperCase(description.charAt(0))
                                    + description.substring(1)
                                    + (description.endsWith(".") ? "" : ".")));
        }
        return components;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static String description(JsonNode property) {
        String text = property.path("description").asText("");
        if (text.isBlank()) {
            return "**undocumented**: add a one-line Javadoc `@param` to the record";
        }
        text = text.replaceAll("\\{@code ([^}]*)}", "`$1`")
                .replaceAll("\\{@link ([^}]*)}", "`$1`")
                .strip();
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
    }

    private static String defaultValue(JsonNode value, boolean map) {
        if (value.isMissingNode() || value.isNull()) {
            return map ? "empty" : "none";
        }
        if ((value.isArray() && value.isEmpty())
                || value.asText().equals("[]")
                || value.asText().equals("{}")) {
            return "empty";
        }
        return "`" + (value.isTextual() ? value.asText() : value.toString()) + "`";
    }

    private static String type(String javaType) {
        return javaType.replaceAll("\\b(java\\.lang|java\\.util|java\\.time|java\\.nio\\.file|java\\.net)\\.", "")
                .replaceAll("\\b(?:[a-z][a-z0-9]*\\.)+([A-Z])", "$1")
                .replace(",", ", ");
    }

    private static String simpleName(String type) {
        return type.isEmpty() ? "?" : type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\n", " ");
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Group {
        final String prefix;
        final String source;
        final String module;
        final List<JsonNode> properties = new ArrayList<>();

        Group(String prefix, String source, String module) {
            this.prefix = prefix;
            this.source = source;
            this.module = module;
        }
    }
}
