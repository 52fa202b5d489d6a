package dev.demoportal.base.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.communication.JSR356WebsocketInitializer;
import jakarta.servlet.http.HttpServlet;
import org.atmosphere.cpr.AtmosphereFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shrinks the buffers every push connection (an open tab's WebSocket) allocates and does not use;
 * they were about 70 kB of heap per open tab. Push carries messages from the server to the tab
 * only; a tab sends its requests over HTTP ({@code @Push}'s default transport, WebSocket + XHR).
 *
 * <ul>
 *   <li>Atmosphere gives each WebSocket a byte and a char buffer of
 *       {@code org.atmosphere.websocket.bufferSize}, which Vaadin sets to 16 kB (48 kB of heap), and
 *       only ever clears them. Vaadin sets that size while it starts Atmosphere, over the servlet's
 *       own parameters, so it is set again here once the service is up; it is read for each new
 *       connection.
 *   <li>Tomcat allocates each WebSocket's buffers for incoming messages at their first size, 8 kB
 *       (24 kB of heap with the char buffer). An incoming message that needs more grows them up to
 *       the limits Vaadin sets (16 kB), which stay as they are.
 * </ul>
 */
@Component
class PushBuffers implements VaadinServiceInitListener, WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    /** Atmosphere's parameter (its {@code ApplicationConfig.WEBSOCKET_BUFFER_SIZE}). */
    static final String ATMOSPHERE_BUFFER_SIZE = "org.atmosphere.websocket.bufferSize";

    /** Tomcat's context parameters for the first size of a WebSocket's incoming message buffers. */
    static final String TOMCAT_BINARY_BUFFER_SIZE = "org.apache.tomcat.websocket.binaryBufferSize";

    static final String TOMCAT_TEXT_BUFFER_SIZE = "org.apache.tomcat.websocket.textBufferSize";

    /** Bytes (characters for a char buffer). */
    static final int SIZE = 1024;

    private static final Logger log = LoggerFactory.getLogger(PushBuffers.class);

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        // on the context itself, so Tomcat's WebSocket container sees them when it starts
        factory.addContextCustomizers(context -> {
            context.addParameter(TOMCAT_BINARY_BUFFER_SIZE, String.valueOf(SIZE));
            context.addParameter(TOMCAT_TEXT_BUFFER_SIZE, String.valueOf(SIZE));
        });
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        if (!(event.getSource() instanceof VaadinServletService service) || service.getServlet() == null) {
            return;
        }
        HttpServlet servlet = service.getServlet();
        Object atmosphere = servlet.getServletContext()
                .getAttribute(JSR356WebsocketInitializer.getAttributeName(servlet.getServletName()));
        if (atmosphere instanceof AtmosphereFramework framework) {
            framework.addInitParameter(ATMOSPHERE_BUFFER_SIZE, String.valueOf(SIZE));
        } else {
            log.debug(
                    "No Atmosphere for servlet {}: its WebSocket buffers stay as Vaadin sets them",
                    servlet.getServletName());
        }
    }
}
