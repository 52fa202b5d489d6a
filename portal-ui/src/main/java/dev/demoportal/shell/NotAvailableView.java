package dev.demoportal.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What someone sees at an address that does not exist or that their role may not open. Both say
 * the same thing on purpose: the page does not reveal which internal pages exist. Errors outside
 * the router (a missing file, a refused request) get the same words from {@link ErrorPages}.
 */
@ParentLayout(MainLayout.class)
@PageTitle("Not available")
@AnonymousAllowed
public class NotAvailableView extends Div {

    static final String HEADING = "This page is not available to you";
    static final String EXPLANATION = "It does not exist, or your role does not allow you to open it. If you think "
            + "you should have access, ask an administrator to check your groups in the identity provider.";
    static final String START_LINK = "Go to your start page";

    NotAvailableView() {
        Div card = new Div(new H2(HEADING), new Paragraph(EXPLANATION), new Anchor("", START_LINK));
        card.addClassName("dp-card");
        getStyle().set("padding", "var(--lumo-space-l)");
        add(card);
    }

    /** Navigation refused by a view's access rules. */
    public static class Denied extends NotAvailableView implements HasErrorParameter<AccessDeniedException> {
        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
            return HttpServletResponse.SC_FORBIDDEN;
        }
    }

    /** No such route. */
    public static class Missing extends NotAvailableView implements HasErrorParameter<NotFoundException> {
        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
            return HttpServletResponse.SC_NOT_FOUND;
        }
    }
}
