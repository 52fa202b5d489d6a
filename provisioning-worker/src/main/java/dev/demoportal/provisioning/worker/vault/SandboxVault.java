package dev.demoportal.provisioning.worker.vault;

import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.SandboxPlaceholders;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.TemplateContents;
import dev.demoportal.provisioning.TemplateContents.DatabaseRole;
import dev.demoportal.provisioning.worker.vault.VaultConnections.Connection;
import dev.demoportal.provisioning.worker.vault.VaultSettings.VaultRegion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.vault.VaultException;
import org.springframework.vault.client.VaultClientResponseException;
import org.springframework.vault.core.VaultKeyValueMetadataOperations;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.Policy;
import org.springframework.vault.support.VaultMetadataRequest;
import org.springframework.vault.support.VaultMetadataResponse;
import org.springframework.vault.support.VaultResponse;

/**
 * What one sandbox gets in its region's Vault, made and revoked through Spring Vault: a KV v2 path
 * (first version and custom metadata naming the sandbox), a policy granting the template's
 * capabilities on it (and the database role's credentials), an optional database secrets-engine
 * role, and a Kubernetes auth role bound to the sandbox's service account in its namespace. Vault's
 * writes of policies and roles are upserts, so provisioning writes them every time (a re-run or a
 * changed template converges); its deletes answer success for what is already gone.
 */
final class SandboxVault {

    /** Custom metadata key on the sandbox's KV path, which the leftover scan looks for. */
    static final String METADATA_SANDBOX_ID = "demoportal-sandbox-id";

    private static final Pattern STATUS = Pattern.compile("Status (\\d{3})");

    private final String namePrefix;
    private final String serviceAccount;

    /**
     * @param namePrefix prefix of the sandbox's policy and roles
     * @param serviceAccount the service account in the sandbox namespace the auth role is bound to
     */
    SandboxVault(String namePrefix, String serviceAccount) {
        this.namePrefix = namePrefix;
        this.serviceAccount = serviceAccount;
    }

    /** The name of the sandbox's policy, Kubernetes auth role and database role. */
    String name(SandboxSpec spec) {
        return namePrefix + spec.name();
    }

    /** The sandbox's path in the KV mount (placeholders filled in; only spec-derived ones are allowed). */
    static String kvPath(TemplateContents.Vault vault, SandboxSpec spec) {
        return SandboxPlaceholders.fill(vault.kvPath(), spec, Map.of()).replaceAll("^/+|/+$", "");
    }

    StepResult ensure(Connection connection, StepContext context, TemplateContents.Vault declared) {
        SandboxSpec spec = context.spec();
        VaultOperations vault = connection.vault();
        VaultRegion region = connection.region();
        String name = name(spec);
        String path = kvPath(declared, spec);
        String step = context.step();

        VaultVersionedKeyValueOperations kv = vault.opsForVersionedKeyValue(region.kvMount());
        call(step, () -> {
            // the customer may have written since: a re-run adds no version over theirs
            if (kv.get(path) == null) {
                kv.put(path, Map.of("sandbox", spec.name(), "note", "written by the demo portal; yours to change"));
                context.log().accept("KV path " + region.kvMount() + "/" + path + " created");
            } else {
                context.log().accept("KV path " + region.kvMount() + "/" + path + " already exists");
            }
            kv.opsForKeyValueMetadata()
                    .put(
                            path,
                            VaultMetadataRequest.builder()
                                    .customMetadata(Map.of(
                                            METADATA_SANDBOX_ID,
                                            spec.sandboxId().toString(),
                                            "demoportal-sandbox",
                                            spec.name()))
                                    .build());
            return null;
        });

        DatabaseRole database = declared.database();
        if (database != null) {
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("db_name", database.connection());
            role.put("creation_statements", List.of(database.creationStatements()));
            role.put("default_ttl", database.defaultTtl());
            role.put("max_ttl", database.maxTtl());
            call(step, () -> vault.write(databaseRolePath(region, name), role));
            context.log()
                    .accept("database role " + region.databaseMount() + "/roles/" + name + " on connection "
                            + database.connection() + " written");
        }

        call(step, () -> {
            vault.opsForSys().createOrUpdatePolicy(name, policy(region, name, path, declared));
            return null;
        });
        context.log()
                .accept("policy " + name + " written: " + String.join(", ", declared.kvCapabilities()) + " on "
                        + region.kvMount() + "/" + path
                        + (database == null ? "" : ", read on its database credentials"));

        Map<String, Object> authRole = new LinkedHashMap<>();
        authRole.put("bound_service_account_names", List.of(serviceAccount));
        authRole.put("bound_service_account_namespaces", List.of(spec.name()));
        authRole.put("token_policies", List.of(name));
        authRole.put("token_ttl", declared.tokenTtl());
        authRole.put("token_max_ttl", declared.tokenTtl());
        call(step, () -> vault.write(kubernetesRolePath(region, name), authRole));
        context.log()
                .accept("Kubernetes auth role " + name + " written for service account " + spec.name() + "/"
                        + serviceAccount);

        Map<String, String> output = new LinkedHashMap<>();
        output.put("vaultPath", region.kvMount() + "/" + path);
        output.put("vaultPolicy", name);
        output.put("vaultRole", name);
        output.put("vaultAddress", region.address());
        output.put("vaultLogin", VaultPlatformDriver.loginHint(region.address(), region.kubernetesAuthMount(), name));
        if (database != null) {
            output.put("vaultDatabaseCredentials", region.databaseMount() + "/creds/" + name);
        }
        return StepResult.of(output);
    }

