package dev.demoportal.provisioning.worker.kubernetes;

import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.LABEL_SANDBOX;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.classify;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.customerRoleBinding;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.ensure;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.labels;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.namespace;

import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.TemplateContents;
import dev.demoportal.provisioning.worker.aws.SecretStore;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The region-platform layer on Kubernetes: one namespace per sandbox (named after it, labelled with
 * its id), a resource quota and limit range from the template's parameters, default-deny ingress
 * plus ingress from the region's gateway, the customer's group bound to {@code edit}, a service
 * account for the workload IAM role, and a reference to the sandbox's secrets (which live in the
 * {@link SecretStore}, never in the cluster), and the template's contents: its Helm releases
 * ({@link HelmReleases}), the route to them ({@link SandboxRoute}) and a readiness probe of the
 * access URL ({@link ReadinessProbe}), and the customer's hand-off kit ({@link SandboxKit}: a
 * namespace-scoped service account whose kubeconfig is handed over with the secrets and renewed on
 * extension). Each object is read before it is written.
 */
public class KubernetesPlatformDriver implements LayerDriver {

    static final String ANNOTATION_EXPIRES = "demoportal.dev/expires-at";
    static final String QUOTA = "sandbox-quota";
    static final String LIMITS = "sandbox-limits";
    static final String DENY = "default-deny-ingress";
    static final String ALLOW_GATEWAY = "allow-from-gateway";
    static final String BINDING = "sandbox-customers";
    static final String SECRET_REFS = "sandbox-secret-refs";
    static final String ADMIN_PASSWORD = "admin-password";
    static final String ROUTE = "sandbox-route";
    /** The hand-off kit's service account and its RoleBinding ({@link SandboxKit}). */
    static final String KIT = "sandbox-kit";
    /** The secret that hands the kit's kubeconfig over (the portal's {@code SandboxService.KUBECONFIG}). */
    static final String KUBECONFIG = "kubeconfig";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClusterConnections connections;
    private final SecretStore secrets;
    private final Function<SandboxSpec, String> gatewayNamespace;
    private final String serviceAccount;
    private final HelmReleases releases;
    private final SandboxRoute route;
    private final ReadinessProbe probe;
    private final SandboxKit kit;

    /**
     * @param charts renders the template's Helm releases
     * @param gatewayName the region's Gateway (in the gateway namespace) an HTTPRoute attaches to
     * @param probeTimeout how long the readiness probe waits for the access URL per attempt
     * @param clock bounds the hand-off kit's token by the sandbox's expiry
     */
    public KubernetesPlatformDriver(
            ClusterConnections connections,
            SecretStore secrets,
            Function<SandboxSpec, String> gatewayNamespace,
            String serviceAccount,
            ChartRenderer charts,
            String gatewayName,
            Duration probeTimeout,
            Clock clock) {
        this.connections = connections;
        this.secrets = secrets;
        this.gatewayNamespace = gatewayNamespace;
        this.serviceAccount = serviceAccount;
        this.releases = new HelmReleases(charts);
        this.route = new SandboxRoute(gatewayName);
        this.probe = new ReadinessProbe(probeTimeout);
        this.kit = new SandboxKit(clock);
    }

