package dev.demoportal.provisioning.worker.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A FAKE of Vault's HTTP API on WireMock, written from Vault's public API documentation
 * (developer.hashicorp.com/vault/api-docs), stateful so that what a test makes can be found,
 * revoked and looked for again. It knows:
 *
 * <ul>
 *   <li>ACL policies: {@code sys/policies/acl/:name} and the older {@code sys/policy/:name} (PUT/POST
 *       writes {@code {"policy": ...}} or {@code {"rules": ...}}, GET, DELETE, LIST);
 *   <li>Kubernetes auth: {@code auth/<mount>/role/:name} (write, read, delete, LIST) and
 *       {@code auth/<mount>/login} ({@code {"role", "jwt"}}, the JWT the test allows for the role);
 *   <li>KV version 2 at one mount: {@code <kv>/data/:path} (write adds a version, read the latest),
 *       {@code <kv>/metadata/:path} (write custom metadata, read, DELETE removes every version,
 *       LIST the keys below a folder, folders ending in {@code /});
 *   <li>the database secrets engine at one mount: {@code <db>/roles/:name} (write, read, delete,
 *       LIST), {@code <db>/creds/:name} (issues a lease), {@code sys/leases/revoke-prefix/:prefix};
 *   <li>{@code auth/token/lookup-self}.
 * </ul>
 *
 * Every call but a login needs {@code X-Vault-Token} to be the token the fake issued or was given
 * (403 otherwise). LIST is the {@code LIST} method or {@code GET ?list=true}; an empty listing is
 * 404, as in Vault. It enforces no policy (the worker's own least-privilege policy is documented,
 * not checked here), validates no role field beyond JSON, and runs no database.
 * {@link #failNext} makes a path answer an error, for failure injection.
 */
public final class VaultFake implements ResponseDefinitionTransformerV2, AutoCloseable {

    public static final String TOKEN = "fake-vault-token-for-tests";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WireMockServer server;
    private final String kvMount;
    private final String databaseMount;
    private final Map<String, String> policies = new ConcurrentSkipListMap<>();
    /** Roles and other plain objects by full path ({@code auth/kubernetes/role/x}, {@code database/roles/x}). */
    private final Map<String, JsonNode> objects = new ConcurrentSkipListMap<>();
    /** KV v2 entries by path within the mount: their versions and custom metadata. */
    private final Map<String, KvEntry> kv = new ConcurrentSkipListMap<>();

    private final Map<String, String> leases = new ConcurrentSkipListMap<>();
    private final Map<String, String> loginJwts = new ConcurrentHashMap<>();
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private record KvEntry(List<JsonNode> versions, Map<String, String> customMetadata) {}

    private record Failure(Pattern path, int status, int[] left) {}

    public VaultFake() {
        this("secret", "database");
    }

    public VaultFake(String kvMount, String databaseMount) {
        this.kvMount = kvMount;
        this.databaseMount = databaseMount;
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(urlPathMatching("/v1/.*")).willReturn(aResponse().withTransformers(getName())));
    }

    public String address() {
        return server.baseUrl();
    }

    /** A login at {@code auth/<mount>/login} as {@code role} succeeds with this JWT. */
    public VaultFake allowLogin(String mount, String role, String jwt) {
        loginJwts.put(mount + "/" + role, jwt);
        return this;
    }

    /** The next {@code times} calls whose path (after {@code /v1/}) matches {@code pathRegex} answer {@code status}. */
    public void failNext(String pathRegex, int status, int times) {
        failures.add(new Failure(Pattern.compile(pathRegex), status, new int[] {times}));
    }

    public Map<String, String> policies() {
        return Map.copyOf(policies);
    }

    public @Nullable JsonNode object(String path) {
        return objects.get(path);
    }

    public List<String> objectPaths() {
        return List.copyOf(objects.keySet());
    }

    /** KV v2 paths within the mount that have metadata (any version, even deleted). */
    public List<String> kvPaths() {
        return List.copyOf(kv.keySet());
    }

    public @Nullable Map<String, String> customMetadata(String path) {
        KvEntry entry = kv.get(path);
        return entry == null ? null : Map.copyOf(entry.customMetadata());
    }

    public List<String> leases() {
        return List.copyOf(leases.keySet());
    }

    /** The calls answered, {@code METHOD path}, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** Plants an object as someone working by hand would (a policy, a role), for the leftover scan. */
    public void plantPolicy(String name, String policy) {
        policies.put(name, policy);
    }

    public void plantObject(String path, String json) {
        objects.put(path, JSON.readTree(json));
    }

    public void plantKv(String path, Map<String, String> customMetadata) {
        kv.put(path, new KvEntry(new ArrayList<>(List.of(JSON.createObjectNode())), new TreeMap<>(customMetadata)));
    }

    /** Issues a database credential lease, as {@code vault read <db>/creds/<role>} would. */
    public String issueDatabaseLease(String role) {
        String lease = databaseMount + "/creds/" + role + "/" + UUID.randomUUID();
        leases.put(lease, role);
        return lease;
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String getName() {
        return "vault-fake";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String path = URLDecoder.decode(
                request.getUrl().replaceFirst("\\?.*$", "").substring("/v1/".length()), StandardCharsets.UTF_8);
        path = path.replaceAll("/+$", "");
        boolean list = request.getMethod().getName().equals("LIST")
                || (request.getMethod().getName().equals("GET")
                        && request.getUrl().matches(".*[?&]list=true.*"));
        String method = list ? "LIST" : request.getMethod().getName();
        calls.add(method + " " + path);
        synchronized (failures) {
            for (Failure failure : failures) {
                if (failure.left()[0] > 0 && failure.path().matcher(path).matches()) {
                    failure.left()[0]--;
                    return errors(failure.status(), "injected failure");
                }
            }
        }
        if (path.matches("auth/[^/]+/login")) {
            return login(path, request);
        }
        if (!TOKEN.equals(request.getHeader("X-Vault-Token"))) {
            return errors(403, "permission denied");
        }
        JsonNode body = request.getBodyAsString().isBlank() ? null : JSON.readTree(request.getBodyAsString());
        boolean write = method.equals("PUT") || method.equals("POST");
        if (path.equals("auth/token/lookup-self")) {
            return json(
                    200,
                    "{\"data\": {\"ttl\": 3600, \"renewable\": true, \"policies\": [\"demo-portal-provisioner\"]}}");
        }
        if (path.equals("sys/policy") && method.equals("GET")) {
            ObjectNode out = JSON.createObjectNode();
            out.putPOJO("policies", new ArrayList<>(policies.keySet()));
            return json(200, out.toString());
        }
        if (path.startsWith("sys/policies/acl") || path.startsWith("sys/policy/")) {
            return policy(path.replaceFirst("^sys/(policies/acl|policy)/?", ""), method, body);
        }
        if (path.startsWith("sys/leases/revoke-prefix/") && write) {
            String prefix = path.substring("sys/leases/revoke-prefix/".length());
            leases.keySet().removeIf(lease -> lease.startsWith(prefix));
            return noContent();
        }
        if (path.startsWith(kvMount + "/data/")) {
            return kvData(path.substring((kvMount + "/data/").length()), method, body);
        }
        if (path.startsWith(kvMount + "/metadata")) {
            return kvMetadata(path.replaceFirst("^" + Pattern.quote(kvMount) + "/metadata/?", ""), method, body);
        }
        if (path.startsWith(databaseMount + "/creds/") && method.equals("GET")) {
            String role = path.substring((databaseMount + "/creds/").length());
            if (!objects.containsKey(databaseMount + "/roles/" + role)) {
                return errors(400, "unknown role: " + role);
            }
            String lease = issueDatabaseLease(role);
            return json(
                    200,
                    "{\"lease_id\": \"" + lease + "\", \"lease_duration\": 3600, \"renewable\": true,"
                            + " \"data\": {\"username\": \"v-" + role + "\", \"password\": \"fake\"}}");
        }
        if (path.matches("auth/[^/]+/role(/.*)?") || path.matches(Pattern.quote(databaseMount) + "/roles(/.*)?")) {
            return object(path, method, body);
        }
        return errors(404, "no handler for route \"" + path + "\"");
    }

    private ResponseDefinition login(String path, Request request) {
        JsonNode body = JSON.readTree(request.getBodyAsString());
        String mount = path.substring("auth/".length(), path.length() - "/login".length());
        String expected = loginJwts.get(mount + "/" + body.path("role").asString(""));
        if (expected == null || !expected.equals(body.path("jwt").asString(""))) {
            return errors(403, "permission denied");
        }
        return json(200, """
                {"auth": {"client_token": "%s", "accessor": "fake-accessor", "policies": ["demo-portal-provisioner"],
                  "token_policies": ["demo-portal-provisioner"], "lease_duration": 3600, "renewable": true}}""".formatted(TOKEN));
    }

    private ResponseDefinition policy(String name, String method, @Nullable JsonNode body) {
        switch (method) {
            case "LIST" -> {
                return keys(new ArrayList<>(policies.keySet()));
            }
            case "PUT", "POST" -> {
                // sys/policy takes the document as "rules" too (Spring Vault's Policy writes it so)
                String document = body == null
                        ? ""
                        : body.path("policy").asString(body.path("rules").asString(""));
                if (document.isEmpty()) {
                    return errors(400, "'policy' parameter not supplied or empty");
                }
                policies.put(name, document);
                return noContent();
            }
            case "GET" -> {
                String policy = policies.get(name);
                if (policy == null) {
                    return errors(404, "");
                }
                ObjectNode data = JSON.createObjectNode().put("name", name).put("policy", policy);
                ObjectNode out = JSON.createObjectNode();
                out.set("data", data);
                out.put("name", name);
                out.put("rules", policy);
                return json(200, out.toString());
            }
            case "DELETE" -> {
                policies.remove(name);
                return noContent();
            }
            default -> {
                return errors(405, "unsupported operation");
            }
        }
    }

    private ResponseDefinition object(String path, String method, @Nullable JsonNode body) {
        switch (method) {
            case "LIST" -> {
                String prefix = path + "/";
                return keys(objects.keySet().stream()
                        .filter(p -> p.startsWith(prefix))
                        .map(p -> p.substring(prefix.length()))
                        .toList());
            }
            case "PUT", "POST" -> {
                objects.put(path, body == null ? JSON.createObjectNode() : body);
                return noContent();
            }
            case "GET" -> {
                JsonNode object = objects.get(path);
                if (object == null) {
                    return errors(404, "");
                }
                ObjectNode out = JSON.createObjectNode();
                out.set("data", object);
                return json(200, out.toString());
            }
            case "DELETE" -> {
                objects.remove(path);
                return noContent();
            }
            default -> {
                return errors(405, "unsupported operation");
            }
        }
    }

    private ResponseDefinition kvData(String path, String method, @Nullable JsonNode body) {
        switch (method) {
            case "PUT", "POST" -> {
                if (body == null || !body.has("data")) {
                    return errors(400, "no data provided");
                }
                KvEntry entry = kv.computeIfAbsent(path, p -> new KvEntry(new ArrayList<>(), new TreeMap<>()));
                entry.versions().add(body.get("data"));
                return json(
                        200,
                        "{\"data\": {\"created_time\": \"2026-03-02T09:00:00Z\", \"deletion_time\": \"\","
                                + " \"destroyed\": false, \"version\": "
                                + entry.versions().size() + "}}");
            }
            case "GET" -> {
                KvEntry entry = kv.get(path);
                if (entry == null || entry.versions().isEmpty()) {
                    return errors(404, "");
                }
                ObjectNode data = JSON.createObjectNode();
                data.set("data", entry.versions().getLast());
                data.set("metadata", versionMetadata(entry.versions().size()));
                ObjectNode out = JSON.createObjectNode();
                out.set("data", data);
                return json(200, out.toString());
            }
            default -> {
                return errors(405, "unsupported operation");
            }
        }
    }

    private ResponseDefinition kvMetadata(String path, String method, @Nullable JsonNode body) {
        switch (method) {
            case "LIST" -> {
                String prefix = path.isEmpty() ? "" : path + "/";
                TreeSet<String> keys = new TreeSet<>();
                for (String p : kv.keySet()) {
                    if (p.startsWith(prefix)) {
                        String rest = p.substring(prefix.length());
                        int slash = rest.indexOf('/');
                        keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
                    }
                }
                return keys(new ArrayList<>(keys));
            }
            case "PUT", "POST" -> {
                KvEntry entry = kv.computeIfAbsent(path, p -> new KvEntry(new ArrayList<>(), new TreeMap<>()));
                if (body != null && body.has("custom_metadata")) {
                    entry.customMetadata().clear();
                    body.get("custom_metadata")
                            .properties()
                            .forEach(e -> entry.customMetadata()
                                    .put(e.getKey(), e.getValue().asString()));
                }
                return noContent();
            }
            case "GET" -> {
                KvEntry entry = kv.get(path);
                if (entry == null) {
                    return errors(404, "");
                }
                ObjectNode data = JSON.createObjectNode();
                data.put("cas_required", false);
                data.put("created_time", "2026-03-02T09:00:00Z");
                data.put("updated_time", "2026-03-02T09:00:00Z");
                data.put("current_version", entry.versions().size());
                data.put("oldest_version", entry.versions().isEmpty() ? 0 : 1);
                data.put("max_versions", 0);
                data.put("delete_version_after", "0s");
                data.putPOJO("custom_metadata", entry.customMetadata());
                ObjectNode versions = data.putObject("versions");
                for (int v = 1; v <= entry.versions().size(); v++) {
                    versions.set(String.valueOf(v), versionMetadata(v));
                }
                ObjectNode out = JSON.createObjectNode();
                out.set("data", data);
                return json(200, out.toString());
            }
            case "DELETE" -> {
                kv.remove(path);
                return noContent();
            }
            default -> {
                return errors(405, "unsupported operation");
            }
        }
    }

    private static ObjectNode versionMetadata(int version) {
        return JSON.createObjectNode()
                .put("created_time", "2026-03-02T09:00:00Z")
                .put("deletion_time", "")
                .put("destroyed", false)
                .put("version", version);
    }

    private static ResponseDefinition keys(List<String> keys) {
        if (keys.isEmpty()) {
            return errors(404, "");
        }
        ObjectNode out = JSON.createObjectNode();
        out.putObject("data").putPOJO("keys", keys);
        return json(200, out.toString());
    }

    private static ResponseDefinition noContent() {
        return aResponse().withStatus(204).build();
    }

    private static ResponseDefinition json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)
                .build();
    }

    private static ResponseDefinition errors(int status, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.putPOJO("errors", message.isEmpty() ? List.of() : List.of(message));
        return json(status, out.toString());
    }
}
