package dev.demoportal;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import dev.demoportal.audit.ui.AuditView;
import dev.demoportal.audit.ui.OrganisationActivityView;
import dev.demoportal.booking.ui.BoardView;
import dev.demoportal.booking.ui.EnvironmentDetailView;
import dev.demoportal.booking.ui.MyBookingsView;
import dev.demoportal.environment.ui.EnvironmentsView;
import dev.demoportal.environment.ui.RegionsView;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.ui.AccountView;
import dev.demoportal.identity.ui.HomeView;
import dev.demoportal.identity.ui.SignInProblemView;
import dev.demoportal.shell.MainLayout;
import dev.demoportal.usage.ui.HoldersView;
import dev.demoportal.usage.ui.MyUsageView;
import dev.demoportal.usage.ui.NowView;
import dev.demoportal.usage.ui.SandboxesView;
import dev.demoportal.usage.ui.UtilisationView;
import java.security.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may open which view, read from the views' access annotations as Vaadin's access control reads them. */
class ViewAccessTest {

    private final AccessAnnotationChecker checker = new AccessAnnotationChecker();

    @Test
    void environmentsAreForInternalStaff() {
        assertThat(access(EnvironmentsView.class, Role.FIELD_ENGINEER)).isTrue();
        assertThat(access(EnvironmentsView.class, Role.MANAGER)).isTrue();
        assertThat(access(EnvironmentsView.class, Role.ADMIN)).isTrue();
        assertThat(access(EnvironmentsView.class, Role.CUSTOMER)).isFalse();
        assertThat(anonymous(EnvironmentsView.class)).isFalse();
    }

    @Test
    void bookingScreensAreForInternalStaff() {
        for (Class<?> view : List.of(BoardView.class, MyBookingsView.class, EnvironmentDetailView.class)) {
            assertThat(access(view, Role.FIELD_ENGINEER))
                    .as("%s: field engineer", view)
                    .isTrue();
            assertThat(access(view, Role.MANAGER)).as("%s: manager", view).isTrue();
            assertThat(access(view, Role.ADMIN)).as("%s: admin", view).isTrue();
            assertThat(access(view, Role.CUSTOMER)).as("%s: customer", view).isFalse();
            assertThat(anonymous(view)).as("%s: anonymous", view).isFalse();
        }
    }

    @Test
    void dashboardsAndTheAuditTrailAreForManagersAndAdmins() {
        for (Class<?> view : List.of(
                UtilisationView.class, HoldersView.class, SandboxesView.class, NowView.class, AuditView.class)) {
            assertThat(access(view, Role.MANAGER)).as("%s: manager", view).isTrue();
            assertThat(access(view, Role.ADMIN)).as("%s: admin", view).isTrue();
            assertThat(access(view, Role.FIELD_ENGINEER))
                    .as("%s: field engineer", view)
                    .isFalse();
            assertThat(access(view, Role.CUSTOMER)).as("%s: customer", view).isFalse();
            assertThat(anonymous(view)).as("%s: anonymous", view).isFalse();
        }
        assertThat(access(MyUsageView.class, Role.FIELD_ENGINEER)).isTrue();
        assertThat(access(MyUsageView.class, Role.CUSTOMER)).isFalse();
        assertThat(access(OrganisationActivityView.class, Role.CUSTOMER)).isTrue();
        assertThat(access(OrganisationActivityView.class, Role.FIELD_ENGINEER)).isFalse();
        assertThat(anonymous(OrganisationActivityView.class)).isFalse();
    }

    @Test
    void regionsAreForAdminsOnly() {
        assertThat(access(RegionsView.class, Role.ADMIN)).isTrue();
        assertThat(access(RegionsView.class, Role.FIELD_ENGINEER)).isFalse();
        assertThat(access(RegionsView.class, Role.MANAGER)).isFalse();
        assertThat(access(RegionsView.class, Role.CUSTOMER)).isFalse();
    }

