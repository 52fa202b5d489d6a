package dev.demoportal.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlackProperties.class)
class SlackConfiguration {

    @Bean(destroyMethod = "close")
    Slack slackClient(SlackProperties properties) {
        SlackConfig config = new SlackConfig();
        String url = properties.apiUrl().endsWith("/") ? properties.apiUrl() : properties.apiUrl() + "/";
        config.setMethodsEndpointUrlPrefix(url);
        config.setPrettyResponseLoggingEnabled(false);
        return Slack.getInstance(config);
    }
}
