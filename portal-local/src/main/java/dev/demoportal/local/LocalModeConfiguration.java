package dev.demoportal.local;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.local.enabled", havingValue = "true")
@EnableConfigurationProperties(LocalModeProperties.class)
@Import({
    LocalDatabaseConfiguration.class,
    DemoData.class,
    DemoSandboxes.class,
    DemoHistory.class,
    DemoHistoryQueries.class,
    LocalModeBanner.class
})
class LocalModeConfiguration {}
