package dev.demoportal.notification;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MailProperties.class, OutboxProperties.class})
class NotificationConfiguration {}
