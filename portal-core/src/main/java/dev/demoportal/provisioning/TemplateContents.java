package dev.demoportal.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a template's sandbox gets, read from its parameters (dotted keys, see
 * {@link TemplateParameterSchema}): Helm releases, an ingress route to one of their services, a
 * readiness probe of the access URL, the namespace's size, and what the sandbox gets in Vault.
 * Parameters that fail the schema are
 * refused when the template is saved, so reading here is lenient.
 *
 * @param releases the Helm releases, by release name
 * @param route the route that makes the access URL answer, or null for none
 * @param probePath the path of the access URL probed before the sandbox is ready, or null for none
 * @param namespaceCpu CPU of the namespace's quota (requests and limits)
 * @param namespaceMemory memory of the namespace's quota (requests and limits)
 * @param vault the sandbox's KV path, policy, Kubernetes auth role and database role in Vault, or
 *     null for none
 */
public record TemplateContents(
        List<HelmRelease> releases,
        @Nullable Route route,
        @Nullable String probePath,
        String namespaceCpu,
        String namespaceMemory,
        @Nullable Vault vault) {

    public static final String DEFAULT_CPU = "4";
    public static final String DEFAULT_MEMORY = "8Gi";

    public TemplateContents {
        releases = List.copyOf(releases);
    }

    /**
     * One Helm release in the sandbox namespace.
     *
     * @param name the release name ({@code helm.<name>.*})
     * @param chart a chart name in {@code repository}, an {@code oci://} reference, or a chart
     *     directory on the worker
     * @param repository the chart repository URL, or null for an OCI reference or a directory
     * @param version the chart version, or null for the latest
     * @param values values set on the release ({@code helm.<name>.values.<path>}), placeholders
     *     not yet filled in
     */
    public record HelmRelease(
            String name,
            String chart,
            @Nullable String repository,
            @Nullable String version,
            Map<String, String> values) {

        public HelmRelease {
            values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
        }

        /** "chart 1.2.3 from repository", for logs and the sandbox page. */
        public String describe() {
            return chart + (version == null ? "" : " " + version) + (repository == null ? "" : " from " + repository);
        }
    }

    /** The kinds of route a region's cluster takes. */
    public enum RouteKind {
        INGRESS("ingress"),
        HTTP_ROUTE("httproute");

        private final String code;

        RouteKind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static @Nullable RouteKind of(String code) {
            for (RouteKind kind : values()) {
                if (kind.code.equals(code)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * A route from the sandbox's host name to a service in its namespace.
     *
     * @param kind Ingress or Gateway API HTTPRoute
     * @param service the service name (placeholders not yet filled in)
     * @param port the service port
     */
    public record Route(RouteKind kind, String service, int port) {}

    /**
     * What a sandbox gets in Vault ({@code vault.*}): a KV v2 path of its own and a policy that
     * grants {@code kvCapabilities} on it, a Kubernetes auth role bound to the sandbox's service
     * account in its namespace that hands out that policy, and optionally a database secrets-engine
     * role whose credentials the policy may read.
     *
     * @param kvPath the path in the region's KV v2 mount (placeholders not yet filled in)
     * @param kvCapabilities what the sandbox may do on it ({@code read}, {@code list}, ...)
     * @param tokenTtl lifetime of a token the sandbox logs in for, in Vault's notation ({@code 1h})
     * @param database the database role, or null for none
     */
    public record Vault(
            String kvPath,
            List<String> kvCapabilities,
            String tokenTtl,
            @Nullable DatabaseRole database) {

        public static final String DEFAULT_CAPABILITIES = "read,list";
        public static final String DEFAULT_TOKEN_TTL = "1h";

        public Vault {
            kvCapabilities = List.copyOf(kvCapabilities);
        }
    }

    /**
     * A role of the region's database secrets engine, for the sandbox ({@code vault.database.*}).
     *
     * @param connection the database connection of the region's mount the role uses
     * @param creationStatements SQL that creates a user ({@code {{name}}}, {@code {{password}}},
     *     {@code {{expiration}}} filled in by Vault)
     * @param defaultTtl lifetime of a credential
     * @param maxTtl longest lifetime of a renewed credential
     */
    public record DatabaseRole(String connection, String creationStatements, String defaultTtl, String maxTtl) {

        public static final String DEFAULT_TTL = "1h";
        public static final String DEFAULT_MAX_TTL = "24h";
    }

    /** Reads the contents from a template's (or a stored spec's) parameters. */
    public static TemplateContents of(Map<String, String> parameters) {
        Map<String, Map<String, String>> byRelease = new TreeMap<>();
        parameters.forEach((key, value) -> {
            if (key.startsWith("helm.")) {
                String rest = key.substring(5);
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    byRelease
                            .computeIfAbsent(rest.substring(0, dot), r -> new LinkedHashMap<>())
                            .put(rest.substring(dot + 1), value);
                }
            }
        });
        List<HelmRelease> releases = new ArrayList<>();
        byRelease.forEach((name, keys) -> {
            String chart = keys.get("chart");
            if (chart == null) {
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            keys.forEach((k, v) -> {
                if (k.startsWith("values.")) {
                    values.put(k.substring(7), v);
                }
            });
            releases.add(new HelmRelease(name, chart, keys.get("repository"), keys.get("version"), values));
        });
        Route route = null;
        String service = parameters.get("route.service");
        if (service != null) {
            RouteKind kind = RouteKind.of(parameters.getOrDefault("route.kind", "ingress"));
            route = new Route(
                    kind == null ? RouteKind.INGRESS : kind, service, intOr(parameters.get("route.port"), 80));
        }
        return new TemplateContents(
                releases,
                route,
                parameters.get("probe.path"),
                parameters.getOrDefault("namespaceCpu", DEFAULT_CPU),
                parameters.getOrDefault("namespaceMemory", DEFAULT_MEMORY),
                vault(parameters));
    }

    private static @Nullable Vault vault(Map<String, String> parameters) {
        String kvPath = parameters.get("vault.kv-path");
        if (kvPath == null) {
            return null;
        }
        DatabaseRole database = null;
        String connection = parameters.get("vault.database.connection");
        String statements = parameters.get("vault.database.creation-statements");
        if (connection != null && statements != null) {
            database = new DatabaseRole(
                    connection.trim(),
                    statements,
                    parameters
                            .getOrDefault("vault.database.default-ttl", DatabaseRole.DEFAULT_TTL)
                            .trim(),
                    parameters
                            .getOrDefault("vault.database.max-ttl", DatabaseRole.DEFAULT_MAX_TTL)
                            .trim());
        }
        List<String> capabilities = java.util.Arrays.stream(parameters
                        .getOrDefault("vault.kv-capabilities", Vault.DEFAULT_CAPABILITIES)
                        .split(","))
                .map(String::trim)
                .filter(c -> !c.isEmpty())
                .distinct()
                .toList();
        return new Vault(
                kvPath.trim(),
                capabilities,
                parameters
                        .getOrDefault("vault.token-ttl", Vault.DEFAULT_TOKEN_TTL)
                        .trim(),
                database);
    }

    /** Whether the template promises anything beyond an empty namespace. */
    public boolean isEmpty() {
        return releases.isEmpty() && route == null && probePath == null && vault == null;
    }

    /** One line per thing delivered, for the sandbox page and the simulated driver's log. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("namespace quota: cpu " + namespaceCpu + ", memory " + namespaceMemory);
        for (HelmRelease release : releases) {
            lines.add("Helm release " + release.name() + ": " + release.describe());
        }
        if (route != null) {
            lines.add((route.kind() == RouteKind.INGRESS ? "Ingress" : "HTTPRoute") + " to service " + route.service()
                    + ":" + route.port());
        }
        if (probePath != null) {
            lines.add("readiness probe of the access URL at " + probePath);
        }
        if (vault != null) {
            lines.add("Vault KV path " + vault.kvPath() + " (" + String.join(", ", vault.kvCapabilities())
                    + "), its policy and a Kubernetes auth role for the sandbox's service account");
            if (vault.database() != null) {
                lines.add(
                        "Vault database role on connection " + vault.database().connection() + " (credentials for "
                                + vault.database().defaultTtl() + ", at most "
                                + vault.database().maxTtl() + ")");
            }
        }
        return lines;
    }

    private static int intOr(@Nullable String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
