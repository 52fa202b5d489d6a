package dev.demoportal.local;

import dev.demoportal.base.PortalPrincipal;
import dev.demoportal.base.SystemTask;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.sandbox.SandboxRequest;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxSummary;
import dev.demoportal.sandbox.SandboxTemplateService;
import dev.demoportal.sandbox.TemplateForm;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Seeds local mode with the sandbox catalogue and a few sandboxes in different states, made by the
 * demo users through the same services (so validation, policy, audit and provisioning all apply):
 * one waiting for approval, one rejected, and two auto-approved ones that the embedded worker then
 * provisions (simulated). Runs only when there are no templates yet.
 */
class DemoSandboxes {

    private static final Logger log = LoggerFactory.getLogger(DemoSandboxes.class);

    /** The demo users' organisations come from the local provider's claims; the same here. */
    private record Demo(
            String username,
            String name,
            String email,
            Role role,
            @Nullable String organisation) {}

    private static final Demo CAROL =
            new Demo("carol", "Carol Customer", "carol@acme.example", Role.CUSTOMER, "Acme Corp");
    private static final Demo DAVE = new Demo("dave", "Dave Customer", "dave@globex.example", Role.CUSTOMER, "Globex");
    private static final Demo MARIA = new Demo("maria", "Maria Manager", "maria@demoportal.dev", Role.MANAGER, null);

    private record Principal(UUID userId, String displayName) implements PortalPrincipal {}

    private final SandboxTemplateService templates;
    private final SandboxRequestService requestService;
    private final UserService users;
    private final LocalModeProperties properties;
    private final Environment environment;

