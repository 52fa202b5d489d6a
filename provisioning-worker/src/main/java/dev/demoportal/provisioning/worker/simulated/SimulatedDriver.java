package dev.demoportal.provisioning.worker.simulated;

import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.SandboxPlaceholders;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.TemplateContents;
import dev.demoportal.provisioning.worker.vault.VaultPlatformDriver;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A layer that builds nothing: it runs the same step plan, takes the configured time, fails when
 * told to, and records in a {@link SimulatedCloud} what it would have made, under the same
 * deterministic names the real drivers use, the template's contents included (the Helm releases
 * and the route it would install). The UI labels jobs it ran as simulated.
 */
public class SimulatedDriver implements LayerDriver {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Template parameter: comma-separated step names that fail permanently for sandboxes of that template. */
    public static final String PARAM_FAIL_PERMANENTLY = "simulated.fail-permanently";

    /** Template parameter prefix: {@code simulated.fail-attempts.<step>=N} fails the first N attempts of that step. */
    public static final String PARAM_FAIL_ATTEMPTS = "simulated.fail-attempts.";

    /** The hand-off kit's secret and service account, named as the kubernetes driver names them. */
    static final String KUBECONFIG = "kubeconfig";

    static final String KIT_ACCOUNT = "sandbox-kit";

    private final Layer layer;
    private final SimulatedCloud cloud;
    private final SimulatedSettings settings;

    public SimulatedDriver(Layer layer, SimulatedCloud cloud, SimulatedSettings settings) {
        this.layer = layer;
        this.cloud = cloud;
        this.settings = settings;
    }

