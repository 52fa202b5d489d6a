package dev.demoportal.sandbox;

import static dev.demoportal.sandbox.SandboxFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.demoportal.AuditRows;
import dev.demoportal.AuditRows.AuditRow;
import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.SystemTask;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.testing.PortalDatabaseTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;

@SpringBootTest
@PortalDatabaseTest
@Import({TestClockConfiguration.class, SandboxServiceIT.Metrics.class})
class SandboxServiceIT {

    /** A registry, as the portal and the worker have through Actuator. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Metrics {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    MeterRegistry meters;

    @Autowired
    SandboxService service;

    @Autowired
    SandboxRequestService requestService;

    @Autowired
    SandboxExtensionService extensionService;

    @Autowired
    SandboxCleanupService cleanup;

    @Autowired
    SandboxQuotaService quotas;

    @Autowired
    SandboxTemplateService templateService;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    SandboxFixtures fixtures;
    AuditRows audit;
    UserAccount carol;
    UserAccount dave;
    UserAccount alice;
    UserAccount frank;
    UserAccount maria;

    @BeforeEach
    void setUp() {
        clock.set(TestClockConfiguration.START);
        fixtures = new SandboxFixtures(users, templateService, jdbc, events, transactions);
        audit = new AuditRows(jdbc);
        carol = fixtures.person("Carol Customer", Role.CUSTOMER, "Acme Corp");
        dave = fixtures.person("Dave Customer", Role.CUSTOMER, "Globex");
        alice = fixtures.person("Alice Field", Role.FIELD_ENGINEER, null);
        frank = fixtures.person("Frank Field", Role.FIELD_ENGINEER, null);
        maria = fixtures.person("Maria Manager", Role.MANAGER, null);
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    private SandboxSummary request(UserAccount who, TemplateSummary template, int hours) {
        as(who);
        return requestService.request(new SandboxRequest(
                template.slug(), "emea", hours, "Try the pipeline templates", who.customer() ? null : "acme-corp"));
    }

    private List<String> actions(UUID sandbox) {
        return audit.about("sandbox", sandbox.toString()).stream()
                .map(AuditRow::action)
                .toList();
    }

    private long jobs(UUID sandbox) {
        return jdbc.queryForObject("select count(*) from provisioning_job where sandbox_id = ?", Long.class, sandbox);
    }

    /** A ready sandbox of carol's: requested, approved by alice, provisioned. */
    private SandboxSummary ready(TemplateSummary template, int hours) {
        SandboxSummary requested = request(carol, template, hours);
        as(alice);
        requestService.approve(requested.id(), "ok");
        fixtures.workerSucceeds(
                requested.id(),
                Map.of("accessUrl", "https://" + requested.name() + ".sandbox.example", "namespace", requested.name()),
                Map.of("adminPassword", "s3cret-Pa55"));
        as(carol);
        return service.sandbox(requested.id());
    }

    // ---- requesting ----------------------------------------------------------------------------

    @Test
    void aCustomersRequestIsForHerOrganisationAndWaitsForADecision() {
        TemplateSummary template = fixtures.template(false, 48, 168, 2);

        SandboxSummary sandbox = request(carol, template, 48);

        assertThat(sandbox.status()).isEqualTo(SandboxStatus.REQUESTED);
        assertThat(sandbox.organisation().name()).isEqualTo("Acme Corp");
        assertThat(sandbox.requestedBy().id()).isEqualTo(carol.id());
        assertThat(sandbox.name()).matches("acme-corp-[0-9a-f]{8}");
        assertThat(sandbox.decidedAt()).isNull();
        assertThat(jobs(sandbox.id())).isZero();
        AuditRow row = audit.about("sandbox", sandbox.id().toString()).getFirst();
        assertThat(row.action()).isEqualTo("sandbox.requested");
        assertThat(row.actorId()).isEqualTo(carol.id());
        assertThat(row.organisationId()).isEqualTo(sandbox.organisation().id());
    }

    @Test
    void requestsAreCheckedAgainstTheTemplate() {
        TemplateSummary template = fixtures.template(false, 48, 168, 2);
        as(carol);

        ValidationFailed wrongRegion = catchThrowableOfType(
                ValidationFailed.class,
                () -> requestService.request(new SandboxRequest(template.slug(), "apj", 24, "Try it", null)));
        ValidationFailed tooLong = catchThrowableOfType(
                ValidationFailed.class,
                () -> requestService.request(new SandboxRequest(template.slug(), "emea", 169, "Try it", null)));
        ValidationFailed empty = catchThrowableOfType(
                ValidationFailed.class, () -> requestService.request(new SandboxRequest("", "", null, " ", null)));
        ValidationFailed otherOrganisation = catchThrowableOfType(
                ValidationFailed.class,
                () -> requestService.request(new SandboxRequest(template.slug(), "emea", 24, "Try it", "globex")));

        assertThat(wrongRegion.byField()).containsOnlyKeys("region");
        assertThat(wrongRegion.byField().get("region")).contains("emea, na");
        assertThat(tooLong.byField()).containsEntry("lifetimeHours", template.name() + " lives at most 168 hours");
        assertThat(empty.byField()).containsOnlyKeys("template", "region", "lifetimeHours", "useCase");
        assertThat(otherOrganisation.byField()).containsOnlyKeys("organisation");
        assertThat(jdbc.queryForObject("select count(*) from sandbox where template_id = ?", Long.class, template.id()))
                .isZero();
    }

