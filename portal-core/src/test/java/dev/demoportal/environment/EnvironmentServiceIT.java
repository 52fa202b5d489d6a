package dev.demoportal.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.AuditRows;
import dev.demoportal.AuditRows.AuditRow;
import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.TestUsers.TestPrincipal;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.identity.Role;
import dev.demoportal.testing.PortalDatabaseTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authorization.AuthorizationDeniedException;

@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class EnvironmentServiceIT {

    private static final AtomicInteger REGIONS = new AtomicInteger();

    @Autowired
    EnvironmentService service;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    AuditRows audit;
    TestPrincipal admin;

    @BeforeEach
    void signInAsAdmin(@Autowired JdbcTemplate jdbc) {
        audit = new AuditRows(jdbc);
        admin = TestUsers.signInAs("Alex Admin", Role.ADMIN);
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    /** A region of the test's own, so lists filtered by it see only the test's environments. */
    private RegionSummary newRegion() {
        int n = REGIONS.incrementAndGet();
        return service.createRegion(new RegionForm("test-" + n, "Test region " + n, "eu-central-1", "Europe/Berlin"));
    }

    private static EnvironmentForm form(String slug, String name, String region) {
        return new EnvironmentForm(slug, name, region, 8, EnvironmentStatus.AVAILABLE, "", List.of());
    }

    private static EnvironmentForm withSlots(EnvironmentForm f, int slots) {
        return new EnvironmentForm(f.slug(), f.name(), f.regionCode(), slots, f.status(), f.description(), f.links());
    }

    private static EnvironmentForm withStatus(EnvironmentForm f, EnvironmentStatus status) {
        return new EnvironmentForm(
                f.slug(), f.name(), f.regionCode(), f.tenantSlots(), status, f.description(), f.links());
    }

    private static EnvironmentForm withDescription(EnvironmentForm f, String description) {
        return new EnvironmentForm(
                f.slug(), f.name(), f.regionCode(), f.tenantSlots(), f.status(), description, f.links());
    }

    private long environmentRows() {
        return jdbc.queryForObject("select count(*) from shared_environment", Long.class);
    }

    private long environmentRows(String slug) {
        return jdbc.queryForObject("select count(*) from shared_environment where slug = ?", Long.class, slug);
    }

    private static List<String> names(List<EnvironmentSummary> environments) {
        return environments.stream().map(EnvironmentSummary::name).toList();
    }

    @Test
    void adminCreatesRegionAndEnvironmentAndEveryoneInternalSeesThem() {
        RegionSummary region =
                service.createRegion(new RegionForm("latam", "Latin America", "sa-east-1", "America/Sao_Paulo"));
        EnvironmentForm form = new EnvironmentForm(
                "latam-retail",
                " Retail demo ",
                "latam",
                12,
                EnvironmentStatus.AVAILABLE,
                "  Storefront and POS  ",
                List.of(new EnvironmentLink("Console", "https://retail.latam.demo.example/console")));

        EnvironmentSummary created = service.createEnvironment(form);

        assertThat(service.regions()).extracting(RegionSummary::code).contains("latam", "na", "emea", "apj");
        TestUsers.signInAs("Fiona Field", Role.FIELD_ENGINEER);
        List<EnvironmentSummary> listed = service.environments(new EnvironmentFilter("latam", null, false), 0, 50);
        assertThat(listed).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(created.id());
            assertThat(e.slug()).isEqualTo("latam-retail");
            assertThat(e.name()).isEqualTo("Retail demo");
            assertThat(e.region()).isEqualTo(region);
            assertThat(e.tenantSlots()).isEqualTo(12);
            assertThat(e.status()).isEqualTo(EnvironmentStatus.AVAILABLE);
            assertThat(e.description()).isEqualTo("Storefront and POS");
            assertThat(e.links())
                    .containsExactly(new EnvironmentLink("Console", "https://retail.latam.demo.example/console"));
        });
        assertThat(service.environment("latam-retail")).isEqualTo(listed.getFirst());
        assertThat(service.countEnvironments(new EnvironmentFilter("latam", null, false)))
                .isEqualTo(1);

        assertThat(audit.about("region", "latam")).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("region.created");
            assertThat(r.actorId()).isEqualTo(admin.userId());
            assertThat(r.actorName()).isEqualTo("Alex Admin");
        });
        assertThat(audit.about("environment", created.id().toString()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.action()).isEqualTo("environment.created");
                    assertThat(r.actorId()).isEqualTo(admin.userId());
                    assertThat(r.occurredAt()).isEqualTo(clock.instant());
                    assertThat(r.details())
                            .containsEntry("slug", "latam-retail")
                            .containsEntry("region", "latam")
                            .containsEntry("tenantSlots", 12);
                });
    }

    @Test
    void regionFilterListsOnlyThatRegionOrderedByName() {
        RegionSummary mine = newRegion();
        RegionSummary other = newRegion();
        service.createEnvironment(form(mine.code() + "-b", "Bravo", mine.code()));
        service.createEnvironment(form(mine.code() + "-a", "Alpha", mine.code()));
        service.createEnvironment(form(other.code() + "-a", "Alpha", other.code()));

        EnvironmentFilter filter = new EnvironmentFilter(mine.code(), null, true);

        assertThat(names(service.environments(filter, 0, 50))).containsExactly("Alpha", "Bravo");
        assertThat(service.countEnvironments(filter)).isEqualTo(2);
        assertThat(names(service.allEnvironments(filter))).containsExactly("Alpha", "Bravo");
        assertThat(service.environments(EnvironmentFilter.ALL, 0, 1000))
                .extracting(EnvironmentSummary::slug)
                .contains(mine.code() + "-a", mine.code() + "-b", other.code() + "-a");
    }

    @Test
    void textFilterMatchesNameSlugAndDescriptionIgnoringCase() {
        String r = newRegion().code();
        service.createEnvironment(form(r + "-crm", "Customer CRM", r));
        service.createEnvironment(withDescription(form(r + "-erp", "Finance", r), "Runs the ERP suite"));
        service.createEnvironment(form(r + "-pos", "Point of sale", r));

        assertThat(names(service.environments(new EnvironmentFilter(r, "crm", true), 0, 50)))
                .containsExactly("Customer CRM");
        assertThat(names(service.environments(new EnvironmentFilter(r, "ERP", true), 0, 50)))
                .as("description and slug match")
                .containsExactly("Finance");
        assertThat(names(service.environments(new EnvironmentFilter(r, r + "-pos", true), 0, 50)))
                .containsExactly("Point of sale");
        assertThat(service.countEnvironments(new EnvironmentFilter(r, "  ", true)))
                .as("blank text is no filter")
                .isEqualTo(3);
    }

    @Test
    void textFilterTakesPercentAndUnderscoreLiterally() {
        String r = newRegion().code();
        service.createEnvironment(form(r + "-full", "Sales 100% demo", r));
        service.createEnvironment(form(r + "-thousand", "Sales 1000 demo", r));
        service.createEnvironment(form(r + "-lake", "data_lake", r));
        service.createEnvironment(form(r + "-lake2", "datalake", r));
        service.createEnvironment(form(r + "-back", "back\\slash", r));

        assertThat(names(service.environments(new EnvironmentFilter(r, "100%", true), 0, 50)))
                .containsExactly("Sales 100% demo");
        assertThat(service.countEnvironments(new EnvironmentFilter(r, "100%", true)))
                .isEqualTo(1);
        assertThat(names(service.environments(new EnvironmentFilter(r, "data_", true), 0, 50)))
                .containsExactly("data_lake");
        assertThat(service.countEnvironments(new EnvironmentFilter(r, "%", true)))
                .isEqualTo(1);
        assertThat(names(service.environments(new EnvironmentFilter(r, "k\\s", true), 0, 50)))
                .containsExactly("back\\slash");
        assertThat(names(service.environments(new EnvironmentFilter(r, "sales", true), 0, 50)))
                .containsExactly("Sales 100% demo", "Sales 1000 demo");
    }

    @Test
    void retiredEnvironmentsAreHiddenUnlessAskedFor() {
        String r = newRegion().code();
        service.createEnvironment(form(r + "-live", "Live", r));
        service.createEnvironment(withStatus(form(r + "-maint", "Maintained", r), EnvironmentStatus.MAINTENANCE));
        service.createEnvironment(withStatus(form(r + "-old", "Old", r), EnvironmentStatus.RETIRED));

        EnvironmentFilter active = new EnvironmentFilter(r, null, false);
        EnvironmentFilter all = new EnvironmentFilter(r, null, true);

        assertThat(names(service.environments(active, 0, 50))).containsExactly("Live", "Maintained");
        assertThat(service.countEnvironments(active)).isEqualTo(2);
        assertThat(names(service.allEnvironments(active))).containsExactly("Live", "Maintained");
        assertThat(names(service.environments(all, 0, 50))).containsExactly("Live", "Maintained", "Old");
        assertThat(service.countEnvironments(all)).isEqualTo(3);
        assertThat(service.environments(EnvironmentFilter.ACTIVE, 0, 1000))
                .extracting(EnvironmentSummary::status)
                .doesNotContain(EnvironmentStatus.RETIRED);
    }

    @Test
    void pagesFromAnyOffset() {
        String r = newRegion().code();
        for (int i = 7; i >= 1; i--) {
            service.createEnvironment(form(r + "-e" + i, "Env 0" + i, r));
        }
        EnvironmentFilter filter = new EnvironmentFilter(r, null, false);

        assertThat(names(service.environments(filter, 3, 2))).containsExactly("Env 04", "Env 05");
        assertThat(names(service.environments(filter, 5, 10))).containsExactly("Env 06", "Env 07");
        assertThat(names(service.environments(filter, 0, 3))).containsExactly("Env 01", "Env 02", "Env 03");
        assertThat(service.environments(filter, 7, 5)).isEmpty();
        assertThat(service.countEnvironments(filter)).isEqualTo(7);
    }

    private void assertRefused(EnvironmentForm form, String field) {
        long before = environmentRows();
        long auditBefore = audit.count();

        assertThatThrownBy(() -> service.createEnvironment(form))
                .isInstanceOfSatisfying(
                        ValidationFailed.class, e -> assertThat(e.byField()).containsOnlyKeys(field));

        assertThat(environmentRows()).as("nothing saved").isEqualTo(before);
        assertThat(audit.count()).as("nothing audited").isEqualTo(auditBefore);
    }

    @Test
    void refusesBadSlug() {
        String r = newRegion().code();
        assertRefused(form("Bad_Slug", "Bad slug", r), "slug");
        assertRefused(form("-leading", "Leading dash", r), "slug");
        assertRefused(form("x".repeat(64), "Too long", r), "slug");
    }

    @Test
    void refusesSlotCountsOutsideOneToSixtyFour() {
        String r = newRegion().code();
        assertRefused(withSlots(form(r + "-zero", "Zero", r), 0), "tenantSlots");
        assertRefused(withSlots(form(r + "-many", "Many", r), 65), "tenantSlots");

        assertThat(service.createEnvironment(withSlots(form(r + "-max", "Max", r), 64))
                        .tenantSlots())
                .isEqualTo(64);
        assertThat(service.createEnvironment(withSlots(form(r + "-min", "Min", r), 1))
                        .tenantSlots())
                .isEqualTo(1);
    }

    @Test
    void refusesBlankName() {
        String r = newRegion().code();
        assertRefused(form(r + "-blank", "   ", r), "name");
    }

    @Test
    void refusesLinkThatIsNotHttp() {
        String r = newRegion().code();
        EnvironmentForm form = new EnvironmentForm(
                r + "-link",
                "Link",
                r,
                4,
                EnvironmentStatus.AVAILABLE,
                "",
                List.of(
                        new EnvironmentLink("Docs", "https://docs.example"),
                        new EnvironmentLink("Files", "ftp://files.example")));

        assertRefused(form, "links[1].url");
    }

    @Test
    void refusesUnknownRegion() {
        assertRefused(form("nowhere-env", "Nowhere", "atlantis"), "regionCode");
    }

    @Test
    void refusesRegionWithUnknownTimeZone() {
        long auditBefore = audit.count();

        assertThatThrownBy(() -> service.createRegion(new RegionForm("mars", "Mars", "us-west-2", "Mars/Olympus")))
                .isInstanceOfSatisfying(
                        ValidationFailed.class, e -> assertThat(e.byField()).containsOnlyKeys("timeZone"));

        assertThat(jdbc.queryForObject("select count(*) from region where code = 'mars'", Long.class))
                .isZero();
        assertThat(audit.count()).isEqualTo(auditBefore);
    }

    @Test
    void refusesDuplicateSlugEvenInAnotherRegion() {
        String r = newRegion().code();
        String other = newRegion().code();
        service.createEnvironment(form(r + "-dup", "Original", r));

        assertRefused(form(r + "-dup", "Copy", other), "slug");
        assertThat(environmentRows(r + "-dup")).isEqualTo(1);
    }

    @Test
    void refusesDuplicateNameInTheSameRegionOnly() {
        String r = newRegion().code();
        String other = newRegion().code();
        service.createEnvironment(form(r + "-one", "Shared name", r));

        assertRefused(form(r + "-two", "Shared name", r), "name");
        assertThat(environmentRows(r + "-two")).isZero();

        assertThat(service.createEnvironment(form(other + "-two", "Shared name", other))
                        .region()
                        .code())
                .isEqualTo(other);
    }

    @Test
    void editBasedOnAnOldVersionIsRefused() {
        String r = newRegion().code();
        EnvironmentForm original = form(r + "-edit", "Editable", r);
        EnvironmentSummary created = service.createEnvironment(original);
        EnvironmentSummary firstEdit =
                service.updateEnvironment(created.id(), created.version(), withSlots(original, 10));
        long auditBefore = audit.count();

        assertThatThrownBy(() -> service.updateEnvironment(created.id(), created.version(), withSlots(original, 20)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.code()).isEqualTo("environment.changed"));

        assertThat(firstEdit.version()).isGreaterThan(created.version());
        assertThat(service.environment(r + "-edit").tenantSlots())
                .as("the first edit stands")
                .isEqualTo(10);
        assertThat(audit.count()).isEqualTo(auditBefore);
    }

    @Test
    void updateRecordsOnlyWhatChanged() {
        String r = newRegion().code();
        EnvironmentForm original = form(r + "-upd", "Updatable", r);
        EnvironmentSummary created = service.createEnvironment(original);
        clock.advance(Duration.ofHours(1));

        EnvironmentSummary updated = service.updateEnvironment(
                created.id(), created.version(), withStatus(withSlots(original, 16), EnvironmentStatus.MAINTENANCE));

        assertThat(updated.tenantSlots()).isEqualTo(16);
        assertThat(updated.status()).isEqualTo(EnvironmentStatus.MAINTENANCE);
        assertThat(service.environment(r + "-upd")).isEqualTo(updated);
        assertThat(((Timestamp) jdbc.queryForObject(
                                "select updated_at from shared_environment where id = ?",
                                Timestamp.class,
                                created.id()))
                        .toInstant())
                .isEqualTo(clock.instant());
        List<AuditRow> trail = audit.about("environment", created.id().toString());
        assertThat(trail).extracting(AuditRow::action).containsExactly("environment.created", "environment.updated");
        assertThat(trail.get(1).details()).isEqualTo(Map.of("tenantSlots", 16, "status", "MAINTENANCE"));
        assertThat(trail.get(1).occurredAt()).isEqualTo(clock.instant());
    }

    @Test
    void savingWithoutChangesKeepsTheVersionAndRecordsNothing() {
        String r = newRegion().code();
        EnvironmentForm original = form(r + "-same", "Unchanged", r);
        EnvironmentSummary created = service.createEnvironment(original);
        long auditBefore = audit.count();
        clock.advance(Duration.ofHours(1));

        EnvironmentSummary saved = service.updateEnvironment(created.id(), created.version(), original);

        assertThat(saved).isEqualTo(created);
        assertThat(service.environment(r + "-same").version())
                .as("another admin editing the same version must still be able to save")
                .isEqualTo(created.version());
        assertThat(audit.count()).isEqualTo(auditBefore);
    }

    @Test
    void savingARegionWithoutChangesKeepsItsVersion() {
        RegionSummary region = newRegion();
        RegionForm same = new RegionForm(region.code(), region.name(), region.awsRegion(), region.timeZone());
        long auditBefore = audit.count();
        clock.advance(Duration.ofHours(1));

        assertThat(service.updateRegion(region.code(), region.version(), same)).isEqualTo(region);
        RegionSummary renamed = service.updateRegion(
                region.code(),
                region.version(),
                new RegionForm(region.code(), region.name() + " renamed", region.awsRegion(), region.timeZone()));

        assertThat(renamed.version()).isEqualTo(region.version() + 1);
        assertThat(audit.count()).isEqualTo(auditBefore + 1);
        assertThat(audit.about("region", region.code()).getLast().details())
                .isEqualTo(Map.of("name", region.name() + " renamed"));
    }

    @Test
    void updateToADuplicateSlugIsAFieldErrorAndChangesNothing() {
        String r = newRegion().code();
        service.createEnvironment(form(r + "-taken", "Taken", r));
        EnvironmentForm original = form(r + "-mine", "Mine", r);
        EnvironmentSummary mine = service.createEnvironment(original);
        long auditBefore = audit.count();

        EnvironmentForm clash =
                new EnvironmentForm(r + "-taken", "Mine renamed", r, 8, EnvironmentStatus.AVAILABLE, "", List.of());
        assertThatThrownBy(() -> service.updateEnvironment(mine.id(), mine.version(), clash))
                .isInstanceOfSatisfying(
                        ValidationFailed.class, e -> assertThat(e.byField()).containsOnlyKeys("slug"));

        assertThat(service.environment(r + "-mine")).isEqualTo(mine);
        assertThat(audit.count()).isEqualTo(auditBefore);
    }

    @Test
    void fieldEngineerReadsButCannotCreate() {
        String r = newRegion().code();
        service.createEnvironment(form(r + "-read", "Readable", r));
        TestUsers.signInAs("Fiona Field", Role.FIELD_ENGINEER);
        long before = environmentRows();

        assertThat(names(service.environments(new EnvironmentFilter(r, null, false), 0, 10)))
                .containsExactly("Readable");
        assertThatThrownBy(() -> service.createEnvironment(form(r + "-nope", "Nope", r)))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.createRegion(new RegionForm("nope", "Nope", "eu-west-1", "UTC")))
                .isInstanceOf(AuthorizationDeniedException.class);

        assertThat(environmentRows()).isEqualTo(before);
    }

    @Test
    void managerReadsButCannotEdit() {
        String r = newRegion().code();
        EnvironmentForm original = form(r + "-mgr", "Managed", r);
        EnvironmentSummary created = service.createEnvironment(original);
        TestUsers.signInAs("Mia Manager", Role.MANAGER);

        assertThat(service.environment(r + "-mgr")).isEqualTo(created);
        assertThatThrownBy(() -> service.updateEnvironment(created.id(), created.version(), withSlots(original, 2)))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThat(service.environment(r + "-mgr").tenantSlots()).isEqualTo(8);
    }

    @Test
    void customerCannotReadEnvironments() {
        String r = newRegion().code();
        service.createEnvironment(form(r + "-secret", "Secret", r));
        TestUsers.signInAs("Carla Customer", Role.CUSTOMER);

        assertThatThrownBy(() -> service.environments(EnvironmentFilter.ALL, 0, 10))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.countEnvironments(EnvironmentFilter.ALL))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.allEnvironments(EnvironmentFilter.ALL))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.environment(r + "-secret")).isInstanceOf(AuthorizationDeniedException.class);
    }
}
