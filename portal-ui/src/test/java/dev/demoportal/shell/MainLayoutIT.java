package dev.demoportal.shell;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.getNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.Conflict;
import dev.demoportal.environment.ui.RegionsView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The app shell: navigation by role, the local-mode marker, role checks on navigation, the error handler. */
class MainLayoutIT extends ViewTestSupport {

    @Test
    void fieldEngineersNavigateToTheBoardTheirBookingsEnvironmentsAndTheirAccount() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("account");

        assertThat(navigation())
                .containsExactly(
                        "Board",
                        "My bookings",
                        "Find a slot",
                        "Environments",
                        "Request a sandbox",
                        "Approvals",
                        "Sandboxes",
                        "Organisations",
                        "My usage",
                        "My account");
    }

    @Test
    void adminsAlsoSeeRegions() {
        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("admin/regions");

        _assertOne(RegionsView.class);
        assertThat(navigation())
                .containsExactly(
                        "Board",
                        "My bookings",
                        "Find a slot",
                        "Environments",
                        "Request a sandbox",
                        "Approvals",
                        "Sandboxes",
                        "Organisations",
                        "Dashboards",
                        "Audit trail",
                        "Regions",
                        "Templates",
                        "Service accounts",
                        "Webhooks",
                        "Slack channels",
                        "Outbox",
                        "My account");
        assertThat(_get(H1.class).getText()).isEqualTo("Regions");
    }

    @Test
    void customersSeeTheirSandboxesAndTheirAccount() {
        openUiAs(Person.CAROL);
        UI.getCurrent().navigate("");

        _assertOne(dev.demoportal.sandbox.ui.MySandboxesView.class);
        assertThat(navigation()).containsExactly("My sandboxes", "Request a sandbox", "Activity export", "My account");
    }

    @Test
    void customersCannotOpenAdminPagesByAddress() {
        openUiAs(Person.CAROL);

        UI.getCurrent().navigate("admin/regions");

        // refused: the friendly "not available" page instead of the view
        _assertOne(NotAvailableView.class);
        _assertNone(RegionsView.class);
    }

    @Test
    void fieldEngineersCannotOpenAdminPagesByAddress() {
        openUiAs(Person.ALICE);

        UI.getCurrent().navigate("admin/regions");

        // refused: the friendly "not available" page instead of the view
        _assertOne(NotAvailableView.class);
        _assertNone(RegionsView.class);
    }

    @Test
    void localModeIsMarkedInTheHeader() {
        openUiAs(Person.ALICE);

        // local mode (portal-local) runs this layout with portal.local.enabled=true
        MainLayout local = new MainLayout(
                new AuthenticationContext(),
                users,
                context.getBean(dev.demoportal.notification.NotificationService.class),
                new MockEnvironment().withProperty("portal.local.enabled", "true"));
        UI.getCurrent().add(local);

        _assertOne(local, Span.class, spec -> spec.withText("LOCAL MODE"));
    }

    @Test
    void outsideLocalModeThereIsNoMarker() {
        openUiAs(Person.ALICE);

        MainLayout production = new MainLayout(
                new AuthenticationContext(),
                users,
                context.getBean(dev.demoportal.notification.NotificationService.class),
                new MockEnvironment());
        UI.getCurrent().add(production);

        _assertNone(production, Span.class, spec -> spec.withText("LOCAL MODE"));
        assertThat(_find(production, SideNavItem.class).stream().map(SideNavItem::getLabel))
                .containsExactly(
                        "Board",
                        "My bookings",
                        "Find a slot",
                        "Environments",
                        "Request a sandbox",
                        "Approvals",
                        "Sandboxes",
                        "Organisations",
                        "My usage",
                        "My account");
    }

    @Test
    void domainErrorsBecomeTheirOwnMessage() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("account");

        VaadinSession.getCurrent()
                .getErrorHandler()
                .error(new ErrorEvent(new IllegalStateException(
                        "wrapped", new Conflict("environment.changed", "Someone else changed this."))));
        MockVaadin.runUIQueue();

        expectNotifications("Someone else changed this.");
    }

    @Test
    void unexpectedErrorsShowAnIdToQuoteAndNoDetails() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("account");

        VaadinSession.getCurrent().getErrorHandler().error(new ErrorEvent(new NullPointerException("secret detail")));
        MockVaadin.runUIQueue();

        assertThat(getNotifications())
                .singleElement()
                .satisfies(n -> assertThat(n.getElement().getProperty("text"))
                        .startsWith("Something went wrong on our side. Quote error id ")
                        .doesNotContain("secret detail"));
    }

    private static List<String> navigation() {
        return _find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList();
    }
}
