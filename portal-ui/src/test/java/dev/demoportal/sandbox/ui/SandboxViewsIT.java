package dev.demoportal.sandbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.base.SystemTask;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.ProvisioningEvents;
import dev.demoportal.sandbox.SandboxFilter;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import dev.demoportal.sandbox.SandboxTemplateService;
import dev.demoportal.shell.NotAvailableView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox pages as each role uses them, browserless, against the test fixtures (TestFixtures):
 * customers see their organisation's sandboxes only (by list and by address), request from the
 * catalogue, and staff decide in the approvals queue.
 */
class SandboxViewsIT extends ViewTestSupport {

    @Autowired
    SandboxService sandboxes;

    @Autowired
    SandboxRequestService requestService;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    SandboxTemplateService templates;

    /**
     * The zone Karibu's fake browser reports (Europe/Helsinki), which the views pick up as a real
     * browser's. Never UTC, so an assertion on viewer-zone text fails if a page shows UTC instead.
     */
    private ZoneId viewerZone() {
        ZoneId zone = ViewerTime.zone();
        assertThat(zone.getRules().getOffset(clock.instant()))
                .as("the test browser's zone %s is not UTC", zone)
                .isNotEqualTo(ZoneOffset.UTC);
        return zone;
    }

    /** The worker's side, as the embedded worker does it: runs the queued provision job to success. */
    private void provisioned(UUID sandboxId) {
        provisioned(sandboxId, Map.of());
    }

    /** The same, the job handing over these secrets (as the worker's secrets step does). */
    private void provisioned(UUID sandboxId, Map<String, String> secrets) {
        workerRuns(
                sandboxId,
                "SUCCEEDED",
                job -> new ProvisioningEvents.JobSucceeded(
                        job,
                        sandboxId,
                        JobKind.PROVISION,
                        Map.of("accessUrl", "https://" + sandboxId + ".sandbox.example"),
                        secrets));
    }

    /** The worker's side: the queued provision job starts and fails for good at region-platform / namespace. */
    private void failed(UUID sandboxId) {
        workerRuns(
                sandboxId,
                "FAILED",
                job -> new ProvisioningEvents.JobFailed(
                        job,
                        sandboxId,
                        JobKind.PROVISION,
                        dev.demoportal.provisioning.Layer.REGION_PLATFORM,
                        "namespace",
                        "namespace quota exhausted"));
    }