    /**
     * Revokes in the order that closes doors first: no new logins (the auth role), no credentials
     * left (database leases revoked by prefix, then the role), then the data and the policy.
     */
    StepResult revoke(Connection connection, StepContext context, TemplateContents.@Nullable Vault declared) {
        SandboxSpec spec = context.spec();
        VaultOperations vault = connection.vault();
        VaultRegion region = connection.region();
        String name = name(spec);
        String step = context.step();

        call(step, () -> deleteIfPresent(vault, kubernetesRolePath(region, name)));
        context.log().accept("Kubernetes auth role " + name + " deleted");
        if (declared != null && declared.database() != null) {
            call(
                    step,
                    () -> vault.write("sys/leases/revoke-prefix/" + region.databaseMount() + "/creds/" + name, null));
            context.log().accept("leases of " + region.databaseMount() + "/creds/" + name + " revoked");
            call(step, () -> deleteIfPresent(vault, databaseRolePath(region, name)));
            context.log().accept("database role " + name + " deleted");
        }
        if (declared != null) {
            String path = kvPath(declared, spec);
            VaultKeyValueMetadataOperations metadata =
                    vault.opsForVersionedKeyValue(region.kvMount()).opsForKeyValueMetadata();
            call(step, () -> {
                // deleting the metadata deletes every version of the path
                metadata.delete(path);
                return null;
            });
            context.log().accept("KV path " + region.kvMount() + "/" + path + " deleted with all its versions");
        }
        call(step, () -> {
            vault.opsForSys().deletePolicy(name);
            return null;
        });
        context.log().accept("policy " + name + " deleted");
        return StepResult.of(Map.of("vault", "revoked"));
    }

    /** What is still there under the sandbox's own names; empty when all is gone. */
    List<String> stillPresent(Connection connection, SandboxSpec spec, TemplateContents.@Nullable Vault declared) {
        VaultOperations vault = connection.vault();
        VaultRegion region = connection.region();
        String name = name(spec);
        List<String> left = new ArrayList<>();
        call("verify-gone", () -> {
            if (vault.read("sys/policies/acl/" + name) != null) {
                left.add("vault:policy/" + name);
            }
            if (vault.read(kubernetesRolePath(region, name)) != null) {
                left.add("vault:" + kubernetesRolePath(region, name));
            }
            if (declared != null && declared.database() != null && vault.read(databaseRolePath(region, name)) != null) {
                left.add("vault:" + databaseRolePath(region, name));
            }
            if (declared != null) {
                String path = kvPath(declared, spec);
                if (metadataOf(vault, region, path) != null) {
                    left.add("vault:" + region.kvMount() + "/" + path);
                }
            }
            return null;
        });
        return left;
    }

    /**
     * Beyond the sandbox's own names: policies, Kubernetes auth roles and database roles whose name
     * contains the sandbox id or ends with its name, and KV entries beside the sandbox's path that
     * are named so or carry its id in their custom metadata.
     */
    List<LeftoverScan> scan(Connection connection, SandboxSpec spec, TemplateContents.@Nullable Vault declared) {
        VaultOperations vault = connection.vault();
        VaultRegion region = connection.region();
        String id = spec.sandboxId().toString();
        List<LeftoverScan> scans = new ArrayList<>();
        call("verify-gone", () -> {
            scans.add(new LeftoverScan(
                    "Vault policies named after sandbox " + spec.name() + " or " + id,
                    named(vault.list("sys/policies/acl"), spec).stream()
                            .map(p -> "vault:policy/" + p)
                            .toList()));
            String roles = "auth/" + region.kubernetesAuthMount() + "/role";
            scans.add(new LeftoverScan(
                    "Vault Kubernetes auth roles (" + roles + ") named after sandbox " + spec.name() + " or " + id,
                    named(vault.list(roles), spec).stream()
                            .map(r -> "vault:" + roles + "/" + r)
                            .toList()));
            if (declared != null && declared.database() != null) {
                String dbRoles = region.databaseMount() + "/roles";
                scans.add(new LeftoverScan(
                        "Vault database roles (" + dbRoles + ") named after sandbox " + spec.name() + " or " + id,
                        named(vault.list(dbRoles), spec).stream()
                                .map(r -> "vault:" + dbRoles + "/" + r)
                                .toList()));
            }
            if (declared != null) {
                scans.add(kvScan(vault, region, spec, kvPath(declared, spec)));
            }
            return null;
        });
        return scans;
    }