    DemoSandboxes(
            SandboxTemplateService templates,
            SandboxRequestService requestService,
            UserService users,
            LocalModeProperties properties,
            Environment environment) {
        this.templates = templates;
        this.requestService = requestService;
        this.users = users;
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(1)
    void seed() {
        if (!properties.demoData()) {
            return;
        }
        boolean seeded = SystemTask.run("local-demo-data", List.of("ADMIN"), () -> {
            if (templates.count() > 0) {
                return false;
            }
            templatesToSeed().forEach(templates::create);
            return true;
        });
        String issuer = environment.getProperty("portal.local.idp-issuer");
        if (!seeded || issuer == null) {
            return;
        }
        UserAccount carol = user(issuer, CAROL);
        UserAccount dave = user(issuer, DAVE);
        UserAccount maria = user(issuer, MARIA);
        as(
                carol,
                () -> requestService.request(new SandboxRequest(
                        "progressive-delivery",
                        "emea",
                        48,
                        "Show our platform team canary releases with automated rollback before the steering committee.",
                        null)));
        as(
                carol,
                () -> requestService.request(new SandboxRequest(
                        "cicd-trial", "emea", 72, "Port two of our Jenkins pipelines and compare build times.", null)));
        SandboxSummary tooLong = as(
                dave,
                () -> requestService.request(
                        new SandboxRequest("cicd-trial", "na", 240, "A ten-day evaluation by three teams.", null)));
        as(
                maria,
                () -> requestService.reject(
                        tooLong.id(),
                        "Please start with the default 72 hours; extend it if the teams need more time."));
        as(
                dave,
                () -> requestService.request(new SandboxRequest(
                        "secrets-workshop",
                        "apj",
                        24,
                        "Workshop for our security champions on dynamic database credentials.",
                        null)));
        log.info(
                "Seeded {} sandbox templates and 4 demo sandboxes (the auto-approved ones are provisioned by the "
                        + "embedded worker)",
                templatesToSeed().size());
    }

    static List<TemplateForm> templatesToSeed() {
        return List.of(
                new TemplateForm(
                        "cicd-trial",
                        "CI/CD trial",
                        "A namespace of your own on our platform with the pipeline engine, an artifact repository "
                                + "and a sample application, to try continuous integration and delivery with your code.",
                        "Your own Kubernetes namespace (4 CPU, 8 GiB)\nPipeline engine with starter templates\n"
                                + "Artifact repository (Nexus)\nSample application with a ready pipeline",
                        List.of("na", "emea", "apj"),
                        72,
                        336,
                        true,
                        2,
                        Map.ofEntries(
                                Map.entry("namespaceCpu", "4"),
                                Map.entry("namespaceMemory", "8Gi"),
                                Map.entry("helm.nexus.chart", "nexus-repository-manager"),
                                Map.entry("helm.nexus.repository", "https://sonatype.github.io/helm3-charts/"),
                                Map.entry("helm.nexus.version", "64.2.0"),
                                Map.entry("helm.podinfo.chart", "podinfo"),
                                Map.entry("helm.podinfo.repository", "https://stefanprodan.github.io/podinfo"),
                                Map.entry("helm.podinfo.version", "6.7.1"),
                                Map.entry("helm.podinfo.values.ui.message", "Pipelines of ${sandbox.organisation}"),
                                Map.entry("route.service", "podinfo"),
                                Map.entry("route.port", "9898"),
                                Map.entry("probe.path", "/readyz")),
                        true),
                new TemplateForm(
                        "progressive-delivery",
                        "Progressive delivery demo app",
                        "A demo application deployed with canary and blue-green strategies, metrics-based "
                                + "analysis and automated rollback, ready to walk through with your team.",
                        "Demo application in two versions\nCanary and blue-green rollouts\n"
                                + "Dashboards for the rollout metrics\nGuided walkthrough",
                        List.of("na", "emea"),
                        48,
                        168,
                        false,
                        1,
                        Map.ofEntries(
                                Map.entry("namespaceCpu", "8"),
                                Map.entry("namespaceMemory", "16Gi"),
                                Map.entry("helm.podinfo.chart", "podinfo"),
                                Map.entry("helm.podinfo.repository", "https://stefanprodan.github.io/podinfo"),
                                Map.entry("helm.podinfo.version", "6.7.1"),
                                Map.entry("helm.podinfo.values.replicaCount", "2"),
                                Map.entry(
                                        "helm.podinfo.values.ui.message", "Stable release for ${sandbox.organisation}"),
                                Map.entry("helm.canary.chart", "podinfo"),
                                Map.entry("helm.canary.repository", "https://stefanprodan.github.io/podinfo"),
                                Map.entry("helm.canary.version", "6.7.1"),
                                Map.entry("helm.canary.values.ui.message", "Canary for ${sandbox.organisation}"),
                                Map.entry("route.kind", "httproute"),
                                Map.entry("route.service", "podinfo"),
                                Map.entry("route.port", "9898"),
                                Map.entry("probe.path", "/readyz")),
                        true),
                new TemplateForm(
                        "secrets-workshop",
                        "Secrets management workshop",
                        "A Vault namespace with dynamic database credentials and a sample app that reads them, "
                                + "for a half-day hands-on workshop.",
                        "Vault namespace with policies\nPostgreSQL with dynamic credentials\nSample app and exercises",
                        List.of("emea", "apj"),
                        24,
                        72,
                        true,
                        3,
                        Map.ofEntries(
                                Map.entry("namespaceCpu", "2"),
                                Map.entry("namespaceMemory", "4Gi"),
                                Map.entry(
                                        "helm.postgresql.chart", "oci://registry-1.docker.io/bitnamicharts/postgresql"),
                                Map.entry("helm.postgresql.version", "16.4.0"),
                                Map.entry("helm.postgresql.values.auth.database", "workshop"),
                                Map.entry("helm.podinfo.chart", "podinfo"),
                                Map.entry("helm.podinfo.repository", "https://stefanprodan.github.io/podinfo"),
                                Map.entry("helm.podinfo.version", "6.7.1"),
                                Map.entry(
                                        "helm.podinfo.values.ui.message",
                                        "Secrets workshop of ${sandbox.organisation}"),
                                // the Vault half of the workshop: a KV path, a policy and a login of the
                                // sandbox's own, and dynamic credentials from the region's workshop database
                                Map.entry("vault.kv-path", "workshops/${sandbox.name}"),
                                Map.entry("vault.kv-capabilities", "create,read,update,delete,list"),
                                Map.entry("vault.token-ttl", "1h"),
                                Map.entry("vault.database.connection", "workshop-postgres"),
                                Map.entry(
                                        "vault.database.creation-statements",
                                        "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}'"
                                                + " VALID UNTIL '{{expiration}}'; GRANT SELECT ON ALL TABLES IN SCHEMA"
                                                + " public TO \"{{name}}\";"),
                                Map.entry("vault.database.default-ttl", "1h"),
                                Map.entry("vault.database.max-ttl", "4h"),
                                Map.entry("route.service", "podinfo"),
                                Map.entry("route.port", "9898"),
                                Map.entry("probe.path", "/readyz")),
                        true));
    }

    private UserAccount user(String issuer, Demo demo) {
        return users.resolveBearer(new MappedIdentity(
                issuer, demo.username(), demo.email(), demo.name(), Set.of(demo.role()), demo.organisation()));
    }

    private static <T> T as(UserAccount user, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new Principal(user.id(), user.displayName()),
                null,
                user.roles().stream()
                        .map(r -> new SimpleGrantedAuthority(r.authority()))
                        .toList()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