    @Override
    public Layer layer() {
        return layer;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public StepResult apply(StepContext context) {
        pretendToWork();
        SandboxSpec spec = context.spec();
        String step = context.step();
        // every attempt counts, so "fail the first N attempts" holds across retries and resumptions
        int attempt = cloud.attempt(spec.name() + "/" + context.kind() + "/" + step);
        if (context.rollingBack()) {
            // the injected failures are the provision's; undoing the step that failed must work
            return tearDown(context, resourceId(spec, step));
        }
        if (settings.failPermanently().contains(step)
                || csv(spec.parameters().get(PARAM_FAIL_PERMANENTLY)).contains(step)) {
            throw StepFailure.permanent("simulated permanent failure of " + step, null);
        }
        int failAttempts = Math.max(
                settings.failOnce().contains(step) ? 1 : 0,
                Integer.parseInt(spec.parameters().getOrDefault(PARAM_FAIL_ATTEMPTS + step, "0")));
        if (attempt <= failAttempts) {
            throw StepFailure.transientFailure(
                    "simulated transient failure of " + step + " (attempt " + attempt + ")", null);
        }
        if (settings.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.failureRate()) {
            throw StepFailure.transientFailure("simulated transient failure of " + step, null);
        }
        String id = resourceId(spec, step);
        if (context.tearingDown()) {
            return tearDown(context, id);
        }
        return switch (step) {
            case "dns-record" -> {
                String host = spec.name() + "." + settings.baseDomain();
                cloud.ensure(id, Map.of("host", host));
                context.log().accept("DNS record " + host + " (simulated)");
                yield StepResult.of(Map.of("hostName", host, "accessUrl", "https://" + host + "/"));
            }
            case "cluster-access" -> {
                context.log().accept("cluster of region " + spec.regionCode() + " is ACTIVE (simulated)");
                yield StepResult.of(Map.of(
                        "clusterName",
                        "sim-" + spec.regionCode(),
                        "clusterEndpoint",
                        "https://sim-" + spec.regionCode() + ".cluster.invalid"));
            }
            case "secrets" -> {
                // check before create: a re-run finds the password made the first time
                Map<String, String> secret = cloud.ensure(id, Map.of("adminPassword", password()));
                context.log().accept("admin password stored as " + id + " (simulated)");
                Map<String, String> handedOver = new LinkedHashMap<>();
                handedOver.put("adminPassword", secret.get("adminPassword"));
                handedOver.put(KUBECONFIG, kubeconfig(spec));
                context.log().accept("hand-off kit: kubeconfig for namespace " + spec.name() + " (simulated)");
                yield VaultPlatformDriver.withKit(
                        new StepResult(Map.of("secretRef", "simulated:" + id), handedOver), context.outputs());
            }
            case "vault" -> vault(context, id);
            case "helm-releases" -> {
                // what a real driver would install, recorded under the release's name
                List<String> names = new java.util.ArrayList<>();
                for (TemplateContents.HelmRelease release :
                        TemplateContents.of(spec.parameters()).releases()) {
                    Map<String, String> values = new LinkedHashMap<>();
                    release.values()
                            .forEach((k, v) -> values.put(k, SandboxPlaceholders.fill(v, spec, context.outputs())));
                    cloud.ensure(
                            id + "/" + release.name(),
                            Map.of("chart", release.describe(), "values", values.toString()));
                    context.log()
                            .accept("Helm release " + release.name() + ": " + release.describe() + " " + values
                                    + " (simulated)");
                    names.add(release.name());
                }
                if (names.isEmpty()) {
                    context.log().accept("the template declares no Helm release (simulated)");
                }
                yield StepResult.of(Map.of("helmReleases", String.join(",", names)));
            }
            case "ingress-route" -> {
                TemplateContents.Route route =
                        TemplateContents.of(spec.parameters()).route();
                if (route == null) {
                    context.log().accept("the template declares no route (simulated)");
                    yield StepResult.of(Map.of("route", ""));
                }
                String target = route.kind().code() + " to "
                        + SandboxPlaceholders.fill(route.service(), spec, context.outputs()) + ":" + route.port();
                cloud.ensure(id, Map.of("route", target));
                context.log().accept(target + " (simulated)");
                yield StepResult.of(Map.of("route", target));
            }
            case "readiness-probe" -> {
                String path = TemplateContents.of(spec.parameters()).probePath();
                String probed = path == null
                        ? ""
                        : context.outputs().getOrDefault("accessUrl", "").replaceAll("/+$", "") + path;
                context.log()
                        .accept((path == null ? "the template declares no readiness probe" : probed + " answered 200")
                                + " (simulated)");
                yield StepResult.of(Map.of("probe", probed));
            }
            case "role-binding" -> {
                cloud.ensure(id, Map.of());
                cloud.ensure(prefix(spec, layer) + KIT_ACCOUNT, Map.of("namespace", spec.name()));
                context.log()
                        .accept("role binding " + id + " and the hand-off kit's service account " + KIT_ACCOUNT
                                + " (simulated)");
                yield StepResult.of(Map.of(step, id, "kitServiceAccount", spec.name() + "/" + KIT_ACCOUNT));
            }
            case "expiry-label" -> {
                cloud.ensure(id, Map.of());
                context.log().accept("expiry set to " + spec.expiresAt() + " (simulated)");
                // as on a cluster: a token cannot be extended, the kit gets a new kubeconfig
                boolean kit = layer == Layer.REGION_PLATFORM
                        && cloud.existing(prefix(spec, layer)).contains(prefix(spec, layer) + KIT_ACCOUNT);
                yield new StepResult(
                        Map.of("expiresAt", String.valueOf(spec.expiresAt())),
                        kit ? Map.of(KUBECONFIG, kubeconfig(spec)) : Map.of());
            }
            default -> {
                cloud.ensure(id, Map.of());
                context.log().accept(step + " " + id + " (simulated)");
                yield StepResult.of(Map.of(step, id));
            }
        };
    }

    /** What the Vault driver would make, recorded under the step's id (removed with it at teardown). */
    private StepResult vault(StepContext context, String id) {
        SandboxSpec spec = context.spec();
        TemplateContents.Vault vault = TemplateContents.of(spec.parameters()).vault();
        if (vault == null) {
            context.log().accept("the template declares no Vault contents (simulated)");
            return StepResult.of(Map.of("vaultPath", ""));
        }
        String name = "demoportal-sandbox-" + spec.name();
        String path = "secret/" + SandboxPlaceholders.fill(vault.kvPath(), spec, Map.of());
        String address = "https://vault." + spec.regionCode() + ".simulated.invalid";
        Map<String, String> made = new LinkedHashMap<>();
        made.put("kvPath", path);
        made.put("policy", name + ": " + String.join(", ", vault.kvCapabilities()) + " on " + path);
        made.put("kubernetesAuthRole", name + " for service account " + spec.name() + "/sandbox-workload");
        if (vault.database() != null) {
            made.put("databaseRole", name + " on connection " + vault.database().connection());
        }
        cloud.ensure(id, made);
        made.forEach((what, value) -> context.log().accept("Vault " + what + " " + value + " (simulated)"));
        Map<String, String> output = new LinkedHashMap<>();
        output.put("vaultPath", path);
        output.put("vaultPolicy", name);
        output.put("vaultRole", name);
        output.put("vaultAddress", address);
        output.put("vaultLogin", VaultPlatformDriver.loginHint(address, "kubernetes", name));
        return StepResult.of(output);
    }

    private StepResult tearDown(StepContext context, String id) {
        if (context.step().equals("helm-releases")) {
            for (String release : cloud.existing(id + "/")) {
                boolean existed = cloud.remove(release);
                context.log().accept((existed ? "deleted " : "already gone: ") + release + " (simulated)");
            }
            return StepResult.of(Map.of("deleted", "helm-releases"));
        }
        if (context.step().equals("cluster-access")) {
            context.log().accept("cluster of region " + context.spec().regionCode() + " is ACTIVE (simulated)");
            return StepResult.of(Map.of("clusterName", "sim-" + context.spec().regionCode()));
        }
        // a namespace deletion takes what lives in it; everything else goes one by one
        List<String> gone = context.step().equals("namespace")
                ? cloud.existing(prefix(context.spec(), Layer.REGION_PLATFORM))
                : List.of(id);
        Map<String, String> output = new LinkedHashMap<>();
        for (String resource : gone) {
            boolean existed = cloud.remove(resource);
            context.log().accept((existed ? "deleted " : "already gone: ") + resource + " (simulated)");
        }
        output.put("deleted", context.step());
        return StepResult.of(output);
    }

    @Override
    public List<String> verifyGone(SandboxSpec spec) {
        String prefix = prefix(spec, layer);
        List<String> left = cloud.existing(prefix);
        if (!left.isEmpty()) {
            throw StepFailure.transientFailure("still present: " + String.join(", ", left), null);
        }
        return List.of(prefix + "*");
    }

    /**
     * Anything of this layer in the simulated cloud that names the sandbox's id, wherever it is: what
     * the real drivers find by tag or label (tests plant such leftovers to see the check catch them).
     */
    @Override
    public List<LeftoverScan> leftoverScans(SandboxSpec spec) {
        String id = spec.sandboxId().toString();
        List<String> found = cloud.existing("sim/" + layer.code() + "/").stream()
                .filter(resource -> resource.contains(id))
                .toList();
        return List.of(new LeftoverScan("simulated " + layer.code() + " resources naming " + id, found));
    }

    private static List<String> csv(@Nullable String value) {
        return value == null ? List.of() : List.of(value.split("\\s*,\\s*"));
    }

    private String resourceId(SandboxSpec spec, String step) {
        return prefix(spec, layer) + step;
    }

    private static String prefix(SandboxSpec spec, Layer layer) {
        return "sim/" + layer.code() + "/" + spec.name() + "/";
    }

    private void pretendToWork() {
        if (settings.latency().isZero()) {
            return;
        }
        try {
            Thread.sleep(settings.latency());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailure.transientFailure("interrupted", e);
        }
    }

    /**
     * A kubeconfig shaped like the real driver's, for the sandbox namespace, pointing at a server
     * named and labelled as simulated: nothing answers there, and the token opens nothing.
     */
    static String kubeconfig(SandboxSpec spec) {
        String ns = spec.name();
        String cluster = "simulated-" + spec.regionCode();
        String user = KIT_ACCOUNT + "@" + ns;
        return """
                # SIMULATED: local mode builds no cluster; this server does not exist and the token opens nothing
                apiVersion: v1
                kind: Config
                clusters:
                - name: %s
                  cluster:
                    server: https://sim-%s.cluster.invalid
                users:
                - name: %s
                  user:
                    token: simulated-%s
                contexts:
                - name: %s
                  context:
                    cluster: %s
                    user: %s
                    namespace: %s
                current-context: %s
                """.formatted(cluster, spec.regionCode(), user, password(), ns, cluster, user, ns, ns);
    }

    private static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