    @Test
    void aFieldEngineerRequestsOnBehalfOfANamedOrganisation() {
        TemplateSummary template = fixtures.template(false, 48, 168, 2);
        as(alice);

        ValidationFailed none = catchThrowableOfType(
                ValidationFailed.class,
                () -> requestService.request(new SandboxRequest(template.slug(), "emea", 24, "Workshop", null)));
        SandboxSummary forGlobex =
                requestService.request(new SandboxRequest(template.slug(), "na", 24, "Workshop", "Globex"));

        assertThat(none.byField()).containsOnlyKeys("organisation");
        assertThat(forGlobex.organisation().slug()).isEqualTo("globex");
        assertThat(forGlobex.requestedBy().name()).isEqualTo("Alice Field");
    }

    @Test
    void theQuotaCountsActiveSandboxesOfTheOrganisationAndTemplate() {
        TemplateSummary template = fixtures.template(false, 48, 168, 1);
        SandboxSummary first = request(carol, template, 24);

        QuotaExceeded exceeded = catchThrowableOfType(QuotaExceeded.class, () -> request(carol, template, 24));
        SandboxSummary otherOrganisation = request(dave, template, 24);

        assertThat(exceeded.code()).isEqualTo("quota_exceeded");
        assertThat(exceeded.httpStatus()).isEqualTo(409);
        assertThat(exceeded.getMessage())
                .contains("Acme Corp already has 1 active")
                .contains("quota is 1");
        assertThat(otherOrganisation.status()).isEqualTo(SandboxStatus.REQUESTED);

        // a rejected request frees its unit
        as(alice);
        requestService.reject(first.id(), "Not this week");
        assertThat(request(carol, template, 24).status()).isEqualTo(SandboxStatus.REQUESTED);
    }

    @Test
    void anAdminsQuotaOverrideReplacesTheTemplatesQuota() {
        TemplateSummary template = fixtures.template(false, 48, 168, 1);
        fixtures.asAdmin(() -> {
            templateService.setQuota("acme-corp", template.slug(), 2);
            return null;
        });

        request(carol, template, 24);
        request(carol, template, 24);

        assertThatThrownBy(() -> request(carol, template, 24))
                .isInstanceOf(QuotaExceeded.class)
                .hasMessageContaining("quota is 2");
    }

    @Test
    void theQuotaCountsOnlySandboxesThatHoldOrWillHoldResources() {
        TemplateSummary template = fixtures.template(true, 48, 168, 1);
        SandboxSummary failing = request(carol, template, 24);
        fixtures.workerFails(failing.id(), Layer.REGION_PLATFORM, "namespace", "quota exceeded in cluster");

        // failed, it may still hold what its first steps made: it counts until it is torn down
        assertThatThrownBy(() -> request(carol, template, 24)).isInstanceOf(QuotaExceeded.class);
        as(carol);
        service.teardown(failing.id());
        assertThatThrownBy(() -> request(carol, template, 24)).isInstanceOf(QuotaExceeded.class);
        fixtures.workerSucceeds(failing.id(), Map.of("teardownReceipt", "{}"), Map.of());

        SandboxSummary next = request(carol, template, 24);
        assertThat(next.status()).isEqualTo(SandboxStatus.APPROVED);
    }

    @Test
    void theQuotaIsShownPerTemplateToTheOrganisationBeforeItRequests() {
        TemplateSummary one = fixtures.template(false, 48, 168, 1);
        TemplateSummary two = fixtures.template(false, 48, 168, 3);
        request(carol, two, 24);
        SandboxSummary rejected = request(carol, two, 24);
        SandboxSummary cancelled = request(carol, two, 24);
        request(dave, one, 24);
        as(alice);
        requestService.reject(rejected.id(), null);
        as(carol);
        requestService.cancel(cancelled.id());

        List<QuotaUsage> carols = quotas.quotas(null);

        assertThat(carols)
                .filteredOn(q -> q.templateSlug().equals(one.slug()))
                .singleElement()
                .satisfies(q -> {
                    assertThat(q.organisation().name()).isEqualTo("Acme Corp");
                    assertThat(q.quota()).isEqualTo(1);
                    assertThat(q.active()).isZero();
                    assertThat(q.left()).isEqualTo(1);
                });
        assertThat(carols)
                .filteredOn(q -> q.templateSlug().equals(two.slug()))
                .singleElement()
                .satisfies(q -> {
                    assertThat(q.quota()).isEqualTo(3);
                    assertThat(q.active())
                            .as("rejected and cancelled requests hold nothing")
                            .isEqualTo(1);
                    assertThat(q.left()).isEqualTo(2);
                });
        assertThat(quotas.quotas("acme-corp")).isEqualTo(carols);
        assertThatThrownBy(() -> quotas.quotas("globex")).isInstanceOf(ValidationFailed.class);

        as(alice);
        assertThatThrownBy(() -> quotas.quotas(null)).isInstanceOf(ValidationFailed.class);
        assertThat(quotas.quotas("globex"))
                .filteredOn(q -> q.templateSlug().equals(one.slug()))
                .singleElement()
                .satisfies(q -> assertThat(q.left()).isZero());
        fixtures.asAdmin(() -> {
            templateService.setQuota("globex", one.slug(), 4);
            return null;
        });
        assertThat(quotas.quotas("Globex"))
                .filteredOn(q -> q.templateSlug().equals(one.slug()))
                .singleElement()
                .satisfies(q -> assertThat(q.left()).isEqualTo(3));
    }

    // ---- cancelling ----------------------------------------------------------------------------

