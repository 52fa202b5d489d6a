package dev.demoportal.operations;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The port of the separate management server ({@code management.server.port}), once it listens.
 * Metrics are public on that port only: it is reachable inside the cluster (Prometheus), never
 * through the ingress. Without a separate port, metrics stay behind sign-in.
 */
@Component
public class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // the management server's context is a child of the portal's; its events reach us here
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    /** Whether a request came in on the separate management port. */
    public boolean received(int localPort) {
        return port > 0 && localPort == port;
    }
}
