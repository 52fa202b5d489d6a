package dev.demoportal.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.demoportal.base.DomainException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * One error handler for every session: a domain error becomes a friendly notification with its
 * own message (the moments it names in the viewer's time zone); anything else is logged with an id the user can quote, and no stack trace is shown.
 */
@Component
class ErrorHandling implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(ErrorHandling::handle));
    }

    static void handle(ErrorEvent event) {
        Throwable cause = rootDomainCause(event.getThrowable());
        String message;
        if (cause instanceof DomainException domain) {
            message = ViewerTime.text(domain);
        } else if (cause instanceof AccessDeniedException) {
            message = "Your role does not allow this.";
        } else {
            String id = UUID.randomUUID().toString().substring(0, 8);
            log.error("Unexpected UI error {}", id, event.getThrowable());
            message = "Something went wrong on our side. Quote error id " + id + " when you report it.";
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.access(() -> {
                Notification n = Notification.show(message, 6000, Notification.Position.TOP_CENTER);
                n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            });
        }
    }

    private static Throwable rootDomainCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DomainException || c instanceof AccessDeniedException) {
                return c;
            }
        }
        return t;
    }
}
