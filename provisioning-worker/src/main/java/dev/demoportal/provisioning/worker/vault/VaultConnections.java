package dev.demoportal.provisioning.worker.vault;

import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.worker.vault.VaultSettings.VaultRegion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.vault.authentication.KubernetesAuthentication;
import org.springframework.vault.authentication.KubernetesAuthenticationOptions;
import org.springframework.vault.authentication.KubernetesServiceAccountTokenFile;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.client.SimpleVaultEndpointProvider;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.web.client.RestClient;

/** The Vault of a sandbox's region, logged in to, or none when the region has no Vault. */
public interface VaultConnections {

    /** A region's Vault: the client and its settings. */
    record Connection(VaultOperations vault, VaultRegion region) {}

    @Nullable
    Connection of(SandboxSpec spec);

    /**
     * One {@link VaultTemplate} per region, made on first use, logged in with the worker's service
     * account token through Kubernetes auth; Spring Vault renews the session token, and logs in
     * again when it can no longer be renewed.
     */
    static VaultConnections kubernetesAuth(VaultSettings settings) {
        return cached(settings, region -> {
            VaultEndpoint endpoint = VaultEndpoint.from(region.address());
            ClientHttpRequestFactory http = new JdkClientHttpRequestFactory();
            RestClient login = VaultClients.createRestClient(SimpleVaultEndpointProvider.of(endpoint), http, b -> {});
            KubernetesAuthenticationOptions options = KubernetesAuthenticationOptions.builder()
                    .path(region.workerAuthMount())
                    .role(region.workerRole())
                    .jwtSupplier(new KubernetesServiceAccountTokenFile(settings.serviceAccountTokenFile()))
                    .build();
            ThreadPoolTaskScheduler renewal = new ThreadPoolTaskScheduler();
            renewal.setThreadNamePrefix("vault-session-");
            renewal.setDaemon(true);
            renewal.initialize();
            return new VaultTemplate(
                    endpoint,
                    http,
                    new LifecycleAwareSessionManager(new KubernetesAuthentication(options, login), renewal, login));
        });
    }

    /** Per region, clients from {@code client} (tests hand in a token-authenticated one), made once. */
    static VaultConnections cached(VaultSettings settings, Function<VaultRegion, VaultOperations> client) {
        Map<String, Connection> byRegion = new ConcurrentHashMap<>();
        return spec -> {
            VaultRegion region = settings.regions().get(spec.regionCode());
            if (region == null) {
                return null;
            }
            return byRegion.computeIfAbsent(spec.regionCode(), code -> new Connection(client.apply(region), region));
        };
    }
}
