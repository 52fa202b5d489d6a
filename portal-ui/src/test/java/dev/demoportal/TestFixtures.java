package dev.demoportal;

import dev.demoportal.base.PortalPrincipal;
import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentLink;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What the view tests find in their fresh database, written at start-up through the services (so
 * validation, policy and audit apply): seven shared environments across the three regions, three
 * sandbox templates, and four sandboxes (Carol's two, one auto-approved; Dave's rejected one and
 * his auto-approved one). Test data of the tests' own, not local mode's demo data, which may change
 * for a demo's sake. Left out when a test runs local mode ({@code portal-local}), which seeds its own.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.local.enabled", havingValue = "false", matchIfMissing = true)
public class TestFixtures {

    /** A sandbox keyset for tests (AES256-GCM, in clear): production wraps its keyset with KMS. */
    public static final String SANDBOX_KEYSET =
            "portal.sandbox.keys.keyset={\"primaryKeyId\":3462241916,\"key\":[{\"keyData\":"
                    + "{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":"
                    + "\"GiDI0YrhFfen9/NXIJUd+G7rq6Pg8LmwHDhdGOqmnxzSYw==\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":"
                    + "\"ENABLED\",\"keyId\":3462241916,\"outputPrefixType\":\"TINK\"}]}";

    private record Someone(
            String username,
            String name,
            String email,
            Role role,
            @Nullable String organisation) {}

    private static final Someone CAROL =
            new Someone("carol", "Carol Customer", "carol@acme.example", Role.CUSTOMER, "Acme Corp");
    private static final Someone DAVE =
            new Someone("dave", "Dave Customer", "dave@globex.example", Role.CUSTOMER, "Globex");
    private static final Someone MARIA =
            new Someone("maria", "Maria Manager", "maria@demoportal.dev", Role.MANAGER, null);

    private record Principal(UUID userId, String displayName) implements PortalPrincipal {}

    @EventListener(ApplicationStartedEvent.class)
    void insert(ApplicationStartedEvent started) {
        var context = started.getApplicationContext();
        EnvironmentService environments = context.getBean(EnvironmentService.class);
        SandboxTemplateService templates = context.getBean(SandboxTemplateService.class);
        SandboxRequestService requests = context.getBean(SandboxRequestService.class);
        UserService users = context.getBean(UserService.class);
        String issuer = context.getBean(Environment.class)
                .getRequiredProperty("spring.security.oauth2.client.provider.portal.issuer-uri");

        SystemTask.run("test-fixtures", List.of("ADMIN"), () -> {
            environments().forEach(environments::createEnvironment);
            templates().forEach(templates::create);
            return null;
        });
        UserAccount carol = user(users, issuer, CAROL);
        UserAccount dave = user(users, issuer, DAVE);
        UserAccount maria = user(users, issuer, MARIA);
        as(
                carol,
                () -> requests.request(new SandboxRequest(
                        "progressive-delivery",
                        "emea",
                        48,
                        "Show our platform team canary releases with automated rollback before the steering committee.",
                        null)));
        as(
                carol,
                () -> requests.request(new SandboxRequest(
                        "cicd-trial", "emea", 72, "Port two of our Jenkins pipelines and compare build times.", null)));
        SandboxSummary tooLong = as(
                dave,
                () -> requests.request(
                        new SandboxRequest("cicd-trial", "na", 240, "A ten-day evaluation by three teams.", null)));
        as(
                maria,
                () -> requests.reject(
                        tooLong.id(),
                        "Please start with the default 72 hours; extend it if the teams need more time."));
        as(
                dave,
                () -> requests.request(new SandboxRequest(
                        "secrets-workshop",
                        "apj",
                        24,
                        "Workshop for our security champions on dynamic database credentials.",
                        null)));
    }

    /** Seven environments; NA Performance Lab is in maintenance. */
    public static List<EnvironmentForm> environments() {
        return List.of(
                environment(
                        "na-demo-1",
                        "NA Demo 1",
                        "na",
                        4,
                        EnvironmentStatus.AVAILABLE,
                        "Main North America demo platform: EKS with Vault, Nexus and the progressive-delivery stack."),
                environment(
                        "na-demo-2",
                        "NA Demo 2",
                        "na",
                        4,
                        EnvironmentStatus.AVAILABLE,
                        "Second NA platform for parallel customer workshops."),
                environment(
                        "na-perf-lab",
                        "NA Performance Lab",
                        "na",
                        2,
                        EnvironmentStatus.MAINTENANCE,
                        "Larger nodes for load-testing demos. Being resized this week."),
                environment(
                        "emea-demo-1",
                        "EMEA Demo 1",
                        "emea",
                        4,
                        EnvironmentStatus.AVAILABLE,
                        "Main EMEA demo platform in Dublin."),
                environment(
                        "emea-demo-2",
                        "EMEA Demo 2",
                        "emea",
                        3,
                        EnvironmentStatus.AVAILABLE,
                        "EMEA platform with the GitOps and policy-as-code demos preinstalled."),
                environment(
                        "apj-demo-1",
                        "APJ Demo 1",
                        "apj",
                        3,
                        EnvironmentStatus.AVAILABLE,
                        "Japan / APAC demo platform in Tokyo."),
                environment(
                        "apj-demo-2",
                        "APJ Demo 2",
                        "apj",
                        2,
                        EnvironmentStatus.AVAILABLE,
                        "Smaller APAC platform for partner enablement."));
    }

    /** Three templates: cicd-trial and secrets-workshop auto-approve, progressive-delivery does not. */
    public static List<TemplateForm> templates() {
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
                        Map.of("namespaceCpu", "4", "namespaceMemory", "8Gi", "probe.path", "/"),
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
                        Map.of("namespaceCpu", "8", "namespaceMemory", "16Gi", "probe.path", "/"),
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
                        Map.of(
                                "namespaceCpu",
                                "2",
                                "namespaceMemory",
                                "4Gi",
                                "probe.path",
                                "/",
                                "vault.kv-path",
                                "workshops/${sandbox.name}"),
                        true));
    }

    private static EnvironmentForm environment(
            String slug, String name, String region, int slots, EnvironmentStatus status, String description) {
        String host = slug + ".demo.example.com";
        return new EnvironmentForm(
                slug,
                name,
                region,
                slots,
                status,
                description,
                List.of(
                        new EnvironmentLink("Argo CD", "https://argocd." + host),
                        new EnvironmentLink("Grafana", "https://grafana." + host),
                        new EnvironmentLink("Vault", "https://vault." + host)));
    }

    private static UserAccount user(UserService users, String issuer, Someone someone) {
        return users.resolveBearer(new MappedIdentity(
                issuer,
                someone.username(),
                someone.email(),
                someone.name(),
                Set.of(someone.role()),
                someone.organisation()));
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
