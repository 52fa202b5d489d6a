package dev.demoportal.provisioning.worker.kubernetes;

import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.customerRoleBinding;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.ensure;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.labels;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.namespace;
import static dev.demoportal.provisioning.worker.kubernetes.KubernetesObjects.param;

import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cluster part of the customer's hand-off kit: a service account of the sandbox's own, bound in
 * the sandbox namespace only (a RoleBinding) to the role the customer's group gets there
 * ({@code customer-cluster-role}, {@code edit}), and a kubeconfig whose token is a TokenRequest for
 * that account expiring no later than the sandbox. Not a Role of its own: the provisioner may bind
 * only {@code edit} and could not create a Role granting rights it does not hold without
 * {@code escalate} (ADR 0035). The token is bound to the account: deleting the account at teardown
 * makes every token issued for it invalid.
 */
final class SandboxKit {

    /** The service account and the RoleBinding of the kit share this name. */
    static final String ACCOUNT = KubernetesPlatformDriver.KIT;

    /**
     * The shortest token the Kubernetes API server issues; a sandbox expiring sooner gets no
     * kubeconfig rather than one that outlives it.
     */
    static final Duration SHORTEST_TOKEN = Duration.ofMinutes(10);

    private final Clock clock;

    SandboxKit(Clock clock) {
        this.clock = clock;
    }

    /** What a kubeconfig grants and until when. */
    record Kubeconfig(String yaml, Instant expiresAt) {
        @Override
        public String toString() {
            return "Kubeconfig[expiresAt=" + expiresAt + ", yaml=<hidden>]";
        }
    }

    /** The account and its RoleBinding in the sandbox namespace; each read before it is written. */
    void ensureAccount(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        String ns = namespace(spec);
        boolean account = ensure(
                k8s.serviceAccounts().inNamespace(ns).withName(ACCOUNT),
                () -> new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName(ACCOUNT)
                        .withNamespace(ns)
                        .withLabels(labels(spec))
                        .endMetadata()
                        .withAutomountServiceAccountToken(false)
                        .build());
        boolean binding = ensure(
                k8s.rbac().roleBindings().inNamespace(ns).withName(ACCOUNT),
                () -> customerRoleBinding(
                        spec,
                        ACCOUNT,
                        new SubjectBuilder()
                                .withKind("ServiceAccount")
                                .withName(ACCOUNT)
                                .withNamespace(ns)
                                .build()));
        context.log()
                .accept("hand-off kit: service account " + ACCOUNT + (account ? " created" : " already exists")
                        + ", role binding to " + param(spec, "customer-cluster-role") + " in " + ns + " "
                        + (binding ? "created" : "already exists"));
    }

    /**
     * A kubeconfig for the sandbox namespace with a fresh token for the kit's account, valid until
     * the sandbox expires (or what the API server grants, if less); empty when the sandbox's end is
     * unknown or nearer than {@link #SHORTEST_TOKEN}. Each call issues a new token; earlier ones stay
     * valid until their own expiry or the account's deletion.
     */
    Optional<Kubeconfig> issue(KubernetesClient k8s, StepContext context) {
        SandboxSpec spec = context.spec();
        Instant now = clock.instant();
        Instant until = spec.validUntil(now);
        if (until == null) {
            context.log().accept("hand-off kit: no kubeconfig, the sandbox's expiry is not known");
            return Optional.empty();
        }
        Duration left = Duration.between(now, until);
        if (left.compareTo(SHORTEST_TOKEN) < 0) {
            context.log()
                    .accept("hand-off kit: no kubeconfig, the sandbox expires in less than the "
                            + SHORTEST_TOKEN.toMinutes() + " minutes Kubernetes requires of a token");
            return Optional.empty();
        }
        String ns = namespace(spec);
        if (k8s.serviceAccounts().inNamespace(ns).withName(ACCOUNT).get() == null) {
            // a sandbox whose role-binding step ran before the kit existed: no account, no kit
            context.log().accept("hand-off kit: no service account " + ACCOUNT + " in " + ns + "; no kubeconfig");
            return Optional.empty();
        }
        TokenRequest granted = k8s.serviceAccounts()
                .inNamespace(ns)
                .withName(ACCOUNT)
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withExpirationSeconds(left.toSeconds())
                        .endSpec()
                        .build());
        if (granted == null
                || granted.getStatus() == null
                || granted.getStatus().getToken() == null
                || granted.getStatus().getToken().isBlank()) {
            throw dev.demoportal.provisioning.StepFailure.transientFailure(
                    "hand-off kit: the API server issued no token for service account " + ACCOUNT, null);
        }
        Instant expires = expiry(granted.getStatus().getExpirationTimestamp(), until);
        String server = k8s.getConfiguration().getMasterUrl().replaceAll("/+$", "");
        String caData = k8s.getConfiguration().getCaCertData();
        String cluster = "sandbox-" + spec.regionCode();
        String yaml = k8s.getKubernetesSerialization()
                .asYaml(new ConfigBuilder()
                        .withApiVersion("v1")
                        .withKind("Config")
                        .addNewCluster()
                        .withName(cluster)
                        .withNewCluster()
                        .withServer(server)
                        .withCertificateAuthorityData(caData)
                        .endCluster()
                        .endCluster()
                        .addNewUser()
                        .withName(ACCOUNT + "@" + ns)
                        .withNewUser()
                        .withToken(granted.getStatus().getToken())
                        .endUser()
                        .endUser()
                        .addNewContext()
                        .withName(ns)
                        .withNewContext()
                        .withCluster(cluster)
                        .withUser(ACCOUNT + "@" + ns)
                        .withNamespace(ns)
                        .endContext()
                        .endContext()
                        .withCurrentContext(ns)
                        .build());
        context.log().accept("hand-off kit: kubeconfig for namespace " + ns + ", token valid until " + expires);
        return Optional.of(new Kubeconfig(yaml, expires));
    }

    /** What the server granted (it may grant less than asked); an unreadable answer counts as what was asked. */
    private static Instant expiry(@Nullable String granted, Instant asked) {
        if (granted == null) {
            return asked;
        }
        try {
            return Instant.parse(granted);
        } catch (java.time.format.DateTimeParseException e) {
            return asked;
        }
    }

    /** Deletes the account (which invalidates its tokens) and its binding; absent is fine. */
    static void delete(KubernetesClient k8s, String ns) {
        k8s.serviceAccounts().inNamespace(ns).withName(ACCOUNT).delete();
        k8s.rbac().roleBindings().inNamespace(ns).withName(ACCOUNT).delete();
    }
}
