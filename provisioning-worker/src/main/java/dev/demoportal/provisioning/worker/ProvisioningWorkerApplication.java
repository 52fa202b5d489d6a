package dev.demoportal.provisioning.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The standalone worker: {@code java -jar provisioning-worker-*-exec.jar}. It shares the portal's
 * database and domain services, runs no web UI, and exposes health and metrics on its HTTP port.
 */
@SpringBootApplication(
        scanBasePackages = {
            "dev.demoportal.base",
            "dev.demoportal.identity",
            "dev.demoportal.environment",
            "dev.demoportal.audit",
            "dev.demoportal.booking",
            "dev.demoportal.notification",
            "dev.demoportal.provisioning",
            "dev.demoportal.sandbox",
            "dev.demoportal.usage"
        },
        exclude = UserDetailsServiceAutoConfiguration.class)
@AutoConfigurationPackage(basePackages = "dev.demoportal")
@Import(WorkerConfiguration.class)
@PropertySource("classpath:provisioning-worker-defaults.properties")
public class ProvisioningWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProvisioningWorkerApplication.class, args);
    }

    /**
     * The worker serves no people: only probes and metrics, for the cluster's kubelet and
     * Prometheus on the pod network. Everything else is refused.
     */
    @Bean
    SecurityFilterChain workerEndpoints(HttpSecurity http) {
        return http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/livez",
                                "/readyz")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
