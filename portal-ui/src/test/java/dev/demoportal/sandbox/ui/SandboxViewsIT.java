package dev.demoportal.sandbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.router.RouterLink;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.sandbox.SandboxFilter;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxView;
import dev.demoportal.shell.NotAvailableView;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sandbox pages as each role uses them, browserless, against the seeded local-mode data:
 * customers see their organisation's sandboxes only (by list and by address), request from the
 * catalogue, and staff decide in the approvals queue.
 */
class SandboxViewsIT extends ViewTestSupport {

    @Autowired
    SandboxService sandboxes;

    private static Button choose(RequestSandboxView view, String template) {
        return _find(view.catalogue, Button.class).stream()
                .filter(b -> b.getAriaLabel().orElse("").equals("Choose " + template)).findFirst().orElseThrow();
    }

    private List<SandboxView> of(Person person) {
        openUiAs(person);
        return sandboxes.sandboxes(SandboxFilter.ALL, 0, 100);
    }

    @Test
    void aCustomerSeesHerOrganisationsSandboxesAsCards() {
        List<UUID> daves = of(Person.DAVE).stream().map(SandboxView::id).toList();
        List<SandboxView> carols = of(Person.CAROL);

        UI.getCurrent().navigate("sandboxes");
        MySandboxesView view = _get(MySandboxesView.class);

        List<String> shown = view.cards.getChildren().map(c -> c.getElement().getAttribute("data-sandbox"))
                .toList();
        // every current one; of the finished ones only the latest few
        assertThat(shown).containsAll(carols.stream().filter(s -> !s.status().finished())
                .map(s -> s.id().toString()).toList());
        assertThat(shown).isSubsetOf(carols.stream().map(s -> s.id().toString()).toList());
        assertThat(shown.size()).isLessThanOrEqualTo((int) carols.stream().filter(s -> !s.status().finished())
                .count() + 6);
        assertThat(shown).doesNotContainAnyElementsOf(daves.stream().map(UUID::toString).toList());
        assertThat(_find(view, RouterLink.class).stream().map(RouterLink::getText)).contains("Progressive delivery demo app");
    }

    @Test
    void anotherOrganisationsSandboxPageIsNotAvailableLikeOneThatDoesNotExist() {
        UUID daves = of(Person.DAVE).getFirst().id();
        UUID carols = of(Person.CAROL).getFirst().id();

        UI.getCurrent().navigate("sandboxes/" + carols);
        _assertOne(SandboxPageView.class);

        UI.getCurrent().navigate("sandboxes/" + daves);
        _assertNone(SandboxPageView.class);
        _assertOne(NotAvailableView.class);

        UI.getCurrent().navigate("sandboxes/" + UUID.randomUUID());
        _assertOne(NotAvailableView.class);
    }

    @Test
    void aCustomerRequestsFromTheCatalogueAndLandsOnTheSandboxPage() {
        openUiAs(Person.CAROL);
        UI.getCurrent().navigate("sandboxes/request");
        RequestSandboxView view = _get(RequestSandboxView.class);
        _click(choose(view, "Secrets management workshop"));

        view.region.setValue("apj");
        view.lifetime.setValue(48);
        view.useCase.setValue("Rotate database credentials in our CI");
        _click(view.submit);

        SandboxPageView page = _get(SandboxPageView.class);
        SandboxView created = sandboxes.sandboxes(SandboxFilter.ALL, 0, 1).getFirst();
        assertThat(created.templateSlug()).isEqualTo("secrets-workshop");
        assertThat(created.region()).isEqualTo("apj");
        assertThat(created.lifetimeHours()).isEqualTo(48);
        // 48 h is beyond the template's 24 h default: a person decides
        assertThat(created.status()).isEqualTo(SandboxStatus.REQUESTED);
        assertThat(page.getPageTitle()).isEqualTo("Sandbox " + created.name());
    }

    @Test
    void theFormShowsTheServicesFieldErrors() {
        openUiAs(Person.CAROL);
        UI.getCurrent().navigate("sandboxes/request");
        RequestSandboxView view = _get(RequestSandboxView.class);
        _click(choose(view, "CI/CD trial"));

        view.lifetime.setValue(999);
        view.useCase.setValue("");
        _click(view.submit);

        assertThat(view.lifetime.isInvalid()).isTrue();
        assertThat(view.lifetime.getErrorMessage()).isEqualTo("CI/CD trial lives at most 336 hours");
        assertThat(view.useCase.isInvalid()).isTrue();
        _assertNone(SandboxPageView.class);
    }

    @Test
    void aFieldEngineerApprovesFromTheQueueButNotHerOwnRequest() {
        openUiAs(Person.ALICE);
        SandboxView own = sandboxes.request(new dev.demoportal.sandbox.SandboxRequest("progressive-delivery", "na",
                24, "Partner workshop", "globex"));
        UI.getCurrent().navigate("approvals");
        ApprovalsView view = _get(ApprovalsView.class);
        List<SandboxView> queue = sandboxes.approvalQueue();
        int carolsRow = queue.indexOf(queue.stream().filter(s -> s.requestedBy().name().equals("Carol Customer"))
                .findFirst().orElseThrow());
        int ownRow = queue.indexOf(queue.stream().filter(s -> s.id().equals(own.id())).findFirst().orElseThrow());
        assertThat(_size(view.grid)).isEqualTo(queue.size());

        Button ownApprove = _get(_getCellComponent(view.grid, ownRow, "actions"), Button.class,
                spec -> spec.withText("Approve"));
        assertThat(ownApprove.isEnabled()).isFalse();

        _click(_get(_getCellComponent(view.grid, carolsRow, "actions"), Button.class, spec -> spec.withText("Approve")));
        DecisionDialog dialog = _get(DecisionDialog.class);
        dialog.note.setValue("Enjoy the demo");
        _click(dialog.confirm);

        SandboxView approved = sandboxes.sandbox(queue.get(carolsRow).id());
        assertThat(approved.status()).isEqualTo(SandboxStatus.APPROVED);
        assertThat(approved.decisionNote()).isEqualTo("Enjoy the demo");
        assertThat(sandboxes.approvalQueue()).extracting(SandboxView::id).doesNotContain(approved.id());
    }

    @Test
    void customersCannotOpenTheApprovalsOrAllSandboxes() {
        openUiAs(Person.CAROL);

        for (String route : List.of("approvals", "sandboxes/all", "organisations", "admin/templates")) {
            UI.getCurrent().navigate(route);
            _assertOne(NotAvailableView.class);
        }
        _assertNone(ApprovalsView.class);
    }

    @Test
    void staffFilterAllSandboxesByOrganisation() {
        openUiAs(Person.MARIA);
        UI.getCurrent().navigate("sandboxes/all");
        AllSandboxesView view = _get(AllSandboxesView.class);
        int all = _size(view.grid);

        view.organisation.setValue(view.organisation.getListDataView().getItems()
                .filter(o -> o.slug().equals("globex")).findFirst().orElseThrow());

        assertThat(_size(view.grid)).isLessThan(all).isPositive();
        for (int i = 0; i < _size(view.grid); i++) {
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._get(view.grid, i).organisation().slug())
                    .isEqualTo("globex");
        }
    }

    @Test
    void adminsSeeTheCatalogue() {
        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("admin/templates");
        TemplatesView view = _get(TemplatesView.class);

        assertThat(_size(view.grid)).isEqualTo(3);
    }
}