    private LeftoverScan kvScan(VaultOperations vault, VaultRegion region, SandboxSpec spec, String path) {
        String id = spec.sandboxId().toString();
        int slash = path.lastIndexOf('/');
        String parent = slash < 0 ? "" : path.substring(0, slash);
        String listed = region.kvMount() + "/metadata/" + parent;
        List<String> found = new ArrayList<>();
        for (String key : nullSafe(vault.list(listed))) {
            String entry = parent.isEmpty() ? key : parent + "/" + key;
            if (key.endsWith("/")) {
                // a folder: named after the sandbox, it is the sandbox's
                if (matches(key.substring(0, key.length() - 1), spec)) {
                    found.add("vault:" + region.kvMount() + "/" + entry);
                }
                continue;
            }
            boolean tagged = id.equals(customMetadataOf(vault, region, entry).get(METADATA_SANDBOX_ID));
            if (tagged || matches(key, spec)) {
                found.add("vault:" + region.kvMount() + "/" + entry);
            }
        }
        return new LeftoverScan(
                "Vault KV entries in " + region.kvMount() + "/" + parent + " named after sandbox " + spec.name()
                        + " or with " + METADATA_SANDBOX_ID + "=" + id,
                found);
    }

    /**
     * Read as the plain response: Spring Vault 4.1's {@code VaultMetadataResponse} leaves the
     * path's custom metadata out.
     */
    private static Map<?, ?> customMetadataOf(VaultOperations vault, VaultRegion region, String path) {
        VaultResponse response = vault.read(region.kvMount() + "/metadata/" + path);
        Object custom = response == null || response.getData() == null
                ? null
                : response.getData().get("custom_metadata");
        return custom instanceof Map<?, ?> map ? map : Map.of();
    }

    private static @Nullable VaultMetadataResponse metadataOf(VaultOperations vault, VaultRegion region, String path) {
        return vault.opsForVersionedKeyValue(region.kvMount())
                .opsForKeyValueMetadata()
                .get(path);
    }

    private static List<String> named(@Nullable List<String> names, SandboxSpec spec) {
        return nullSafe(names).stream().filter(n -> matches(n, spec)).toList();
    }

    /** Names the sandbox: contains its id, or ends with its name (the portal's prefix + name, or a hand-made variant). */
    static boolean matches(String name, SandboxSpec spec) {
        return name.contains(spec.sandboxId().toString()) || name.endsWith(spec.name());
    }

    private static List<String> nullSafe(@Nullable List<String> list) {
        return list == null ? List.of() : list;
    }

    private static Policy policy(VaultRegion region, String name, String path, TemplateContents.Vault declared) {
        List<String> data = declared.kvCapabilities().stream()
                .filter(c -> !c.equals("list"))
                .toList();
        List<String> metadata = new ArrayList<>();
        if (declared.kvCapabilities().contains("read")) {
            metadata.add("read");
        }
        if (declared.kvCapabilities().contains("list")) {
            metadata.add("list");
        }
        List<Policy.Rule> rules = new ArrayList<>();
        String kv = region.kvMount();
        for (String p : List.of(path, path + "/*")) {
            if (!data.isEmpty()) {
                rules.add(rule(kv + "/data/" + p, data));
            }
            if (!metadata.isEmpty()) {
                rules.add(rule(kv + "/metadata/" + p, metadata));
            }
        }
        if (declared.database() != null) {
            rules.add(rule(region.databaseMount() + "/creds/" + name, List.of("read")));
        }
        return Policy.of(rules.toArray(Policy.Rule[]::new));
    }

    private static Policy.Rule rule(String path, List<String> capabilities) {
        return Policy.Rule.builder()
                .path(path)
                .capabilities(capabilities.toArray(String[]::new))
                .build();
    }

    private static String kubernetesRolePath(VaultRegion region, String name) {
        return "auth/" + region.kubernetesAuthMount() + "/role/" + name;
    }

    private static String databaseRolePath(VaultRegion region, String name) {
        return region.databaseMount() + "/roles/" + name;
    }

    private static @Nullable Object deleteIfPresent(VaultOperations vault, String path) {
        vault.delete(path);
        return null;
    }

    private interface VaultCall<T> {
        T run();
    }

    private static <T> T call(String step, VaultCall<T> work) {
        try {
            return work.run();
        } catch (VaultException e) {
            throw classify(step, e);
        }
    }

    /** 5xx, 429 and no answer are worth retrying; a refusal (403, 400) is not. */
    static StepFailure classify(String step, VaultException e) {
        Integer status = null;
        if (e instanceof VaultClientResponseException response) {
            status = response.getStatusCode().value();
        } else if (e.getMessage() != null) {
            Matcher m = STATUS.matcher(e.getMessage());
            if (m.find()) {
                status = Integer.parseInt(m.group(1));
            }
        }
        String message = step + ": Vault " + (status == null ? "unreachable" : "answered " + status);
        boolean transientFailure = status == null || status == 429 || status >= 500;
        return transientFailure ? StepFailure.transientFailure(message, e) : StepFailure.permanent(message, e);
    }
}