    @Test
    void herOrganisationCancelsARequestWhileItWaitsForApproval() {
        TemplateSummary template = fixtures.template(false, 48, 168, 1);
        SandboxSummary waiting = request(carol, template, 24);
        UserAccount colleague = fixtures.person("Cleo Customer", Role.CUSTOMER, "Acme Corp");

        as(dave);
        assertThatThrownBy(() -> requestService.cancel(waiting.id())).isInstanceOf(NotFound.class);
        as(alice);
        assertThatThrownBy(() -> requestService.cancel(waiting.id())).isInstanceOf(AccessDeniedException.class);
        as(colleague);
        SandboxSummary cancelled = requestService.cancel(waiting.id());

        assertThat(cancelled.status()).isEqualTo(SandboxStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).isEqualTo(TestClockConfiguration.START);
        assertThat(cancelled.decidedAt()).isNull();
        assertThat(actions(waiting.id())).containsExactly("sandbox.requested", "sandbox.cancelled");
        assertThat(audit.about("sandbox", waiting.id().toString()).getLast().actorId())
                .isEqualTo(colleague.id());
        assertThat(jdbc.queryForObject(
                        "select count(*) from notification where user_id = ? and message like "
                                + "'%was cancelled by Cleo Customer.'",
                        Long.class, carol.id()))
                .isEqualTo(1);
        assertThat(catchThrowableOfType(Conflict.class, () -> requestService.cancel(waiting.id()))
                        .code())
                .isEqualTo("sandbox.not_cancellable");
        as(alice);
        assertThat(catchThrowableOfType(Conflict.class, () -> requestService.approve(waiting.id(), null))
                        .code())
                .isEqualTo("sandbox.not_waiting");
        assertThat(requestService.approvalQueue())
                .extracting(SandboxSummary::id)
                .doesNotContain(waiting.id());
        // its unit of the quota is free again
        assertThat(request(carol, template, 24).status()).isEqualTo(SandboxStatus.REQUESTED);
    }

    @Test
    void aDecidedRequestCannotBeCancelledButAFieldEngineerCancelsHerOwn() {
        TemplateSummary template = fixtures.template(true, 48, 168, 2);
        SandboxSummary approved = request(carol, template, 24);
        SandboxSummary own = request(alice, fixtures.template(false, 48, 168, 2), 24);

        as(carol);
        assertThat(catchThrowableOfType(Conflict.class, () -> requestService.cancel(approved.id()))
                        .code())
                .isEqualTo("sandbox.not_cancellable");
        as(alice);
        assertThat(requestService.cancel(own.id()).status()).isEqualTo(SandboxStatus.CANCELLED);
        assertThat(fixtures.status(approved.id())).isEqualTo("APPROVED");
    }

    // ---- auto-approval -------------------------------------------------------------------------

    @Test
    void autoApprovalWithinTheDefaultLifetimeSchedulesProvisioningAtOnce() {
        TemplateSummary template = fixtures.template(true, 48, 168, 2);

        SandboxSummary sandbox = request(carol, template, 48);

        assertThat(sandbox.status()).isEqualTo(SandboxStatus.APPROVED);
        assertThat(sandbox.decidedByPolicy()).isTrue();
        assertThat(sandbox.decidedBy()).isNull();
        assertThat(sandbox.decidedByLabel()).isEqualTo("policy (auto-approval)");
        assertThat(fixtures.openJobKind(sandbox.id())).isEqualTo(JobKind.PROVISION);
        assertThat(actions(sandbox.id())).containsExactly("sandbox.requested", "sandbox.auto_approved");
        assertThat(audit.about("sandbox", sandbox.id().toString()).getLast().actorName())
                .isEqualTo("system:approval-policy");
    }

    @Test
    void noAutoApprovalBeyondTheDefaultLifetimeOrWhenTheTemplateSaysNo() {
        TemplateSummary auto = fixtures.template(true, 48, 168, 5);
        TemplateSummary manual = fixtures.template(false, 48, 168, 5);

        SandboxSummary longer = request(carol, auto, 49);
        SandboxSummary notAllowed = request(carol, manual, 24);

        assertThat(longer.status()).isEqualTo(SandboxStatus.REQUESTED);
        assertThat(notAllowed.status()).isEqualTo(SandboxStatus.REQUESTED);
        assertThat(jobs(longer.id()) + jobs(notAllowed.id())).isZero();
    }

    // ---- deciding ------------------------------------------------------------------------------

    @Test
    void approvalSchedulesTheProvisioningJobInTheSameTransaction() {
        TemplateSummary template = fixtures.template(false, 48, 168, 2);
        SandboxSummary requested = request(carol, template, 24);
        as(maria);
        assertThat(requestService.approvalQueue())
                .extracting(SandboxSummary::id)
                .contains(requested.id());

        SandboxSummary approved = requestService.approve(requested.id(), "  Enjoy  ");

        assertThat(approved.status()).isEqualTo(SandboxStatus.APPROVED);
        assertThat(approved.decidedBy().id()).isEqualTo(maria.id());
        assertThat(approved.decisionNote()).isEqualTo("Enjoy");
        assertThat(approved.decidedAt()).isEqualTo(TestClockConfiguration.START);
        assertThat(fixtures.openJobKind(requested.id())).isEqualTo(JobKind.PROVISION);
        assertThat(requestService.approvalQueue())
                .extracting(SandboxSummary::id)
                .doesNotContain(requested.id());
        assertThat(audit.about("sandbox", requested.id().toString()).getLast()).satisfies(row -> {
            assertThat(row.action()).isEqualTo("sandbox.approved");
            assertThat(row.actorId()).isEqualTo(maria.id());
            assertThat(row.details()).containsEntry("note", "Enjoy");
        });
        assertThat(jdbc.queryForObject("select count(*) from notification where user_id = ?", Long.class, carol.id()))
                .isEqualTo(1);
    }

    @Test
    void nobodyDecidesOnTheirOwnRequest() {
        TemplateSummary template = fixtures.template(false, 48, 168, 2);
        SandboxSummary mine = request(alice, template, 24);

        as(alice);
        assertThatThrownBy(() -> requestService.approve(mine.id(), null)).isInstanceOf(SelfApprovalRefused.class);
        assertThatThrownBy(() -> requestService.reject(mine.id(), null)).isInstanceOf(SelfApprovalRefused.class);

        assertThat(fixtures.status(mine.id())).isEqualTo("REQUESTED");
        assertThat(jobs(mine.id())).isZero();
        as(frank);
        assertThat(requestService.approve(mine.id(), null).status()).isEqualTo(SandboxStatus.APPROVED);
    }

