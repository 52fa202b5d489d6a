package dev.demoportal.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.notification.ui.NotificationBell;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * The app shell: brand, navigation for the signed-in user's roles, the user menu with sign-out,
 * and a visible marker when the portal runs in local mode. Navigation only hides what a role
 * cannot use; views and services check access themselves.
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    /** A navigation entry and the roles that see it. */
    public record NavEntry(String label, String path, VaadinIcon icon, List<Role> roles) {}

    static final List<NavEntry> NAVIGATION = List.of(
            new NavEntry("Board", "board", VaadinIcon.GRID_BIG, List.of(Role.FIELD_ENGINEER, Role.MANAGER, Role.ADMIN)),
            new NavEntry(
                    "My bookings",
                    "my-bookings",
                    VaadinIcon.CALENDAR_USER,
                    List.of(Role.FIELD_ENGINEER, Role.MANAGER, Role.ADMIN)),
            new NavEntry(
                    "Find a slot",
                    "find-a-slot",
                    VaadinIcon.SEARCH,
                    List.of(Role.FIELD_ENGINEER, Role.MANAGER, Role.ADMIN)),
            new NavEntry(
                    "Environments",
                    "environments",
                    VaadinIcon.CLUSTER,
                    List.of(Role.FIELD_ENGINEER, Role.MANAGER, Role.ADMIN)),
            new NavEntry("My sandboxes", "sandboxes", VaadinIcon.CUBES, List.of(Role.CUSTOMER)),
            new NavEntry(
                    "Request a sandbox",
                    "sandboxes/request",
                    VaadinIcon.PLUS_CIRCLE,
                    List.of(Role.CUSTOMER, Role.FIELD_ENGINEER, Role.MANAGER, Role.ADMIN)),
            new NavEntry(
                    "Approvals",
                    "approvals",
                    VaadinIcon.CHECK_SQUARE_O,
                    List.of(Role.FIELD_ENGINEER, Role.MANAGER, Role.ADMIN)),
            new NavEntry(
                    "Sandboxes",
                    "sandboxes/all",
                    VaadinIcon.CUBES,
                    List.of(Role.FIELD_ENGINEER, Role.MANAGER, Role.ADMIN)),
            new NavEntry(
                    "Organisations",
                    "organisations",
                    VaadinIcon.OFFICE,
                    List.of(Role.FIELD_ENGINEER, Role.MANAGER, Role.ADMIN)),
            new NavEntry("Dashboards", "dashboards", VaadinIcon.CHART, List.of(Role.MANAGER, Role.ADMIN)),
            new NavEntry("My usage", "my-usage", VaadinIcon.BAR_CHART_H, List.of(Role.FIELD_ENGINEER)),
            new NavEntry("Audit trail", "audit", VaadinIcon.RECORDS, List.of(Role.MANAGER, Role.ADMIN)),
            new NavEntry("Activity export", "activity", VaadinIcon.DOWNLOAD_ALT, List.of(Role.CUSTOMER)),
            new NavEntry("Regions", "admin/regions", VaadinIcon.GLOBE, List.of(Role.ADMIN)),
            new NavEntry("Templates", "admin/templates", VaadinIcon.PACKAGE, List.of(Role.ADMIN)),
            new NavEntry("Service accounts", "admin/service-accounts", VaadinIcon.AUTOMATION, List.of(Role.ADMIN)),
            new NavEntry("Webhooks", "admin/webhooks", VaadinIcon.CONNECT, List.of(Role.ADMIN)),
            new NavEntry("Slack channels", "admin/slack", VaadinIcon.CHAT, List.of(Role.ADMIN)),
            new NavEntry("Outbox", "admin/outbox", VaadinIcon.ENVELOPES, List.of(Role.ADMIN)),
            new NavEntry("My account", "account", VaadinIcon.USER, Arrays.asList(Role.values())));

    private final H1 title = new H1();

    MainLayout(
            AuthenticationContext authentication,
            UserService users,
            NotificationService notifications,
            Environment environment) {
        setPrimarySection(Section.DRAWER);
        title.addClassName("dp-view-title");

        Image logo = new Image("icons/icon.svg", "");
        Div brand = new Div(logo, new Span("Demo Portal"));
        brand.addClassName("dp-brand");

        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), title);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.setWidthFull();
        bar.addClassName("dp-navbar");
        bar.setPadding(false);
        bar.getStyle().set("padding-right", "var(--lumo-space-m)");
        if (environment.getProperty("portal.local.enabled", Boolean.class, false)) {
            Span marker = new Span("LOCAL MODE");
            marker.addClassName("dp-local-mode");
            marker.getElement()
                    .setAttribute(
                            "title",
                            "Embedded database, in-process OIDC provider with demo users, worker in-process. Not for production.");
            bar.add(marker);
        }
        if (authentication.isAuthenticated()) {
            UserAccount me = users.me();
            NotificationBell bell = new NotificationBell(notifications);
            bell.getStyle().set("margin-left", "auto");
            bar.add(bell, userMenu(me, authentication));
            addToDrawer(brand, navigation(me));
        } else {
            addToDrawer(brand);
        }
        addToNavbar(bar);
    }

    private static SideNav navigation(UserAccount me) {
        SideNav nav = new SideNav();
        for (NavEntry entry : NAVIGATION) {
            if (entry.roles().stream().anyMatch(me::hasRole)) {
                nav.addItem(new SideNavItem(
                        entry.label(), entry.path(), entry.icon().create()));
            }
        }
        return nav;
    }

    /**
     * The avatar and the person's name, opening a menu that starts with the name and roles. On a
     * phone the stylesheet shows the avatar alone, so neither the name nor the page title is cut.
     */
    private static Component userMenu(UserAccount me, AuthenticationContext authentication) {
        Avatar avatar = new Avatar(me.displayName());
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_XSMALL);
        Span name = new Span(me.displayName());
        name.addClassName("dp-user-name");
        HorizontalLayout who = new HorizontalLayout(avatar, name);
        who.setAlignItems(FlexComponent.Alignment.CENTER);
        who.setSpacing(true);
        who.addClassName("dp-user");

        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        var root = menu.addItem(who);
        root.getElement().setAttribute("aria-label", "User menu");
        root.getElement().setAttribute("title", me.displayName());
        String roleLine = me.roles().stream()
                .map(Role::label)
                .sorted()
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        Span signedInAs = new Span(me.displayName());
        signedInAs.addClassName("dp-holder");
        var nameItem = root.getSubMenu().addItem(signedInAs);
        nameItem.setEnabled(false);
        var roleItem = root.getSubMenu()
                .addItem(roleLine
                        + (me.organisation() != null ? " · " + me.organisation().name() : ""));
        roleItem.setEnabled(false);
        root.getSubMenu().addItem("My account", e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("account")));
        root.getSubMenu().addItem("Sign out", e -> authentication.logout());
        Div wrapper = new Div(menu);
        wrapper.addClassName("dp-user-menu");
        return wrapper;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        Component content = getContent();
        PageTitle pageTitle = null;
        for (Class<?> c = content == null ? null : content.getClass();
                c != null && pageTitle == null;
                c = c.getSuperclass()) {
            pageTitle = c.getAnnotation(PageTitle.class);
        }
        if (content instanceof HasDynamicTitle dynamic) {
            title.setText(dynamic.getPageTitle());
            return;
        }
        title.setText(pageTitle == null ? "" : pageTitle.value());
    }
}