    @Override
    public Layer layer() {
        return Layer.REGION_PLATFORM;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public StepResult apply(StepContext context) {
        KubernetesClient k8s = connections.clientFor(context.spec());
        try {
            if (context.tearingDown()) {
                return switch (context.step()) {
                    case "ingress-route" -> route.delete(k8s, context);
                    case "helm-releases" -> releases.uninstall(k8s, context);
                    case "secrets" -> deleteSecrets(k8s, context);
                    case "namespace" -> deleteNamespace(k8s, context);
                    case "vault" -> noVault(context);
                    // a rollback undoes every step that ran; what lives in the namespace goes with it
                    default -> {
                        if (!context.rollingBack()) {
                            throw unknown(context);
                        }
                        yield goesWithNamespace(context);
                    }
                };
            }
            return switch (context.step()) {
                case "namespace" -> ensureNamespace(k8s, context);
                case "resource-quota" -> NamespacePolicies.ensureQuota(k8s, context);
                case "limit-range" -> NamespacePolicies.ensureLimits(k8s, context);
                case "network-policy" ->
                    NamespacePolicies.ensureNetworkPolicies(k8s, context, gatewayNamespace.apply(context.spec()));
                case "role-binding" -> ensureRoleBinding(k8s, context);
                case "vault" -> noVault(context);
                case "helm-releases" -> releases.install(k8s, context);
                case "ingress-route" -> route.ensure(k8s, context, gatewayNamespace.apply(context.spec()));
                case "readiness-probe" -> probe.probe(context);
                case "secrets" -> ensureSecrets(k8s, context);
                case "expiry-label" -> labelExpiry(k8s, context);
                default -> throw unknown(context);
            };
        } catch (KubernetesClientException e) {
            throw classify(context.step(), e);
        }
    }

    /**
     * The vault step is VaultPlatformDriver's, which wraps this driver when the worker has Vault
     * settings; without them a template that declares Vault contents cannot be delivered.
     */
    private static StepResult noVault(StepContext context) {
        if (!context.tearingDown()
                && TemplateContents.of(context.spec().parameters()).vault() != null) {
            throw StepFailure.permanent(
                    "the template declares Vault contents, but the worker has no Vault (portal.provisioning.vault)",
                    null);
        }
        context.log().accept("no Vault contents");
        return StepResult.of(Map.of("vault", "none"));
    }

    private static StepResult goesWithNamespace(StepContext context) {
        context.log().accept(context.step() + " is removed with namespace " + namespace(context.spec()));
        return StepResult.of(Map.of(context.step(), "with-namespace"));
    }

    private static StepFailure unknown(StepContext context) {
        return StepFailure.permanent(
                "the kubernetes driver has no " + context.kind() + " step " + context.step(), null);
    }

    private StepResult ensureNamespace(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        String ns = namespace(spec);
        Namespace existing = k8s.namespaces().withName(ns).get();
        if (existing != null) {
            String owner = existing.getMetadata().getLabels() == null
                    ? null
                    : existing.getMetadata().getLabels().get(LABEL_SANDBOX);
            if (!spec.sandboxId().toString().equals(owner)) {
                // never adopt a namespace someone else made: that would hand it to a customer
                throw StepFailure.permanent("namespace " + ns + " exists and does not belong to this sandbox", null);
            }
            context.log().accept("namespace " + ns + " already exists");
        } else {
            Map<String, String> annotations = new LinkedHashMap<>();
            if (spec.expiresAt() != null) {
                annotations.put(ANNOTATION_EXPIRES, spec.expiresAt().toString());
            }
            k8s.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .withLabels(labels(spec))
                            .withAnnotations(annotations)
                            .endMetadata()
                            .build())
                    .create();
            context.log().accept("namespace " + ns + " created");
        }
        String roleArn = context.outputs().get("workloadRoleArn");
        boolean created = ensure(
                k8s.serviceAccounts().inNamespace(ns).withName(serviceAccount),
                () -> new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName(serviceAccount)
                        .withNamespace(ns)
                        .withLabels(labels(spec))
                        .withAnnotations(roleArn == null ? Map.of() : Map.of("eks.amazonaws.com/role-arn", roleArn))
                        .endMetadata()
                        .build());
        context.log().accept("service account " + serviceAccount + (created ? " created" : " already exists"));
        return StepResult.of(Map.of("namespace", ns));
    }

    private StepResult ensureRoleBinding(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        String ns = namespace(spec);
        boolean created = ensure(
                k8s.rbac().roleBindings().inNamespace(ns).withName(BINDING),
                () -> customerRoleBinding(
                        spec,
                        BINDING,
                        new SubjectBuilder()
                                .withKind("Group")
                                .withApiGroup("rbac.authorization.k8s.io")
                                .withName(spec.customerGroup())
                                .build()));
        context.log()
                .accept("role binding " + BINDING + " for group " + spec.customerGroup()
                        + (created ? " created" : " already exists"));
        kit.ensureAccount(k8s, context);
        return StepResult.of(
                Map.of("roleBinding", ns + "/" + BINDING, "kitServiceAccount", ns + "/" + SandboxKit.ACCOUNT));
    }

    private StepResult ensureSecrets(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        String ns = namespace(spec);
        SecretStore.StoredSecret admin = secrets.ensure(spec, ADMIN_PASSWORD, password());
        boolean created = ensure(
                k8s.configMaps().inNamespace(ns).withName(SECRET_REFS),
                () -> new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(SECRET_REFS)
                        .withNamespace(ns)
                        .withLabels(labels(spec))
                        .endMetadata()
                        .addToData(ADMIN_PASSWORD, admin.reference())
                        .build());
        context.log()
                .accept("admin password stored outside the cluster as " + admin.reference() + "; reference "
                        + SECRET_REFS + (created ? " created" : " already exists"));
        Map<String, String> handedOver = new LinkedHashMap<>();
        handedOver.put("adminPassword", admin.value());
        kit.issue(k8s, context).ifPresent(config -> handedOver.put(KUBECONFIG, config.yaml()));
        return new StepResult(Map.of("adminPasswordRef", admin.reference()), handedOver);
    }