    /** Starts the queued provision job, then ends it in {@code status} with the event {@code ending} makes. */
    private void workerRuns(UUID sandboxId, String status, java.util.function.Function<UUID, Object> ending) {
        UUID job = jdbc.queryForObject(
                "select id from provisioning_job where sandbox_id = ? and status = 'QUEUED'", UUID.class, sandboxId);
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update("update provisioning_job set status = 'RUNNING', started_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobStarted(job, sandboxId, JobKind.PROVISION));
        });
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update("update provisioning_job set status = ?, finished_at = now() where id = ?", status, job);
            events.publishEvent(ending.apply(job));
        });
    }

    private static Button choose(RequestSandboxView view, String template) {
        return _find(view.catalogue, Button.class).stream()
                .filter(b -> b.getAriaLabel().orElse("").equals("Choose " + template))
                .findFirst()
                .orElseThrow();
    }

    private List<SandboxSummary> of(Person person) {
        openUiAs(person);
        return sandboxes.sandboxes(SandboxFilter.ALL, 0, 100);
    }

    @Test
    void aCustomerSeesHerOrganisationsSandboxesAsCards() {
        List<UUID> daves = of(Person.DAVE).stream().map(SandboxSummary::id).toList();
        List<SandboxSummary> carols = of(Person.CAROL);

        UI.getCurrent().navigate("sandboxes");
        MySandboxesView view = _get(MySandboxesView.class);

        List<String> shown = view.cards
                .getChildren()
                .map(c -> c.getElement().getAttribute("data-sandbox"))
                .toList();
        // every current one; of the finished ones only the latest few
        assertThat(shown)
                .containsAll(carols.stream()
                        .filter(s -> !s.status().finished())
                        .map(s -> s.id().toString())
                        .toList());
        assertThat(shown).isSubsetOf(carols.stream().map(s -> s.id().toString()).toList());
        assertThat(shown.size())
                .isLessThanOrEqualTo((int) carols.stream()
                                .filter(s -> !s.status().finished())
                                .count()
                        + 6);
        assertThat(shown)
                .doesNotContainAnyElementsOf(daves.stream().map(UUID::toString).toList());
        assertThat(_find(view, RouterLink.class).stream().map(RouterLink::getText))
                .contains("Progressive delivery demo app");
    }

    @Test
    void theSandboxPageShowsEveryTimeInTheViewersTimeZoneAndSaysWhichZone() {
        SandboxSummary queued = of(Person.CAROL).stream()
                .filter(s -> s.status() == SandboxStatus.APPROVED)
                .findFirst()
                .orElseThrow();
        provisioned(queued.id());
        SandboxSummary ready = sandboxes.sandbox(queued.id());
        assertThat(ready.status()).isEqualTo(SandboxStatus.READY);

        UI.getCurrent().navigate("sandboxes/" + ready.id());
        SandboxPageView page = _get(SandboxPageView.class);
        ZoneId zone = viewerZone();
        Instant now = clock.instant();

        assertThat(_get(page, Span.class, spec -> spec.withId("zone-note")).getText())
                .isEqualTo(ViewerTime.note(zone))
                .contains("(" + ViewerTime.place(zone) + ")");
        assertThat(_find(page.header, Span.class).stream().map(Span::getText))
                .anyMatch(t -> t.startsWith(
                        "Requested by Carol Customer at " + ViewerTime.format(ready.requestedAt(), zone, now) + " for "
                                + ready.lifetimeHours() + " hours"));
        assertThat(_find(page.header, Paragraph.class).stream().map(Paragraph::getText))
                .anyMatch(t -> t.startsWith("Approved by " + ready.decidedByLabel() + " at "
                        + ViewerTime.format(ready.decidedAt(), zone, now)));
        assertThat(_get(page, Span.class, spec -> spec.withId("ready")).getText())
                .isEqualTo("Ready at " + ViewerTime.format(ready.readyAt(), zone, now));
        // a lifetime of whole days counts down in the booking pages' words, with the time beside it
        String expiry = _get(page, Span.class, spec -> spec.withId("expiry")).getText();
        assertThat(expiry)
                .isEqualTo("Expires in " + ViewerTime.length(Duration.ofHours(ready.lifetimeHours())) + " ("
                        + ViewerTime.format(ready.expiresAt(), zone, now) + ")");
        // what a viewer outside UTC must not read
        assertThat(expiry).doesNotContain(ViewerTime.format(ready.expiresAt(), ZoneOffset.UTC, now));
        assertThat(_find(page.timeline, ListItem.class).stream()
                        .map(ListItem::getText)
                        .toList())
                .isEqualTo(sandboxes.timeline(ready.id()).stream()
                        .map(e -> ViewerTime.format(e.at(), zone, now) + " — " + e.label() + " — " + e.actor())
                        .toList())
                .isNotEmpty();

        UI.getCurrent().navigate("sandboxes");
        MySandboxesView mine = _get(MySandboxesView.class);
        assertThat(_get(mine, Span.class, spec -> spec.withId("zone-note")).getText())
                .endsWith(ViewerTime.note(zone));
        assertThat(_find(mine.cards, Span.class).stream().map(Span::getText)).contains(expiry);
    }

    /**
     * The reveal is itself a change of the sandbox (it is audited), so the page's live update
     * redraws it right after: the revealed value must survive that redraw, and any later one, until
     * the viewer hides it; redraws never reveal (and so never record) again.
     */
    @Test
    void aRevealedSecretStaysThroughLiveUpdatesUntilHiddenAndIsRecordedOnce() {
        SandboxSummary queued = carolsOwn(24);
        assertThat(queued.status()).isEqualTo(SandboxStatus.APPROVED);
        provisioned(queued.id(), Map.of("adminPassword", "Tr1cky-Pa55word"));
        UI.getCurrent().navigate("sandboxes/" + queued.id());
        SandboxPageView page = _get(SandboxPageView.class);
        assertThat(shownSecrets(page)).isEmpty();

        _click(_get(page, Button.class, spec -> spec.withId("reveal-secrets")));
        assertThat(shownSecrets(page)).containsExactly("Tr1cky-Pa55word");
        _assertOne(page.access.secrets, Button.class, spec -> spec.withText("Copy"));

        // the live update the reveal's own audit entry announces: the timeline then lists the reveal
        waitForLiveUpdate(page, () -> timelineLabels(page).stream().anyMatch(t -> t.contains("Secrets revealed")));
        assertThat(shownSecrets(page)).as("after the live update").containsExactly("Tr1cky-Pa55word");
        page.refresh();
        assertThat(shownSecrets(page)).as("after another redraw").containsExactly("Tr1cky-Pa55word");
        assertThat(reveals(queued.id())).isEqualTo(1);
        // while shown there is nothing to reveal (and to record) again
        _assertNone(page, Button.class, spec -> spec.withId("reveal-secrets"));

        _click(_get(page.access.secrets, Button.class, spec -> spec.withText("Hide")));
        assertThat(shownSecrets(page)).isEmpty();
        page.refresh();
        assertThat(shownSecrets(page)).isEmpty();
        _assertOne(page, Button.class, spec -> spec.withId("reveal-secrets"));
        assertThat(reveals(queued.id())).isEqualTo(1);
    }

    /**
     * The hand-off kit: the kubeconfig and the Vault section revealed with the secrets, each with a
     * copy button, recorded once; the Vault section only when the driver handed Vault over.
     */
    @Test
    void theHandOffKitIsRevealedWithCopyButtonsAndVaultOnlyWhenDelivered() {
        SandboxSummary withVault = carolsOwn(24);
        String kubeconfig = "apiVersion: v1\nkind: Config\ncurrent-context: " + withVault.name() + "\n";
        provisioned(
                withVault.id(),
                Map.of(
                        "adminPassword",
                        "Tr1cky-Pa55word",
                        "kubeconfig",
                        kubeconfig,
                        "vault-path",
                        "sandboxes/" + withVault.id(),
                        "vault-login",
                        "vault login -method=kubernetes role=" + withVault.name()));
        UI.getCurrent().navigate("sandboxes/" + withVault.id());
        SandboxPageView page = _get(SandboxPageView.class);
        _assertNone(page, Pre.class, spec -> spec.withId("kit-kubeconfig"));
        assertThat(_find(page.access, Button.class).stream()
                        .map(b -> b.getAriaLabel().orElse(""))
                        .toList())
                .contains("Copy the URL");

        _click(_get(page, Button.class, spec -> spec.withId("reveal-secrets")));

        assertThat(_get(page.access.secrets, Pre.class, spec -> spec.withId("kit-kubeconfig"))
                        .getText())
                .isEqualTo(kubeconfig);
        assertThat(shownSecrets(page)).containsExactly("Tr1cky-Pa55word");
        Div vault = _get(page.access.secrets, Div.class, spec -> spec.withId("kit-vault-section"));
        assertThat(_get(vault, Span.class, spec -> spec.withClasses("dp-vault")).getText())
                .isEqualTo("sandboxes/" + withVault.id());
        assertThat(_get(vault, Pre.class, spec -> spec.withClasses("dp-vault")).getText())
                .startsWith("vault login -method=kubernetes");
        assertThat(_find(page.access.secrets, Button.class, spec -> spec.withText("Copy")).stream()
                        .map(b -> b.getAriaLabel().orElse(""))
                        .toList())
                .containsExactlyInAnyOrder(
                        "Copy adminPassword", "Copy kubeconfig", "Copy vault-path", "Copy vault-login");
        assertThat(reveals(withVault.id())).isEqualTo(1);

        SandboxSummary withoutVault = carolsOwn(24);
        provisioned(withoutVault.id(), Map.of("adminPassword", "An0ther-Pa55", "kubeconfig", kubeconfig));
        UI.getCurrent().navigate("sandboxes/" + withoutVault.id());
        SandboxPageView other = _get(SandboxPageView.class);
        _click(_get(other, Button.class, spec -> spec.withId("reveal-secrets")));
        _assertOne(other.access.secrets, Pre.class, spec -> spec.withId("kit-kubeconfig"));
        _assertNone(other.access.secrets, Div.class, spec -> spec.withId("kit-vault-section"));
    }

    private static List<String> shownSecrets(SandboxPageView page) {
        return _find(page.access.secrets, Span.class).stream()
                .filter(s -> s.hasClassName("dp-secret"))
                .map(Span::getText)
                .toList();
    }

    private static List<String> timelineLabels(SandboxPageView page) {
        return _find(page.timeline, ListItem.class).stream()
                .map(ListItem::getText)
                .toList();
    }

    private int reveals(UUID sandboxId) {
        return jdbc.queryForObject(
                "select count(*) from audit_event where target_type = 'sandbox' and target_id = ? "
                        + "and action = 'sandbox.secrets_revealed'",
                Integer.class,
                sandboxId.toString());
    }

    /**
     * Runs the UI tasks the sandbox listener queues (its {@code ui.access}) until {@code done}; the
     * listener hears the database's NOTIFY on its own thread, so this waits, generously.
     */
    private static void waitForLiveUpdate(SandboxPageView page, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("a live update of the page within 60 s")
                    .isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            com.github.mvysny.kaributesting.v10.MockVaadin.runUIQueue();
        }
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
        SandboxSummary created = sandboxes.sandboxes(SandboxFilter.ALL, 0, 1).getFirst();
        assertThat(created.templateSlug()).isEqualTo("secrets-workshop");
        assertThat(created.region()).isEqualTo("apj");
        assertThat(created.lifetimeHours()).isEqualTo(48);
        // 48 h is beyond the template's 24 h default: a person decides
        assertThat(created.status()).isEqualTo(SandboxStatus.REQUESTED);
        assertThat(page.getPageTitle()).isEqualTo("Sandbox " + created.name());
        // what the template declares the sandbox gets
        assertThat(_find(page.contents, ListItem.class))
                .extracting(ListItem::getText)
                .containsExactly(
                        "namespace quota: cpu 2, memory 4Gi",
                        "readiness probe of the access URL at /",
                        "Vault KV path workshops/" + created.name()
                                + " (read, list), its policy and a Kubernetes auth role for the sandbox's service account");
    }

    /**
     * The catalogue says, before anything is filled in, how much of each template's quota the
     * organisation has left; a template whose quota is used up cannot be chosen.
     */
    @Test
    void aCustomerSeesHerOrganisationsQuotaLeftBeforeChoosing() {
        // Acme holds as many progressive-delivery sandboxes as it may (an admin's quota to the count)
        int progressive = activeOfAcme("progressive-delivery");
        SystemTask.run("test", List.of("ADMIN"), () -> {
            templates.setQuota("acme-corp", "progressive-delivery", progressive);
            return null;
        });
        openUiAs(Person.CAROL);
        UI.getCurrent().navigate("sandboxes/request");
        RequestSandboxView view = _get(RequestSandboxView.class);

        assertThat(quotaOn(view, "progressive-delivery"))
                .isEqualTo("Acme Corp: " + progressive + " of " + progressive
                        + " in use, none left. Tear one down or cancel a request still waiting for approval, or ask your "
                        + "contact to raise the quota.");
        assertThat(choose(view, "Progressive delivery demo app").isEnabled()).isFalse();
        // the seed's CI/CD trial of Acme, approved; the template allows two
        assertThat(activeOfAcme("cicd-trial")).isEqualTo(1);
        assertThat(quotaOn(view, "cicd-trial")).isEqualTo("Acme Corp: 1 of 2 in use, 1 left");
        assertThat(choose(view, "CI/CD trial").isEnabled()).isTrue();

        _click(choose(view, "CI/CD trial"));
        assertThat(view.quotaNote.getText()).isEqualTo("Acme Corp: 1 of 2 in use, 1 left");
    }

    private int activeOfAcme(String template) {
        return jdbc.queryForObject("""
                select count(*) from sandbox s join organisation o on o.id = s.organisation_id
                join sandbox_template t on t.id = s.template_id
                where o.slug = 'acme-corp' and t.slug = ? and s.status not in ('REJECTED', 'CANCELLED', 'TORN_DOWN')""", Integer.class, template);
    }

    /**
     * A secrets workshop of carol's own, for tests that change it: approved by policy within 24 h,
     * waiting for approval beyond. Acme's quota for it is raised, so the tests' order does not matter.
     */
    private SandboxSummary carolsOwn(int hours) {
        SystemTask.run("test", List.of("ADMIN"), () -> {
            templates.setQuota("acme-corp", "secrets-workshop", 50);
            return null;
        });
        openUiAs(Person.CAROL);
        return requestService.request(new dev.demoportal.sandbox.SandboxRequest(
                "secrets-workshop", "emea", hours, "A test of its own", null));
    }

    @Test
    void staffSeeTheQuotaOfTheOrganisationTheyName() {
        openUiAs(Person.ALICE);
        UI.getCurrent().navigate("sandboxes/request");
        RequestSandboxView view = _get(RequestSandboxView.class);
        _click(choose(view, "Secrets management workshop"));
        assertThat(view.quotaNote.getText()).isEmpty();

        view.organisation.setValue(view.organisation
                .getListDataView()
                .getItems()
                .filter(o -> o.slug().equals("globex"))
                .findFirst()
                .orElseThrow());

        // dave's secrets workshop from the seed data
        assertThat(view.quotaNote.getText()).isEqualTo("Globex: 1 of 3 in use, 2 left");
    }

    private static String quotaOn(RequestSandboxView view, String template) {
        com.vaadin.flow.component.Component card = view.catalogue
                .getChildren()
                .filter(c -> template.equals(c.getElement().getAttribute("data-template")))
                .findFirst()
                .orElseThrow();
        return _get(card, Span.class, spec -> spec.withClasses("dp-quota")).getText();
    }

    @Test
    void aCustomerCancelsHerRequestWhileItWaitsAfterConfirming() {
        SandboxSummary waiting = carolsOwn(48);
        assertThat(waiting.status()).isEqualTo(SandboxStatus.REQUESTED);
        UI.getCurrent().navigate("sandboxes/" + waiting.id());
        SandboxPageView page = _get(SandboxPageView.class);

        _click(_get(page.actions, Button.class, spec -> spec.withId("cancel-request")));
        assertThat(sandboxes.sandbox(waiting.id()).status())
                .as("not before confirming")
                .isEqualTo(SandboxStatus.REQUESTED);
        _fireConfirm(_get(ConfirmDialog.class));

        SandboxSummary cancelled = sandboxes.sandbox(waiting.id());
        assertThat(cancelled.status()).isEqualTo(SandboxStatus.CANCELLED);
        assertThat(_find(page.header, Paragraph.class).stream().map(Paragraph::getText))
                .contains("Request cancelled at "
                        + ViewerTime.format(cancelled.cancelledAt(), viewerZone(), clock.instant())
                        + ", before anyone decided.");
        _assertNone(page.actions, Button.class, spec -> spec.withId("cancel-request"));
        assertThat(timelineLabels(page)).last().asString().contains("Request cancelled");
    }

    /**
     * A failed sandbox says when it will be cleaned up (in the viewer's zone) and that it holds
     * quota until then; its customer tears it down herself, after confirming.
     */
    @Test
    void aCustomerSeesTheCleanUpDeadlineOfAFailedSandboxAndTearsItDown() {
        SandboxSummary queued = carolsOwn(24);
        failed(queued.id());
        SandboxSummary failed = sandboxes.sandbox(queued.id());
        assertThat(failed.cleanupAt()).isEqualTo(failed.failedAt().plus(Duration.ofHours(24)));
        UI.getCurrent().navigate("sandboxes/" + queued.id());
        SandboxPageView page = _get(SandboxPageView.class);
        ZoneId zone = viewerZone();
        Instant now = clock.instant();

        assertThat(_find(page.header, Paragraph.class).stream().map(Paragraph::getText))
                .contains("Failed at region-platform / namespace: namespace quota exhausted");
        String cleanup =
                _get(page.header, Span.class, spec -> spec.withId("cleanup")).getText();
        assertThat(cleanup)
                .startsWith("Unless a field engineer retries it, it is torn down in ")
                .endsWith(" (" + ViewerTime.format(failed.cleanupAt(), zone, now) + "). Until it is torn down it "
                        + "counts against Acme Corp's quota of Secrets management workshop sandboxes.");
        assertThat(cleanup).doesNotContain(failed.cleanupAt().toString());

        _click(_get(page.actions, Button.class, spec -> spec.withId("teardown")));
        assertThat(_get(ConfirmDialog.class).getElement().getProperty("message"))
                .contains("no longer counts against the quota");
        _fireConfirm(_get(ConfirmDialog.class));

        assertThat(sandboxes.sandbox(queued.id()).status()).isEqualTo(SandboxStatus.TEARING_DOWN);
        _assertNone(page.header, Span.class, spec -> spec.withId("cleanup"));
        assertThat(jdbc.queryForObject(
                        "select kind from provisioning_job where sandbox_id = ? and status = 'QUEUED'",
                        String.class,
                        queued.id()))
                .isEqualTo("TEARDOWN");
    }

    /** The worker's side of a rollback after {@link #failed}: it runs and records this receipt. */
    private void rolledBack(UUID sandboxId, String receipt) {
        UUID job = UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update(
                    "insert into provisioning_job (id, sandbox_id, kind, status, region_code, spec, created_at,"
                            + " started_at) select ?, id, 'ROLLBACK', 'RUNNING', region_code, '{}', now(), now()"
                            + " from sandbox where id = ?",
                    job,
                    sandboxId);
            events.publishEvent(new ProvisioningEvents.JobStarted(job, sandboxId, JobKind.ROLLBACK));
        });
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update("update provisioning_job set status = 'SUCCEEDED', finished_at = now() where id = ?", job);
            events.publishEvent(new ProvisioningEvents.JobSucceeded(
                    job, sandboxId, JobKind.ROLLBACK, Map.of("teardownReceipt", receipt), Map.of()));
        });
    }

    @Test
    void aRolledBackSandboxShowsItsReceiptPerLayerAndTheFinalCheck() {
        SandboxSummary queued = carolsOwn(24);
        failed(queued.id());
        rolledBack(queued.id(), """
                {"sandbox": "x", "kind": "rollback", "verifiedAt": "2026-03-02T09:00:00Z", "nothingLeft": true,
                 "layers": {
                   "global": {"driver": "aws", "removed": [{"step": "dns-record", "result": {"dnsRecord": "deleted"}}],
                              "checked": ["iam:role/demoportal-sandbox-x"],
                              "leftoverScans": [{"searched": "IAM roles tagged demoportal:sandbox-id", "found": []}]},
                   "region-platform": {"driver": "kubernetes",
                              "removed": [{"step": "namespace", "result": {"namespace": "deleted"}}],
                              "checked": ["namespace/x"], "leftoverScans": []}}}""");

        SandboxSummary s = sandboxes.sandbox(queued.id());
        assertThat(s.status()).isEqualTo(SandboxStatus.FAILED);
        assertThat(s.rolledBackAt()).isNotNull();
        UI.getCurrent().navigate("sandboxes/" + queued.id());
        SandboxPageView page = _get(SandboxPageView.class);

        assertThat(page.receipt.isVisible()).isTrue();
        assertThat(_get(page.receipt, com.vaadin.flow.component.html.H3.class).getText())
                .isEqualTo("Rollback receipt");
        assertThat(_find(page.receipt, com.vaadin.flow.component.html.H4.class).stream()
                        .map(h -> h.getText()))
                .containsExactly("global (aws)", "region-platform (kubernetes)");
        assertThat(_find(page.receipt, ListItem.class).stream().map(ListItem::getText))
                .contains(
                        "Removed dns-record — dnsRecord: deleted",
                        "Removed namespace — namespace: deleted",
                        "Checked gone: namespace/x",
                        "Searched IAM roles tagged demoportal:sandbox-id: nothing found");
        assertThat(_get(page.receipt, Span.class, spec -> spec.withId("receipt-final-check"))
                        .getText())
                .startsWith("Final check: nothing left, by the portal's names or the sandbox id")
                .doesNotContain("T09:00:00Z");
        assertThat(_get(page.header, Span.class, spec -> spec.withId("rolled-back"))
                        .getText())
                .startsWith("What its failed provision made was removed at ");
    }

    @Test
    void aSandboxWithoutAReceiptShowsNoReceiptCard() {
        SandboxSummary queued = carolsOwn(24);
        failed(queued.id());
        UI.getCurrent().navigate("sandboxes/" + queued.id());

        assertThat(_get(SandboxPageView.class).receipt.isVisible()).isFalse();
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
        SandboxSummary own = requestService.request(new dev.demoportal.sandbox.SandboxRequest(
                "progressive-delivery", "na", 24, "Partner workshop", "globex"));
        UI.getCurrent().navigate("approvals");
        ApprovalsView view = _get(ApprovalsView.class);
        List<SandboxSummary> queue = requestService.approvalQueue();
        int carolsRow = queue.indexOf(queue.stream()
                .filter(s -> s.requestedBy().name().equals("Carol Customer"))
                .findFirst()
                .orElseThrow());
        int ownRow = queue.indexOf(
                queue.stream().filter(s -> s.id().equals(own.id())).findFirst().orElseThrow());
        assertThat(_size(view.grid)).isEqualTo(queue.size());
        ZoneId zone = viewerZone();
        assertThat(view.zoneNote.getText()).isEqualTo(ViewerTime.note(zone));
        assertThat(_getFormattedRow(view.grid, carolsRow).getFirst())
                .isEqualTo(ViewerTime.format(queue.get(carolsRow).requestedAt(), zone, clock.instant()));

        Button ownApprove =
                _get(_getCellComponent(view.grid, ownRow, "actions"), Button.class, spec -> spec.withText("Approve"));
        assertThat(ownApprove.isEnabled()).isFalse();

        _click(_get(
                _getCellComponent(view.grid, carolsRow, "actions"), Button.class, spec -> spec.withText("Approve")));
        DecisionDialog dialog = _get(DecisionDialog.class);
        dialog.note.setValue("Enjoy the demo");
        _click(dialog.confirm);

        SandboxSummary approved = sandboxes.sandbox(queue.get(carolsRow).id());
        assertThat(approved.status()).isEqualTo(SandboxStatus.APPROVED);
        assertThat(approved.decisionNote()).isEqualTo("Enjoy the demo");
        assertThat(requestService.approvalQueue())
                .extracting(SandboxSummary::id)
                .doesNotContain(approved.id());
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

        view.organisation.setValue(view.organisation
                .getListDataView()
                .getItems()
                .filter(o -> o.slug().equals("globex"))
                .findFirst()
                .orElseThrow());

        assertThat(_size(view.grid)).isLessThan(all).isPositive();
        for (int i = 0; i < _size(view.grid); i++) {
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._get(view.grid, i)
                            .organisation()
                            .slug())
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

    @Test
    void theTemplateEditorRefusesAParameterNoDriverReads() {
        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("admin/templates");
        TemplatesView view = _get(TemplatesView.class);
        _click((Button) _getCellComponent(view.grid, 0, "edit"));
        TemplateEditor editor = _get(TemplateEditor.class);
        Map<String, String> before = TemplateEditor.parse(editor.parameters.getValue());

        editor.parameters.setValue(
                "namespaceCpu=4\nappChart=pipelines-starter\nhelm.web.values.host=${sandbox.hostname}");
        _click(editor.save);

        assertThat(editor.parameters.isInvalid()).isTrue();
        assertThat(editor.parameters.getErrorMessage()).startsWith("appChart: no driver reads this parameter");
        assertThat(editor.isOpened()).isTrue();
        assertThat(templates.all()).anySatisfy(t -> assertThat(t.parameters()).isEqualTo(before));
    }
}
