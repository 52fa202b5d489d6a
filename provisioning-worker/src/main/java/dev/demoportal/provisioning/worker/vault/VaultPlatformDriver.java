package dev.demoportal.provisioning.worker.vault;

import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.TemplateContents;
import dev.demoportal.provisioning.worker.vault.VaultConnections.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The region-platform layer with the Vault part of the template's contents: the {@code vault} step
 * (made at provision, revoked at teardown and rollback) runs here, through Spring Vault against the
 * sandbox's region's Vault; every other step is the wrapped driver's (the kubernetes driver). The
 * final check and the leftover scans are both drivers'. The {@code secrets} step, the one that may
 * hand secrets over, also hands over the Vault part of the customer's kit: {@link #KIT_PATH} and
 * {@link #KIT_LOGIN}.
 */
public class VaultPlatformDriver implements LayerDriver {

    /** Secret handed over with the provision: the sandbox's KV path, {@code <mount>/<path>}. */
    public static final String KIT_PATH = "vault-path";

    /** Secret handed over with the provision: how a workload of the sandbox logs in to Vault. */
    public static final String KIT_LOGIN = "vault-login";

    static final String STEP = "vault";

    private final LayerDriver platform;
    private final VaultConnections connections;
    private final SandboxVault sandboxes;

    /**
     * @param platform the driver of every other step of the layer
     * @param connections the Vault of each region
     * @param namePrefix prefix of each sandbox's policy and roles
     * @param serviceAccount the service account in the sandbox namespace the Kubernetes auth role is
     *     bound to (the one the kubernetes driver makes)
     */
    public VaultPlatformDriver(
            LayerDriver platform, VaultConnections connections, String namePrefix, String serviceAccount) {
        if (platform.layer() != Layer.REGION_PLATFORM) {
            throw new IllegalArgumentException("Vault contents belong to the region-platform layer");
        }
        this.platform = platform;
        this.connections = connections;
        this.sandboxes = new SandboxVault(namePrefix, serviceAccount);
    }

    @Override
    public Layer layer() {
        return Layer.REGION_PLATFORM;
    }

    @Override
    public String name() {
        return platform.name();
    }

    @Override
    public StepResult apply(StepContext context) {
        if (context.step().equals(STEP)) {
            return vault(context);
        }
        StepResult result = platform.apply(context);
        if (context.kind() == JobKind.PROVISION && context.step().equals("secrets")) {
            return withKit(result, context.outputs());
        }
        return result;
    }

    /** The kit's Vault secrets, from the {@code vault} step's outputs; nothing when the template has no Vault contents. */
    public static StepResult withKit(StepResult result, Map<String, String> outputs) {
        String path = outputs.get("vaultPath");
        String login = outputs.get("vaultLogin");
        if (path == null || path.isEmpty() || login == null) {
            return result;
        }
        Map<String, String> secrets = new LinkedHashMap<>(result.secrets());
        secrets.put(KIT_PATH, path);
        secrets.put(KIT_LOGIN, login);
        return new StepResult(result.output(), secrets);
    }

    /**
     * How a workload of the sandbox logs in, with its service account token as the JWT. The Vault
     * CLI has no {@code -method=kubernetes} for {@code vault login}, so the hint is the login write.
     */
    public static String loginHint(String address, String kubernetesAuthMount, String role) {
        return "VAULT_ADDR=" + address + " vault write auth/" + kubernetesAuthMount + "/login role=" + role
                + " jwt=@/var/run/secrets/kubernetes.io/serviceaccount/token";
    }

    private StepResult vault(StepContext context) {
        SandboxSpec spec = context.spec();
        TemplateContents.Vault declared = TemplateContents.of(spec.parameters()).vault();
        Connection connection = connections.of(spec);
        if (context.tearingDown()) {
            if (connection == null) {
                context.log().accept("region " + spec.regionCode() + " has no Vault: nothing to revoke");
                return StepResult.of(Map.of("vault", "none"));
            }
            return sandboxes.revoke(connection, context, declared);
        }
        if (context.kind() != JobKind.PROVISION) {
            throw StepFailure.permanent("the vault step has nothing to do in a " + context.kind() + " job", null);
        }
        if (declared == null) {
            context.log().accept("the template declares no Vault contents");
            return StepResult.of(Map.of("vaultPath", ""));
        }
        if (connection == null) {
            throw StepFailure.permanent(
                    "the template declares Vault contents, but region " + spec.regionCode()
                            + " has no Vault (portal.provisioning.vault.regions." + spec.regionCode() + ")",
                    null);
        }
        return sandboxes.ensure(connection, context, declared);
    }

    @Override
    public List<String> verifyGone(SandboxSpec spec) {
        List<String> checked = new ArrayList<>(platform.verifyGone(spec));
        Connection connection = connections.of(spec);
        if (connection != null) {
            TemplateContents.Vault declared =
                    TemplateContents.of(spec.parameters()).vault();
            List<String> left = sandboxes.stillPresent(connection, spec, declared);
            if (!left.isEmpty()) {
                throw StepFailure.transientFailure("still present in Vault: " + String.join(", ", left), null);
            }
            checked.add("vault:policy/" + sandboxes.name(spec));
            checked.add("vault:auth/" + connection.region().kubernetesAuthMount() + "/role/" + sandboxes.name(spec));
            if (declared != null) {
                checked.add("vault:" + connection.region().kvMount() + "/" + SandboxVault.kvPath(declared, spec));
            }
        }
        return checked;
    }

    @Override
    public List<LeftoverScan> leftoverScans(SandboxSpec spec) {
        List<LeftoverScan> scans = new ArrayList<>(platform.leftoverScans(spec));
        Connection connection = connections.of(spec);
        if (connection != null) {
            scans.addAll(sandboxes.scan(
                    connection, spec, TemplateContents.of(spec.parameters()).vault()));
        }
        return scans;
    }
}