    @Test
    void theOutboxAndWebhooksAreForAdminsOnly() {
        for (Class<?> view : List.of(
                dev.demoportal.notification.ui.OutboxView.class, dev.demoportal.notification.ui.WebhooksView.class)) {
            assertThat(access(view, Role.ADMIN)).as("%s: admin", view).isTrue();
            assertThat(access(view, Role.MANAGER)).as("%s: manager", view).isFalse();
            assertThat(access(view, Role.FIELD_ENGINEER))
                    .as("%s: field engineer", view)
                    .isFalse();
            assertThat(access(view, Role.CUSTOMER)).as("%s: customer", view).isFalse();
            assertThat(anonymous(view)).as("%s: anonymous", view).isFalse();
        }
    }

    @Test
    void everySignedInPersonHasAnAccountAndAStartPage() {
        for (Role role : Role.values()) {
            assertThat(access(AccountView.class, role)).as("%s: account", role).isTrue();
            assertThat(access(HomeView.class, role)).as("%s: start page", role).isTrue();
        }
        assertThat(anonymous(AccountView.class)).isFalse();
        assertThat(anonymous(HomeView.class)).isFalse();
    }

    @Test
    void refusedSignInsCanReadWhyWithoutASession() {
        assertThat(anonymous(SignInProblemView.class)).isTrue();
        // the shell itself is open; what it shows depends on who is signed in
        assertThat(anonymous(MainLayout.class)).isTrue();
    }

    @Test
    void sandboxPagesByRole() {
        assertThat(access(dev.demoportal.sandbox.ui.MySandboxesView.class, Role.CUSTOMER))
                .isTrue();
        assertThat(access(dev.demoportal.sandbox.ui.MySandboxesView.class, Role.FIELD_ENGINEER))
                .isFalse();
        for (Role role : Role.values()) {
            assertThat(access(dev.demoportal.sandbox.ui.RequestSandboxView.class, role))
                    .as("request: %s", role)
                    .isTrue();
            // the page itself is open to everyone signed in; the service answers "not found" for
            // other organisations' sandboxes
            assertThat(access(dev.demoportal.sandbox.ui.SandboxPageView.class, role))
                    .as("page: %s", role)
                    .isTrue();
        }
        for (Class<?> view : List.of(
                dev.demoportal.sandbox.ui.ApprovalsView.class,
                dev.demoportal.sandbox.ui.AllSandboxesView.class,
                dev.demoportal.identity.ui.OrganisationsView.class)) {
            assertThat(access(view, Role.FIELD_ENGINEER))
                    .as("%s: field engineer", view)
                    .isTrue();
            assertThat(access(view, Role.MANAGER)).as("%s: manager", view).isTrue();
            assertThat(access(view, Role.ADMIN)).as("%s: admin", view).isTrue();
            assertThat(access(view, Role.CUSTOMER)).as("%s: customer", view).isFalse();
            assertThat(anonymous(view)).as("%s: anonymous", view).isFalse();
        }
        assertThat(access(dev.demoportal.sandbox.ui.TemplatesView.class, Role.ADMIN))
                .isTrue();
        assertThat(access(dev.demoportal.sandbox.ui.TemplatesView.class, Role.FIELD_ENGINEER))
                .isFalse();
        assertThat(access(dev.demoportal.sandbox.ui.TemplatesView.class, Role.MANAGER))
                .isFalse();
        assertThat(anonymous(dev.demoportal.sandbox.ui.SandboxPageView.class)).isFalse();
        assertThat(anonymous(dev.demoportal.identity.ui.InvitationLandingView.class))
                .isFalse();
    }

    private boolean access(Class<?> view, Role role) {
        Principal principal = () -> "someone";
        return checker.hasAccess(view, principal, r -> r.equals(role.name()));
    }

    private boolean anonymous(Class<?> view) {
        return checker.hasAccess(view, null, r -> false);
    }
}
