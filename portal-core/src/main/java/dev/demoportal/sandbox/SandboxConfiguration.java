package dev.demoportal.sandbox;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SandboxProperties.class, SandboxKeyProperties.class})
class SandboxConfiguration {}