    @Test
    void customersDecideNothing() {
        TemplateSummary template = fixtures.template(false, 48, 168, 2);
        SandboxSummary theirs = request(alice, template, 24);

        as(carol);
        assertThatThrownBy(() -> requestService.approve(theirs.id(), null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> requestService.approvalQueue()).isInstanceOf(AccessDeniedException.class);
        assertThat(fixtures.status(theirs.id())).isEqualTo("REQUESTED");
    }

    @Test
    void aDecidedRequestCannotBeDecidedAgain() {
        TemplateSummary template = fixtures.template(false, 48, 168, 2);
        SandboxSummary requested = request(carol, template, 24);
        as(alice);
        requestService.reject(requested.id(), "No capacity");

        Conflict again = catchThrowableOfType(Conflict.class, () -> requestService.approve(requested.id(), null));

        assertThat(again.code()).isEqualTo("sandbox.not_waiting");
        assertThat(fixtures.status(requested.id())).isEqualTo("REJECTED");
        assertThat(jobs(requested.id())).isZero();
    }

    // ---- isolation -----------------------------------------------------------------------------

    @Test
    void customersSeeOnlyTheirOrganisationsSandboxesByListAndById() {
        TemplateSummary template = fixtures.template(false, 48, 168, 2);
        SandboxSummary carols = request(carol, template, 24);
        SandboxSummary daves = request(dave, template, 24);

        SandboxFilter ofTemplate = new SandboxFilter(null, null, null, template.slug(), null);

        as(carol);
        assertThat(service.sandboxes(ofTemplate, 0, 50))
                .extracting(SandboxSummary::id)
                .containsExactly(carols.id());
        assertThat(service.sandboxes(SandboxFilter.ALL, 0, 500))
                .extracting(SandboxSummary::id)
                .contains(carols.id())
                .doesNotContain(daves.id());
        assertThat(service.sandboxes(SandboxFilter.ALL, 0, 500))
                .extracting(v -> v.organisation().slug())
                .containsOnly("acme-corp");
        assertThat(service.sandboxes(new SandboxFilter("globex", null, null, template.slug(), null), 0, 50))
                .extracting(SandboxSummary::id)
                .containsExactly(carols.id());
        assertThat(service.count(ofTemplate)).isEqualTo(1);
        NotFound byId = catchThrowableOfType(NotFound.class, () -> service.sandbox(daves.id()));
        assertThat(byId.getMessage())
                .isEqualTo(catchThrowableOfType(NotFound.class, () -> service.sandbox(UUID.randomUUID()))
                        .getMessage()
                        .replaceAll("[0-9a-f-]{36}", daves.id().toString()));
        assertThatThrownBy(() -> service.timeline(daves.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.jobs(daves.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> extensionService.extend(daves.id(), 1)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.teardown(daves.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.revealSecrets(daves.id())).isInstanceOf(NotFound.class);

        as(dave);
        assertThat(service.sandboxes(ofTemplate, 0, 50))
                .extracting(SandboxSummary::id)
                .containsExactly(daves.id());
        assertThatThrownBy(() -> service.sandbox(carols.id())).isInstanceOf(NotFound.class);

        as(alice);
        assertThat(service.sandboxes(ofTemplate, 0, 50))
                .extracting(SandboxSummary::id)
                .containsExactlyInAnyOrder(carols.id(), daves.id());
        assertThat(service.sandboxes(new SandboxFilter("globex", null, null, template.slug(), null), 0, 50))
                .extracting(SandboxSummary::id)
                .containsExactly(daves.id());
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    @Test
    void provisioningMakesItReadyWithAccessDetailsAndAnEncryptedSecret() {
        TemplateSummary template = fixtures.template(false, 48, 168, 2);
        SandboxSummary requested = request(carol, template, 48);
        as(alice);
        requestService.approve(requested.id(), null);
        clock.advance(Duration.ofMinutes(3));

        fixtures.workerSucceeds(
                requested.id(),
                Map.of("accessUrl", "https://x.sandbox.example", "namespace", "x"),
                Map.of("adminPassword", "s3cret-Pa55"));

        as(carol);
        SandboxSummary ready = service.sandbox(requested.id());
        Instant readyAt = TestClockConfiguration.START.plus(Duration.ofMinutes(3));
        assertThat(ready.status()).isEqualTo(SandboxStatus.READY);
        assertThat(ready.provisioningAt()).isEqualTo(readyAt);
        assertThat(ready.readyAt()).isEqualTo(readyAt);
        assertThat(ready.expiresAt()).isEqualTo(readyAt.plus(Duration.ofHours(48)));
        assertThat(ready.accessUrl()).isEqualTo("https://x.sandbox.example");
        assertThat(ready.accessDetails()).containsExactly(Map.entry("namespace", "x"));
        assertThat(ready.secretNames()).containsExactly("adminPassword");
        assertThat(ready.toString()).doesNotContain("s3cret");
        byte[] stored = jdbc.queryForObject(
                "select ciphertext from sandbox_secret where sandbox_id = ?", byte[].class, requested.id());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(actions(requested.id()))
                .containsExactly("sandbox.requested", "sandbox.approved", "sandbox.provisioning", "sandbox.ready");
        assertThat(audit.about("sandbox", requested.id().toString()).toString()).doesNotContain("s3cret");

        List<RevealedSecret> revealed = service.revealSecrets(requested.id());

        assertThat(revealed).containsExactly(new RevealedSecret("adminPassword", "s3cret-Pa55"));
        AuditRow reveal = audit.about("sandbox", requested.id().toString()).getLast();
        assertThat(reveal.action()).isEqualTo("sandbox.secrets_revealed");
        assertThat(reveal.actorId()).isEqualTo(carol.id());
        assertThat(reveal.details().toString()).doesNotContain("s3cret");
        assertThat(service.revealSecret(requested.id(), "adminPassword").value())
                .isEqualTo("s3cret-Pa55");
        assertThatThrownBy(() -> service.revealSecret(requested.id(), "rootPassword"))
                .isInstanceOfSatisfying(
                        NotFound.class, e -> assertThat(e.code()).isEqualTo("sandbox.secret_not_found"));
        assertThat(audit.about("sandbox", requested.id().toString()).stream()
                        .filter(row -> row.action().equals("sandbox.secrets_revealed"))
                        .count())
                .as("one reveal of all, one of a single secret; the missing one revealed nothing")
                .isEqualTo(2);
        as(alice);
        assertThatThrownBy(() -> service.revealSecrets(requested.id()))
                .as("staff see it, but its secrets are the customer's")
                .isInstanceOf(NotFound.class);
    }

    @Test
    void everySecretTheJobHandsOverIsStoredSealedUnderItsName() {
        SandboxSummary requested = request(carol, fixtures.template(false, 48, 168, 2), 48);
        as(alice);
        requestService.approve(requested.id(), null);

        fixtures.workerSucceeds(
                requested.id(),
                Map.of("accessUrl", "https://y.sandbox.example"),
                Map.of("adminPassword", "s3cret-Pa55", "kubeconfig", "k8s-s3cret"));

        as(carol);
        assertThat(service.sandbox(requested.id()).secretNames()).containsExactly("adminPassword", "kubeconfig");
        assertThat(service.revealSecrets(requested.id()))
                .containsExactly(
                        new RevealedSecret("adminPassword", "s3cret-Pa55"),
                        new RevealedSecret("kubeconfig", "k8s-s3cret"));
    }

    @Test
    void aChangeOutsideProvisioningIsAnnouncedOnSandboxChangedWhenItCommits() throws Exception {
        try (Connection listener = dataSource.getConnection()) {
            listener.setAutoCommit(true);
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN sandbox_changed");
            }
            SandboxSummary requested = request(carol, fixtures.template(false, 48, 168, 2), 48);

            assertThat(notificationsUntil(listener, "sandbox_changed:" + requested.id()))
                    .contains("sandbox_changed:" + requested.id());
        }
    }

    /** What the listener hears until {@code expected} arrives, or 5 s pass. */
    private static List<String> notificationsUntil(Connection listener, String expected) throws Exception {
        List<String> received = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!received.contains(expected) && System.nanoTime() < until) {
            PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(100);
            if (batch != null) {
                for (PGNotification n : batch) {
                    received.add(n.getName() + ":" + n.getParameter());
                }
            }
        }
        return received;
    }

    @Test
    void theTimelineSaysWhoDidWhatAndWhen() {
        SandboxSummary sandbox = ready(fixtures.template(false, 48, 168, 2), 24);

        List<TimelineEntry> timeline = service.timeline(sandbox.id());

        assertThat(timeline)
                .extracting(TimelineEntry::actor)
                .containsExactly("Carol Customer", "Alice Field", "system:provisioning", "system:provisioning");
        assertThat(timeline)
                .extracting(TimelineEntry::label)
                .containsExactly("Requested for 24 hours", "Approved: ok", "Provisioning started", "Ready");
    }

    @Test
    void aFailureRecordsItsStepAndTheSandboxCanThenBeTornDown() {
        TemplateSummary template = fixtures.template(true, 48, 168, 2);
        SandboxSummary sandbox = request(carol, template, 24);

        fixtures.workerFails(sandbox.id(), Layer.REGION_PLATFORM, "namespace", "quota exceeded in cluster");

        as(carol);
        SandboxSummary failed = service.sandbox(sandbox.id());
        assertThat(failed.status()).isEqualTo(SandboxStatus.FAILED);
        assertThat(failed.failureLayer()).isEqualTo("region-platform");
        assertThat(failed.failureStep()).isEqualTo("namespace");
        assertThat(failed.failureMessage()).isEqualTo("quota exceeded in cluster");
        assertThat(failed.failedAt()).isEqualTo(TestClockConfiguration.START);
        assertThatThrownBy(() -> service.retry(sandbox.id())).isInstanceOf(AccessDeniedException.class);

        SandboxSummary tearingDown = service.teardown(sandbox.id());

        assertThat(tearingDown.status()).isEqualTo(SandboxStatus.TEARING_DOWN);
        assertThat(fixtures.openJobKind(sandbox.id())).isEqualTo(JobKind.TEARDOWN);
        fixtures.workerSucceeds(sandbox.id(), Map.of("teardownReceipt", "{\"namespace\":\"deleted\"}"), Map.of());
        SandboxSummary gone = service.sandbox(sandbox.id());
        assertThat(gone.status()).isEqualTo(SandboxStatus.TORN_DOWN);
        assertThat(gone.tornDownAt()).isEqualTo(TestClockConfiguration.START);
        assertThat(jdbc.queryForObject(
                        "select teardown_receipt->>'namespace' from sandbox where id = ?", String.class, sandbox.id()))
                .isEqualTo("deleted");
    }

    @Test
    void aFailedSandboxIsTornDownWhenItsCleanUpDeadlinePassesUnlessRetried() {
        SandboxSummary sandbox = request(carol, fixtures.template(true, 48, 168, 1), 24);
        fixtures.workerFails(sandbox.id(), Layer.REGION_PLATFORM, "namespace", "quota exceeded in cluster");
        as(carol);
        assertThat(service.sandbox(sandbox.id()).cleanupAt())
                .isEqualTo(TestClockConfiguration.START.plus(Duration.ofHours(24)));

        clock.set(TestClockConfiguration.START.plus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(cleanUp(sandbox)).isZero();
        clock.set(TestClockConfiguration.START.plus(Duration.ofHours(24)));
        assertThat(cleanUp(sandbox)).isEqualTo(1);

        as(carol);
        SandboxSummary tearingDown = service.sandbox(sandbox.id());
        assertThat(tearingDown.status()).isEqualTo(SandboxStatus.TEARING_DOWN);
        assertThat(tearingDown.cleanupAt()).isNull();
        assertThat(fixtures.openJobKind(sandbox.id())).isEqualTo(JobKind.TEARDOWN);
        assertThat(actions(sandbox.id())).endsWith("sandbox.failed", "sandbox.failed_cleanup");
        assertThat(service.timeline(sandbox.id()).getLast().label())
                .isEqualTo("Not retried within 24 hours of failing; teardown started");
        assertThat(jdbc.queryForObject(
                        "select count(*) from notification where user_id = ? and message like "
                                + "'%failed and was not retried within 24 hours; it is being torn down%'",
                        Long.class, carol.id()))
                .isEqualTo(1);
        assertThat(cleanUp(sandbox)).as("once").isZero();
        fixtures.workerSucceeds(sandbox.id(), Map.of("teardownReceipt", "{}"), Map.of());
        assertThat(fixtures.status(sandbox.id())).isEqualTo("TORN_DOWN");
    }

    @Test
    void aRetryThatFailsAgainStartsTheWaitAnew() {
        SandboxSummary sandbox = request(carol, fixtures.template(true, 48, 168, 1), 24);
        fixtures.workerFails(sandbox.id(), Layer.GLOBAL, "dns-record", "Route 53 throttled");
        clock.set(TestClockConfiguration.START.plus(Duration.ofHours(20)));
        as(alice);
        service.retry(sandbox.id());
        fixtures.workerFails(sandbox.id(), Layer.GLOBAL, "dns-record", "Route 53 throttled again");

        clock.set(TestClockConfiguration.START.plus(Duration.ofHours(30)));
        assertThat(cleanUp(sandbox)).isZero();
        clock.set(TestClockConfiguration.START.plus(Duration.ofHours(44)));
        assertThat(cleanUp(sandbox)).isEqualTo(1);
    }

    @Test
    void earlyTeardownOfAReadySandboxRemovesItsSecretsWhenDone() {
        SandboxSummary sandbox = ready(fixtures.template(false, 48, 168, 2), 24);
        as(carol);

        service.teardown(sandbox.id());
        Conflict twice = catchThrowableOfType(Conflict.class, () -> service.teardown(sandbox.id()));
        fixtures.workerSucceeds(sandbox.id(), Map.of("teardownReceipt", "{}"), Map.of());

        assertThat(twice.code()).isEqualTo("sandbox.not_tearable");
        assertThat(fixtures.status(sandbox.id())).isEqualTo("TORN_DOWN");
        assertThat(jdbc.queryForObject(
                        "select count(*) from sandbox_secret where sandbox_id = ?", Long.class, sandbox.id()))
                .isZero();
        assertThat(actions(sandbox.id())).endsWith("sandbox.teardown_requested", "sandbox.torn_down");
    }

    // ---- extension and expiry ------------------------------------------------------------------

    @Test
    void extensionsMoveTheExpiryUpToTheTemplatesMaximum() {
        SandboxSummary sandbox = ready(fixtures.template(false, 24, 72, 2), 24);
        Instant expiry = sandbox.expiresAt();
        as(carol);

        SandboxSummary extended = extensionService.extend(sandbox.id(), 24);

        assertThat(extended.expiresAt()).isEqualTo(expiry.plus(Duration.ofHours(24)));
        assertThat(extended.extensionCount()).isEqualTo(1);
        assertThat(extended.extendableHours()).isEqualTo(24);
        assertThat(fixtures.openJobKind(sandbox.id())).isEqualTo(JobKind.EXTEND);
        Conflict busy = catchThrowableOfType(Conflict.class, () -> extensionService.extend(sandbox.id(), 1));
        assertThat(busy.code()).isEqualTo("sandbox.busy");
        fixtures.workerSucceeds(sandbox.id(), Map.of(), Map.of());

        ExtensionNeedsApproval beyond =
                catchThrowableOfType(ExtensionNeedsApproval.class, () -> extensionService.extend(sandbox.id(), 25));
        assertThat(beyond.code()).isEqualTo("sandbox.extension_needs_approval");
        assertThat(beyond.problemProperties()).containsEntry("extendableHours", 24);
        assertThat(extensionService.extend(sandbox.id(), 24).expiresAt()).isEqualTo(expiry.plus(Duration.ofHours(48)));
        assertThat(service.sandbox(sandbox.id()).extensionCount()).isEqualTo(2);
    }

    @Test
    void warningsGoOutOncePerLeadAndTeardownStartsAtExpiry() {
        SandboxSummary sandbox = ready(fixtures.template(false, 48, 168, 2), 48);
        Instant expiry = sandbox.expiresAt();

        clock.set(expiry.minus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(warnings(sandbox)).isZero();
        clock.set(expiry.minus(Duration.ofHours(24)));
        assertThat(warnings(sandbox)).isEqualTo(1L);
        assertThat(warnings(sandbox)).isZero();
        clock.set(expiry.minus(Duration.ofMinutes(61)));
        assertThat(warnings(sandbox)).isZero();
        clock.set(expiry.minus(Duration.ofMinutes(59)));
        assertThat(warnings(sandbox)).isEqualTo(1L);
        assertThat(warnings(sandbox)).isZero();
        assertThat(jdbc.queryForList(
                        "select lead_minutes from sandbox_expiry_warning where sandbox_id = ? "
                                + "order by lead_minutes",
                        Integer.class,
                        sandbox.id()))
                .containsExactly(60, 1440);
        assertThat(jdbc.queryForList(
                        "select message from notification where user_id = ? and message like '%expires in%'"
                                + " order by created_at",
                        String.class, carol.id()))
                .containsExactly(
                        "Your sandbox " + sandbox.name() + " expires in 24 hours (at " + expiry
                                + "). You can extend it by up to 120 hours.",
                        "Your sandbox " + sandbox.name() + " expires in 59 minutes (at " + expiry
                                + "). You can extend it by up to 120 hours.");

        clock.set(expiry.minusSeconds(1));
        assertThat(expire(sandbox)).isZero();
        assertThat(fixtures.status(sandbox.id())).isEqualTo("READY");
        clock.set(expiry);
        assertThat(expire(sandbox)).isEqualTo(1L);
        assertThat(fixtures.status(sandbox.id())).isEqualTo("TEARING_DOWN");
        assertThat(fixtures.openJobKind(sandbox.id())).isEqualTo(JobKind.TEARDOWN);
        assertThat(expire(sandbox)).isZero();
        assertThat(actions(sandbox.id()))
                .endsWith("sandbox.expiry_warning", "sandbox.expiry_warning", "sandbox.expired");
        assertThat(audit.about("sandbox", sandbox.id().toString()).getLast().actorName())
                .isEqualTo("system:expiry");
    }

    @Test
    void anExtensionReArmsTheWarningsForTheNewExpiry() {
        SandboxSummary sandbox = ready(fixtures.template(false, 48, 168, 2), 48);
        clock.set(sandbox.expiresAt().minus(Duration.ofMinutes(30)));
        assertThat(warnings(sandbox)).isEqualTo(1L);
        as(carol);

        SandboxSummary extended = extensionService.extend(sandbox.id(), 2);
        fixtures.workerSucceeds(sandbox.id(), Map.of(), Map.of());

        assertThat(warnings(sandbox)).isZero();
        clock.set(extended.expiresAt().minus(Duration.ofMinutes(60)));
        assertThat(warnings(sandbox)).isEqualTo(1L);
        assertThat(expire(sandbox)).isZero();
        clock.set(extended.expiresAt().plusSeconds(5));
        assertThat(expire(sandbox)).isEqualTo(1L);
    }

    @Test
    void aShortLivedSandboxGetsOnlyTheWarningsThatFitItsLife() {
        SandboxSummary sandbox = ready(fixtures.template(false, 4, 168, 2), 4);

        clock.set(sandbox.readyAt().plusSeconds(10));
        assertThat(warnings(sandbox)).isZero();
        clock.set(sandbox.expiresAt().minus(Duration.ofHours(1)));
        assertThat(warnings(sandbox)).isEqualTo(1L);
        assertThat(jdbc.queryForList(
                        "select lead_minutes from sandbox_expiry_warning where sandbox_id = ?",
                        Integer.class,
                        sandbox.id()))
                .containsExactly(60);
    }

    @Test
    void theExpiryLagIsHowLateTheOldestExpiredSandboxIs() {
        SandboxSummary sandbox = ready(fixtures.template(false, 24, 168, 2), 24);
        assertThat(cleanup.expiryLagSeconds()).isZero();

        clock.set(sandbox.expiresAt().plusSeconds(42));

        assertThat(cleanup.expiryLagSeconds()).isEqualTo(42.0);
    }

    @Test
    void anExtensionBeyondTheMaximumWaitsForSomeoneElsesApproval() {
        SandboxSummary sandbox = ready(fixtures.template(false, 24, 48, 2), 24);
        Instant expiry = sandbox.expiresAt();
        as(carol);
        assertThatThrownBy(() -> extensionService.extend(sandbox.id(), 48)).isInstanceOf(ExtensionNeedsApproval.class);

        ExtensionRequestSummary request =
                extensionService.requestExtension(sandbox.id(), 48, "The pilot runs another week");

        assertThat(request.status()).isEqualTo(ExtensionRequestStatus.REQUESTED);
        assertThat(request.requestedBy().id()).isEqualTo(carol.id());
        assertThat(extensionService.openExtension(sandbox.id()))
                .hasValueSatisfying(r -> assertThat(r.hours()).isEqualTo(48));
        assertThat(catchThrowableOfType(
                                Conflict.class, () -> extensionService.requestExtension(sandbox.id(), 10, "And more"))
                        .code())
                .isEqualTo("sandbox.extension_pending");
        assertThatThrownBy(() -> extensionService.approveExtension(request.id(), null))
                .isInstanceOf(AccessDeniedException.class);
        as(dave);
        assertThatThrownBy(() -> extensionService.requestExtension(sandbox.id(), 1, "Not mine"))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> extensionService.openExtension(sandbox.id())).isInstanceOf(NotFound.class);

        as(alice);
        assertThat(extensionService.extensionQueue())
                .extracting(ExtensionRequestSummary::id)
                .contains(request.id());
        SandboxSummary extended = extensionService.approveExtension(request.id(), "Granted for the pilot");

        assertThat(extended.expiresAt()).isEqualTo(expiry.plus(Duration.ofHours(48)));
        assertThat(extended.extensionCount()).isEqualTo(1);
        assertThat(fixtures.openJobKind(sandbox.id())).isEqualTo(JobKind.EXTEND);
        assertThat(extensionService.extensionQueue())
                .extracting(ExtensionRequestSummary::id)
                .doesNotContain(request.id());
        assertThat(catchThrowableOfType(Conflict.class, () -> extensionService.rejectExtension(request.id(), null))
                        .code())
                .isEqualTo("sandbox.not_waiting");
        assertThat(actions(sandbox.id()))
                .endsWith("sandbox.extension_requested", "sandbox.extension_approved", "sandbox.extended");
    }

    @Test
    void nobodyApprovesTheirOwnExtensionAndARejectionKeepsTheExpiry() {
        SandboxSummary sandbox = ready(fixtures.template(false, 24, 24, 2), 24);
        as(alice);
        ExtensionRequestSummary request =
                extensionService.requestExtension(sandbox.id(), 24, "Customer asked on the phone");

        assertThatThrownBy(() -> extensionService.approveExtension(request.id(), null))
                .isInstanceOf(SelfApprovalRefused.class);
        as(frank);
        SandboxSummary rejected = extensionService.rejectExtension(request.id(), "Request a new sandbox instead");

        assertThat(rejected.expiresAt()).isEqualTo(sandbox.expiresAt());
        assertThat(extensionService.openExtension(sandbox.id())).isEmpty();
        assertThat(fixtures.openJob(sandbox.id())).isNull();
        assertThat(jdbc.queryForObject(
                        "select count(*) from notification where user_id = ? and message like "
                                + "'%was rejected: Request a new sandbox instead'",
                        Long.class, alice.id()))
                .isEqualTo(1);
    }

    // ---- retry and metrics ---------------------------------------------------------------------

    @Test
    void aFieldEngineerRetriesAFailedSandboxFromItsFailedStep() {
        SandboxSummary sandbox = request(carol, fixtures.template(true, 48, 168, 2), 24);
        UUID failedJob = fixtures.workerFails(sandbox.id(), Layer.GLOBAL, "dns-record", "Route 53 throttled");
        as(alice);

        SandboxSummary retried = service.retry(sandbox.id());

        assertThat(retried.status()).isEqualTo(SandboxStatus.FAILED);
        assertThat(fixtures.openJob(sandbox.id())).isEqualTo(failedJob);
        fixtures.workerSucceeds(sandbox.id(), Map.of("accessUrl", "https://retried.example"), Map.of());
        SandboxSummary ready = service.sandbox(sandbox.id());
        assertThat(ready.status()).isEqualTo(SandboxStatus.READY);
        assertThat(ready.failureStep()).isNull();
        assertThat(actions(sandbox.id()))
                .containsSubsequence("sandbox.failed", "sandbox.retried", "sandbox.provisioning", "sandbox.ready");
        as(frank);
        assertThat(catchThrowableOfType(Conflict.class, () -> service.retry(sandbox.id()))
                        .code())
                .isEqualTo("sandbox.not_failed");
    }

    @Test
    void decisionsAreCountedByKindAndTheExpiryLagIsAGauge() {
        double approved = meters.counter("portal.sandbox.approvals", "decision", "approved")
                .count();
        double auto = meters.counter("portal.sandbox.approvals", "decision", "auto_approved")
                .count();
        double rejected = meters.counter("portal.sandbox.approvals", "decision", "rejected")
                .count();
        TemplateSummary manual = fixtures.template(false, 48, 168, 5);
        SandboxSummary one = request(carol, manual, 24);
        SandboxSummary two = request(carol, manual, 24);
        request(carol, fixtures.template(true, 48, 168, 5), 24);
        as(alice);
        requestService.approve(one.id(), null);
        requestService.reject(two.id(), null);

        assertThat(meters.counter("portal.sandbox.approvals", "decision", "approved")
                        .count())
                .isEqualTo(approved + 1);
        assertThat(meters.counter("portal.sandbox.approvals", "decision", "auto_approved")
                        .count())
                .isEqualTo(auto + 1);
        assertThat(meters.counter("portal.sandbox.approvals", "decision", "rejected")
                        .count())
                .isEqualTo(rejected + 1);
        assertThat(meters.get("portal.sandbox.expiry.lag").gauge().value()).isEqualTo(cleanup.expiryLagSeconds());
    }

    /**
     * Runs the warning sweep (as the worker does) and answers how many warnings it sent for this
     * sandbox; the sweep covers every sandbox, and other tests' sandboxes share the database.
     */
    private long warnings(SandboxSummary sandbox) {
        long before = audit.about("sandbox", sandbox.id().toString()).stream()
                .filter(r -> r.action().equals("sandbox.expiry_warning"))
                .count();
        SystemTask.run("expiry", List.of("ADMIN"), service::sendExpiryWarnings);
        return audit.about("sandbox", sandbox.id().toString()).stream()
                        .filter(r -> r.action().equals("sandbox.expiry_warning"))
                        .count()
                - before;
    }

    /** Runs the failed sandboxes' clean-up sweep and answers whether it started this sandbox's teardown. */
    private long cleanUp(SandboxSummary sandbox) {
        long before = actions(sandbox.id()).stream()
                .filter(a -> a.equals("sandbox.failed_cleanup"))
                .count();
        SystemTask.run("expiry", List.of("ADMIN"), cleanup::tearDownFailed);
        return actions(sandbox.id()).stream()
                        .filter(a -> a.equals("sandbox.failed_cleanup"))
                        .count()
                - before;
    }

    /** Runs the expiry sweep and answers whether it started this sandbox's teardown. */
    private long expire(SandboxSummary sandbox) {
        long before = audit.about("sandbox", sandbox.id().toString()).stream()
                .filter(r -> r.action().equals("sandbox.expired"))
                .count();
        SystemTask.run("expiry", List.of("ADMIN"), cleanup::tearDownExpired);
        return audit.about("sandbox", sandbox.id().toString()).stream()
                        .filter(r -> r.action().equals("sandbox.expired"))
                        .count()
                - before;
    }
}
