package dev.demoportal.identity.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.demoportal.identity.Role;
import jakarta.annotation.security.PermitAll;

/** The start page sends each role to where its work is: staff to the board, customers to their sandboxes. */
@Route("")
@PermitAll
public class HomeView extends Div implements BeforeEnterObserver {

    private final AuthenticationContext authentication;

    HomeView(AuthenticationContext authentication) {
        this.authentication = authentication;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean internal =
                authentication.hasAnyRole(Role.FIELD_ENGINEER.name(), Role.MANAGER.name(), Role.ADMIN.name());
        event.forwardTo(internal ? "board" : "sandboxes");
    }
}