    private StepResult labelExpiry(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        String ns = namespace(spec);
        String expires = spec.expiresAt() == null ? "" : spec.expiresAt().toString();
        Namespace existing = k8s.namespaces().withName(ns).get();
        if (existing == null) {
            throw StepFailure.permanent("namespace " + ns + " does not exist", null);
        }
        Map<String, String> annotations = existing.getMetadata().getAnnotations();
        if (annotations != null && Objects.equals(annotations.get(ANNOTATION_EXPIRES), expires)) {
            context.log().accept("namespace " + ns + " already expires at " + expires);
        } else {
            k8s.namespaces()
                    .withName(ns)
                    .edit(n -> new NamespaceBuilder(n)
                            .editMetadata()
                            .addToAnnotations(ANNOTATION_EXPIRES, expires)
                            .endMetadata()
                            .build());
            context.log().accept("namespace " + ns + " now expires at " + expires);
        }
        // a token cannot be extended: the kit gets a new one that lasts until the new expiry
        return new StepResult(
                Map.of("expiresAt", expires),
                kit.issue(k8s, context)
                        .map(config -> Map.of(KUBECONFIG, config.yaml()))
                        .orElse(Map.of()));
    }

    private StepResult deleteSecrets(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        boolean deleted = secrets.delete(spec, ADMIN_PASSWORD);
        // deleting the kit's account invalidates every token issued for it, before the namespace goes
        SandboxKit.delete(k8s, namespace(spec));
        context.log().accept("hand-off kit: service account " + SandboxKit.ACCOUNT + " deleted, its tokens revoked");
        k8s.configMaps().inNamespace(namespace(spec)).withName(SECRET_REFS).delete();
        context.log().accept("admin password " + (deleted ? "deleted" : "already gone"));
        return StepResult.of(Map.of("secrets", deleted ? "deleted" : "absent"));
    }

    private StepResult deleteNamespace(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        String ns = namespace(spec);
        Namespace existing = k8s.namespaces().withName(ns).get();
        if (existing == null) {
            context.log().accept("namespace " + ns + " already gone");
            return StepResult.of(Map.of("namespace", "absent"));
        }
        if (!spec.sandboxId()
                .toString()
                .equals(
                        existing.getMetadata().getLabels() == null
                                ? null
                                : existing.getMetadata().getLabels().get(LABEL_SANDBOX))) {
            throw StepFailure.permanent("namespace " + ns + " does not belong to this sandbox; not deleting it", null);
        }
        // a cluster deletes what a namespace holds with it; deleting our objects first makes the
        // teardown explicit and leaves nothing behind on API servers that do not cascade (fakes)
        k8s.rbac().roleBindings().inNamespace(ns).withName(BINDING).delete();
        SandboxKit.delete(k8s, ns);
        k8s.network()
                .v1()
                .networkPolicies()
                .inNamespace(ns)
                .withName(ALLOW_GATEWAY)
                .delete();
        k8s.network().v1().networkPolicies().inNamespace(ns).withName(DENY).delete();
        k8s.limitRanges().inNamespace(ns).withName(LIMITS).delete();
        k8s.resourceQuotas().inNamespace(ns).withName(QUOTA).delete();
        k8s.serviceAccounts().inNamespace(ns).withName(serviceAccount).delete();
        k8s.configMaps().inNamespace(ns).withName(SECRET_REFS).delete();
        k8s.namespaces().withName(ns).delete();
        context.log().accept("namespace " + ns + " deleted");
        return StepResult.of(Map.of("namespace", "deleted"));
    }

    @Override
    public List<String> verifyGone(SandboxSpec spec) {
        String ns = namespace(spec);
        KubernetesClient k8s = connections.clientFor(spec);
        try {
            Namespace left = k8s.namespaces().withName(ns).get();
            if (left != null) {
                String phase =
                        left.getStatus() == null ? null : left.getStatus().getPhase();
                throw StepFailure.transientFailure(
                        "namespace " + ns + " is still present" + (phase == null ? "" : " (" + phase + ")"), null);
            }
        } catch (KubernetesClientException e) {
            throw classify("verify-gone", e);
        }
        if (secrets.find(spec, ADMIN_PASSWORD).isPresent()) {
            throw StepFailure.transientFailure("the admin password secret is still present", null);
        }
        return List.of("namespace/" + ns, "secret:" + ADMIN_PASSWORD);
    }

    @Override
    public List<LeftoverScan> leftoverScans(SandboxSpec spec) {
        try {
            return KubernetesLeftovers.scan(connections.clientFor(spec), spec);
        } catch (KubernetesClientException e) {
            throw classify("verify-gone", e);
        }
    }

    private static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
