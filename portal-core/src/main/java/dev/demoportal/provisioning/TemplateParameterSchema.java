package dev.demoportal.provisioning;

import dev.demoportal.base.ValidationFailed.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which template parameters each driver reads, with their types and ranges. A template may declare
 * only parameters some driver reads: the template editor and the template API refuse any other,
 * and any value out of range, with one error per parameter (field {@code parameters.<key>}, the message
 * naming the key).
 *
 * <ul>
 *   <li>region-platform ({@code kubernetes} and {@code simulated}): {@code namespaceCpu},
 *       {@code namespaceMemory}, {@code quota.pods}, {@code limits.default-cpu},
 *       {@code limits.default-memory}, {@code limits.default-request-cpu},
 *       {@code limits.default-request-memory}, {@code customer-cluster-role};
 *       {@code helm.<release>.chart|repository|version|values.<path>};
 *       {@code route.kind|service|port}; {@code probe.path}; {@code vault.kv-path},
 *       {@code vault.kv-capabilities}, {@code vault.token-ttl},
 *       {@code vault.database.connection|creation-statements|default-ttl|max-ttl}
 *   <li>every driver (the worker's job runner): {@code rollback} ({@code immediate})
 *   <li>{@code simulated} only: {@code simulated.fail-permanently},
 *       {@code simulated.fail-attempts.<step>}
 * </ul>
 */
public final class TemplateParameterSchema {

    public static final String FIELD = "parameters";

    private static final Pattern CPU = Pattern.compile("^([0-9]{1,3}(\\.[0-9]{1,3})?|[0-9]{1,6}m)$");
    private static final Pattern MEMORY = Pattern.compile("^[0-9]{1,6}(Ki|Mi|Gi|Ti)?$");
    private static final Pattern RELEASE = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,51}[a-z0-9])?$");
    private static final Pattern DNS_LABEL_OR_PLACEHOLDER =
            Pattern.compile("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?|\\$\\{sandbox\\.[a-zA-Z]+}[a-z0-9-]*)$");
    private static final Pattern VERSION = Pattern.compile("^[vV]?[0-9A-Za-z.+~^<>=*, -]{1,64}$");
    private static final Pattern VALUE_PATH = Pattern.compile("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$");
    private static final Pattern STEP = Pattern.compile("^[a-z0-9-]{1,40}$");
    private static final Pattern VAULT_TTL = Pattern.compile("^[1-9][0-9]{0,4}[smh]$");
    // only what a teardown knows without the provision's outputs, so it finds the same path
    private static final String VAULT_PLACEHOLDER = "\\$\\{sandbox\\.(id|name|namespace|organisation|template|region)}";
    private static final Pattern VAULT_PATH = Pattern.compile(
            "^([A-Za-z0-9_.-]|" + VAULT_PLACEHOLDER + ")+(/([A-Za-z0-9_.-]|" + VAULT_PLACEHOLDER + ")+){0,9}$");
    private static final String CAPABILITY = "(create|read|update|patch|delete|list)";

    /** The fixed keys a driver reads, with the rule of their value. */
    private static final Map<String, Rule> FIXED = new TreeMap<>(Map.ofEntries(
            Map.entry("namespaceCpu", new Rule("CPU of the namespace quota, e.g. 4 or 500m", CPU)),
            Map.entry("namespaceMemory", new Rule("memory of the namespace quota, e.g. 8Gi or 512Mi", MEMORY)),
            Map.entry(
                    "quota.pods",
                    new Rule("pods in the namespace, 1 to 500", Pattern.compile("^([1-9][0-9]?|[1-4][0-9]{2}|500)$"))),
            Map.entry("limits.default-cpu", new Rule("default CPU limit of a container, e.g. 500m", CPU)),
            Map.entry("limits.default-memory", new Rule("default memory limit of a container, e.g. 512Mi", MEMORY)),
            Map.entry("limits.default-request-cpu", new Rule("default CPU request of a container, e.g. 100m", CPU)),
            Map.entry(
                    "limits.default-request-memory",
                    new Rule("default memory request of a container, e.g. 128Mi", MEMORY)),
            Map.entry(
                    "customer-cluster-role",
                    new Rule("edit (the only role the provisioner may bind)", Pattern.compile("^edit$"))),
            Map.entry("route.kind", new Rule("ingress or httproute", Pattern.compile("^(ingress|httproute)$"))),
            Map.entry(
                    "route.service",
                    new Rule("a service name in the namespace (placeholders allowed)", DNS_LABEL_OR_PLACEHOLDER)),
            Map.entry(
                    "route.port",
                    new Rule(
                            "a port from 1 to 65535",
                            Pattern.compile(
                                    "^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$"))),
            Map.entry("probe.path", new Rule("a path starting with /", Pattern.compile("^/[^\\s]{0,200}$"))),
            Map.entry(
                    "vault.kv-path",
                    new Rule(
                            "a path in the region's KV mount naming the sandbox, e.g. sandboxes/${sandbox.name}"
                                    + " (placeholders: id, name, namespace, organisation, template, region)",
                            VAULT_PATH)),
            Map.entry(
                    "vault.kv-capabilities",
                    new Rule(
                            "comma-separated create, read, update, patch, delete, list",
                            Pattern.compile("^" + CAPABILITY + "(\\s*,\\s*" + CAPABILITY + "){0,5}$"))),
            Map.entry("vault.token-ttl", new Rule("a Vault duration, e.g. 30m or 1h", VAULT_TTL)),
            Map.entry(
                    "vault.database.connection",
                    new Rule(
                            "the name of a database connection of the region's database secrets engine",
                            Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$"))),
            Map.entry(
                    "vault.database.creation-statements",
                    new Rule(
                            "SQL with {{name}} and {{password}}, at most 2000 characters",
                            Pattern.compile(
                                    "^(?=[\\s\\S]*\\{\\{name}})(?=[\\s\\S]*\\{\\{password}})[\\s\\S]{1,2000}$"))),
            Map.entry("vault.database.default-ttl", new Rule("a Vault duration, e.g. 1h", VAULT_TTL)),
            Map.entry("vault.database.max-ttl", new Rule("a Vault duration, e.g. 24h", VAULT_TTL)),
            Map.entry(
                    "rollback",
                    new Rule(
                            "immediate (roll a failed provision back at once; leave out to wait for the rollback deadline)",
                            Pattern.compile("^immediate$"))),
            Map.entry(
                    "simulated.fail-permanently",
                    new Rule("comma-separated step names", Pattern.compile("^[a-z0-9-]+(\\s*,\\s*[a-z0-9-]+)*$")))));

    private TemplateParameterSchema() {}

    private record Rule(String expected, Pattern pattern) {}

    /** Every fixed key a driver reads (without the {@code helm.*} and {@code simulated.fail-attempts.*} families). */
    public static Set<String> fixedKeys() {
        return new TreeSet<>(FIXED.keySet());
    }

    /** The problems of a template's parameters, one per offending key; empty when all is well. */
    public static List<FieldError> check(Map<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Boolean> releasesWithChart = new TreeMap<>();
        new TreeMap<>(parameters).forEach((key, value) -> {
            String problem = problem(key, value, releasesWithChart);
            if (problem != null) {
                errors.add(new FieldError(FIELD + "." + key, key + ": " + problem));
            } else if (!SandboxPlaceholders.unknown(value).isEmpty()) {
                errors.add(new FieldError(
                        FIELD + "." + key,
                        key + ": " + SandboxPlaceholders.describeUnknown(SandboxPlaceholders.unknown(value))));
            }
        });
        releasesWithChart.forEach((release, hasChart) -> {
            if (!hasChart) {
                errors.add(new FieldError(
                        FIELD + ".helm." + release + ".chart",
                        "helm." + release + ".chart: missing; every Helm release needs a chart"));
            }
        });
        vaultProblems(parameters, errors);
        if (parameters.containsKey("route.kind") || parameters.containsKey("route.port")) {
            if (!parameters.containsKey("route.service")) {
                errors.add(new FieldError(
                        FIELD + ".route.service", "route.service: missing; a route needs the service it leads to"));
            }
        }
        return errors;
    }

    /** What a Vault declaration needs beyond each value's own rule. */
    private static void vaultProblems(Map<String, String> parameters, List<FieldError> errors) {
        boolean anyVault = parameters.keySet().stream().anyMatch(k -> k.startsWith("vault."));
        String kvPath = parameters.get("vault.kv-path");
        if (anyVault && kvPath == null) {
            errors.add(new FieldError(
                    FIELD + ".vault.kv-path",
                    "vault.kv-path: missing; Vault contents start with the sandbox's KV path"));
        }
        if (kvPath != null
                && Stream.of("${sandbox.name}", "${sandbox.id}", "${sandbox.namespace}")
                        .noneMatch(kvPath::contains)) {
            errors.add(new FieldError(
                    FIELD + ".vault.kv-path",
                    "vault.kv-path: must name the sandbox (${sandbox.name}, ${sandbox.id} or ${sandbox.namespace}),"
                            + " or every sandbox would share one path"));
        }
        boolean anyDatabase = parameters.keySet().stream().anyMatch(k -> k.startsWith("vault.database."));
        for (String required : List.of("vault.database.connection", "vault.database.creation-statements")) {
            if (anyDatabase && !parameters.containsKey(required)) {
                errors.add(new FieldError(
                        FIELD + "." + required,
                        required + ": missing; a database role needs its connection and creation statements"));
            }
        }
    }

    private static String problem(String key, String value, Map<String, Boolean> releasesWithChart) {
        Rule rule = FIXED.get(key);
        if (rule != null) {
            return rule.pattern().matcher(value.trim()).matches()
                    ? null
                    : "expected " + rule.expected() + ", not \"" + value + "\"";
        }
        if (key.startsWith("simulated.fail-attempts.")) {
            String step = key.substring("simulated.fail-attempts.".length());
            if (!STEP.matcher(step).matches()) {
                return "not a step name: " + step;
            }
            return value.trim().matches("^[0-9]{1,2}$") ? null : "expected a number of attempts from 0 to 99";
        }
        if (key.startsWith("helm.")) {
            return helmProblem(key.substring(5), value, releasesWithChart);
        }
        return "no driver reads this parameter; known: " + fixedKeys()
                + ", helm.<release>.chart|repository|version|values.<path>, simulated.fail-attempts.<step>";
    }

    private static String helmProblem(String rest, String value, Map<String, Boolean> releasesWithChart) {
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return "write helm.<release>.chart, .repository, .version or .values.<path>";
        }
        String release = rest.substring(0, dot);
        String field = rest.substring(dot + 1);
        if (!RELEASE.matcher(release).matches()) {
            return "a release name is lower-case letters, digits and dashes, at most 53 characters: " + release;
        }
        releasesWithChart.merge(release, field.equals("chart"), Boolean::logicalOr);
        String v = value.trim();
        return switch (field) {
            case "chart" ->
                v.startsWith("oci://") || v.startsWith("/") || v.matches("^[a-z0-9][a-z0-9._-]{0,62}$")
                        ? null
                        : "expected a chart name in the repository, an oci:// reference or a chart directory on the worker";
            case "repository" -> v.matches("^https?://[^\\s]+$") ? null : "expected an http(s):// chart repository URL";
            case "version" -> VERSION.matcher(v).matches() ? null : "expected a chart version, e.g. 1.2.3";
            default -> {
                if (field.startsWith("values.")
                        && VALUE_PATH.matcher(field.substring(7)).matches()) {
                    yield value.length() <= 1000 ? null : "at most 1000 characters";
                }
                yield "write helm." + release + ".chart, .repository, .version or .values.<path>";
            }
        };
    }
}
