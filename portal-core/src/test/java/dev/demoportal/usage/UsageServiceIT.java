package dev.demoportal.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.audit.AuditEntry;
import dev.demoportal.audit.AuditQuery;
import dev.demoportal.audit.AuditService;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.testing.PortalDatabaseTest;
import dev.demoportal.testing.UsageRows;
import dev.demoportal.testing.UsageRows.SandboxHistory;
import dev.demoportal.usage.HolderReport.CustomerRow;
import dev.demoportal.usage.HolderReport.HolderRow;
import dev.demoportal.usage.Utilisation.EnvironmentDay;
import dev.demoportal.usage.Utilisation.HeatCell;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/**
 * The dashboards' numbers against a small data set computed by hand: bookings crossing midnight in
 * Tokyo, across the spring DST change in Dublin and the autumn one in New York, releases,
 * cancellations and no-shows, waitlists, sandboxes with known timings, and empty ranges. The same
 * numbers must come from the live computation and from the rollup.
 */
@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageServiceIT {

    @Autowired
    UsageService usage;

    @Autowired
    AuditService audit;

    @Autowired
    UserService users;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    UsageRows rows;
    UUID alice;
    UUID bob;
    UUID manager;
    UUID tokyo;
    UUID dublin;
    UUID newYork;
    UUID acme;
    UUID globex;
    UUID template;
    UUID emeaJob;
    UUID newYorkSandbox;

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    @BeforeAll
    void history() {
        rows = new UsageRows(dataSource);
        acme = rows.organisation("Acme");
        globex = rows.organisation("Globex");
        alice = rows.user("Alice Field", "FIELD_ENGINEER", null);
        bob = rows.user("Bob Field", "FIELD_ENGINEER", null);
        manager = rows.user("Mona Manager", "MANAGER", null);
        UUID carol = rows.user("Carol Customer", "CUSTOMER", acme);

        Instant created = t("2026-01-01T00:00:00Z");
        tokyo = rows.environment("tokyo-1", "apj", 2, created);
        dublin = rows.environment("dublin-1", "emea", 2, created);
        newYork = rows.environment("ny-1", "na", 1, created);

        // Tokyo (UTC+9, no DST): 22:00–02:00 local crosses midnight: 2 h on Tue 10 Feb, 2 h on Wed 11 Feb
        rows.booking(tokyo, 1, alice, t("2026-02-10T13:00:00Z"), t("2026-02-10T17:00:00Z"), "BOOKED", "Acme");
        // a cancelled booking never counts
        rows.booking(tokyo, 2, bob, t("2026-02-10T13:00:00Z"), t("2026-02-10T20:00:00Z"), "CANCELLED", "Acme");
        // released early: held 10:00–11:30 JST on the 11th
        rows.booking(tokyo, 2, bob, t("2026-02-11T01:00:00Z"), t("2026-02-11T02:30:00Z"), "RELEASED", null);

        // Dublin springs forward on Sun 29 Mar 2026 at 01:00 UTC (01:00 GMT → 02:00 IST):
        // 22:00 GMT Sat → 04:00 IST Sun = 2 h on Saturday (22, 23) and 3 h on Sunday (0, 2, 3); Sunday has 23 hours
        rows.booking(dublin, 1, alice, t("2026-03-28T22:00:00Z"), t("2026-03-29T03:00:00Z"), "BOOKED", "Globex");

        // New York falls back on Sun 1 Nov 2026 at 06:00 UTC (02:00 EDT → 01:00 EST): 00:00 EDT → 03:00 EST is
        // 4 h, local hour 1 twice; the day has 25 hours. A no-show: held until released.
        rows.booking(newYork, 1, bob, t("2026-11-01T04:00:00Z"), t("2026-11-01T08:00:00Z"), "NO_SHOW", null);

        // waitlist in Tokyo on 10 Feb: one granted after 30 min, one granted after 90 min, one lapsed
        UUID granted1 =
                rows.booking(tokyo, 2, alice, t("2026-02-12T00:00:00Z"), t("2026-02-12T01:00:00Z"), "BOOKED", null);
        UUID granted2 =
                rows.booking(tokyo, 1, bob, t("2026-02-12T00:00:00Z"), t("2026-02-12T01:00:00Z"), "BOOKED", null);
        rows.waitlist(tokyo, alice, t("2026-02-10T02:00:00Z"), "GRANTED", granted1);
        rows.bookingCreatedAt(granted1, t("2026-02-10T02:30:00Z"));
        rows.waitlist(tokyo, bob, t("2026-02-10T03:00:00Z"), "GRANTED", granted2);
        rows.bookingCreatedAt(granted2, t("2026-02-10T04:30:00Z"));
        rows.waitlist(tokyo, manager, t("2026-02-10T05:00:00Z"), "LAPSED", null);

        // sandboxes requested in EMEA on 2 Feb; lead times 60, 120 and 240 minutes
        template = rows.template("eks-starter");
        Instant r = t("2026-02-02T09:00:00Z");
        rows.sandbox(
                template,
                "emea",
                acme,
                carol,
                SandboxHistory.requested(r)
                        .decided(r.plus(Duration.ofMinutes(20)), manager, "APPROVED")
                        .ready(r.plus(Duration.ofMinutes(60)), t("2026-02-03T10:00:00Z"))
                        .tornDown(t("2026-02-03T10:05:00Z")));
        rows.sandbox(
                template,
                "emea",
                acme,
                carol,
                SandboxHistory.requested(r)
                        .autoApproved(r)
                        .ready(r.plus(Duration.ofMinutes(120)), t("2026-02-05T11:00:00Z"))
                        .extended(2));
        UUID third = rows.sandbox(
                template,
                "emea",
                globex,
                carol,
                SandboxHistory.requested(r)
                        .decided(r.plus(Duration.ofMinutes(40)), manager, "APPROVED")
                        .ready(r.plus(Duration.ofMinutes(240)), t("2026-02-04T13:00:00Z")));
        rows.sandbox(
                template,
                "emea",
                globex,
                carol,
                SandboxHistory.requested(r).decided(r.plus(Duration.ofMinutes(60)), manager, "REJECTED"));
        UUID failed = rows.sandbox(
                template,
                "emea",
                acme,
                carol,
                SandboxHistory.requested(r).autoApproved(r).failed(r.plus(Duration.ofMinutes(30))));
        UUID job1 = rows.job(third, "PROVISION", "SUCCEEDED", "emea", r, r.plus(Duration.ofMinutes(240)), null);
        emeaJob = job1;
        rows.step(job1, 1, "global", "dns-zone", "SUCCEEDED");
        rows.step(job1, 2, "region-core", "namespace", "SUCCEEDED");
        UUID job2 = rows.job(failed, "PROVISION", "FAILED", "emea", r, r.plus(Duration.ofMinutes(30)), "quota");
        rows.step(job2, 1, "global", "dns-zone", "SUCCEEDED");
        rows.step(job2, 2, "region-core", "namespace", "FAILED");
        rows.step(job2, 3, "region-platform", "app", "PENDING");

        // for the sandbox roll-up, in the other two zones: New York, ready on Sat 31 Oct 16:00 EDT and torn down
        // on Sun 1 Nov 23:30 EST (2 Nov in UTC), the day that had 25 hours; its job was created on 1 Nov 22:00
        // EST (2 Nov in UTC). Tokyo, ready at 01:00 JST on 29 Mar (28 Mar in UTC) and never torn down; one
        // step of its job never finished.
        Instant nyRequested = t("2026-10-31T18:00:00Z");
        newYorkSandbox = rows.sandbox(
                template,
                "na",
                globex,
                carol,
                SandboxHistory.requested(nyRequested)
                        .autoApproved(nyRequested)
                        .ready(t("2026-10-31T20:00:00Z"), t("2026-11-03T20:00:00Z"))
                        .tornDown(t("2026-11-02T04:30:00Z")));
        UUID nyJob = rows.job(
                newYorkSandbox,
                "PROVISION",
                "SUCCEEDED",
                "na",
                t("2026-11-02T03:00:00Z"),
                t("2026-11-02T03:10:00Z"),
                null);
        rows.step(nyJob, 1, "global", "dns-zone", "SUCCEEDED");
        rows.step(nyJob, 2, "region-core", "namespace", "FAILED");
        Instant tokyoRequested = t("2026-03-28T15:00:00Z");
        UUID tokyoSandbox = rows.sandbox(
                template,
                "apj",
                acme,
                carol,
                SandboxHistory.requested(tokyoRequested)
                        .autoApproved(tokyoRequested)
                        .ready(t("2026-03-28T16:00:00Z"), t("2027-03-28T16:00:00Z")));
        UUID tokyoJob = rows.job(
                tokyoSandbox, "PROVISION", "SUCCEEDED", "apj", tokyoRequested, t("2026-03-28T16:00:00Z"), null);
        rows.step(tokyoJob, 1, "global", "dns-zone", "SUCCEEDED");
        rows.step(tokyoJob, 2, "region-platform", "app", "RUNNING");

        rows.audit(
                t("2026-02-02T09:00:00Z"),
                "Carol Customer",
                "sandbox.requested",
                "sandbox",
                "sb-1",
                acme,
                "{\"template\":\"eks-starter\"}");
        rows.audit(t("2026-02-02T09:05:00Z"), "Dave Customer", "sandbox.requested", "sandbox", "sb-9", globex, null);
        rows.audit(t("2026-02-02T10:00:00Z"), "Mona Manager", "sandbox.approved", "sandbox", "sb-1", acme, null);
        rows.audit(t("2026-02-03T10:00:00Z"), "Alice Field", "booking.created", "booking", "b-1", null, null);
    }

    @BeforeEach
    void asManager() {
        clock.set(TestClockConfiguration.START);
        TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    private static UsageFilter days(String from, String to) {
        return UsageFilter.of(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void aBookingCrossingMidnightCountsOnBothLocalDays() {
        Utilisation u = usage.utilisation(days("2026-02-10", "2026-02-11").withEnvironment("tokyo-1"));

        assertThat(u.days())
                .extracting(
                        EnvironmentDay::day,
                        EnvironmentDay::availableHours,
                        EnvironmentDay::bookedHours,
                        EnvironmentDay::bookingsStarted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-02-10"), 48.0, 2.0, 1),
                        // 2 h of Alice's (00:00–02:00) and 1.5 h of Bob's released booking
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-02-11"), 48.0, 3.5, 1));
        assertThat(u.environments()).singleElement().satisfies(e -> {
            assertThat(e.bookedHours()).isEqualTo(5.5);
            assertThat(e.availableHours()).isEqualTo(96.0);
            assertThat(e.utilisation()).isEqualTo(0.0573); // 5.5 / 96 = 0.05729…
        });
        // Tuesday 22:00 and 23:00, Wednesday 00:00 and 01:00 local; Wednesday 10:00 one hour, 11:00 half
        assertThat(cell(u, 2, 22).bookedHours()).isEqualTo(1.0);
        assertThat(cell(u, 2, 23).bookedHours()).isEqualTo(1.0);
        assertThat(cell(u, 3, 0).bookedHours()).isEqualTo(1.0);
        assertThat(cell(u, 3, 1).bookedHours()).isEqualTo(1.0);
        assertThat(cell(u, 3, 10).bookedHours()).isEqualTo(1.0);
        assertThat(cell(u, 3, 11).bookedHours()).isEqualTo(0.5);
        assertThat(cell(u, 3, 11).availableHours()).isEqualTo(2.0);
        assertThat(cell(u, 3, 11).utilisation()).isEqualTo(0.25);
        assertThat(cell(u, 2, 21).bookedHours()).isZero();
        assertThat(u.heatmap().stream().mapToDouble(HeatCell::bookedHours).sum())
                .isEqualTo(5.5);
    }

    @Test
    void theDstDaysHave23And25HoursAndTheHeatmapUsesLocalHours() {
        Utilisation spring = usage.utilisation(days("2026-03-28", "2026-03-29").withRegion("emea"));
        assertThat(spring.days())
                .extracting(EnvironmentDay::availableHours, EnvironmentDay::bookedHours)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(48.0, 2.0), org.assertj.core.groups.Tuple.tuple(46.0, 3.0));
        // Sunday: local hours 0, 2 and 3; the skipped hour 1 does not exist, so it has no slot-hours either
        assertThat(cell(spring, 7, 0).bookedHours()).isEqualTo(1.0);
        assertThat(cell(spring, 7, 1).bookedHours()).isZero();
        assertThat(cell(spring, 7, 1).availableHours()).isZero();
        assertThat(cell(spring, 7, 2).bookedHours()).isEqualTo(1.0);
        assertThat(cell(spring, 7, 3).bookedHours()).isEqualTo(1.0);
        assertThat(cell(spring, 6, 22).bookedHours()).isEqualTo(1.0);

        Utilisation autumn = usage.utilisation(days("2026-11-01", "2026-11-01").withRegion("na"));
        assertThat(autumn.days()).singleElement().satisfies(d -> {
            assertThat(d.availableHours()).isEqualTo(25.0);
            assertThat(d.bookedHours()).isEqualTo(4.0);
            assertThat(d.noShows()).isEqualTo(1);
        });
        // 1 November 2026 is a Sunday; local hour 1 happened twice
        assertThat(cell(autumn, 7, 1).bookedHours()).isEqualTo(2.0);
        assertThat(cell(autumn, 7, 1).availableHours()).isEqualTo(2.0);
        assertThat(cell(autumn, 7, 0).bookedHours()).isEqualTo(1.0);
        assertThat(cell(autumn, 7, 2).bookedHours()).isEqualTo(1.0);
        assertThat(autumn.outcomes().noShowRate()).isEqualTo(1.0);
    }

    @Test
    void theRollupGivesTheSameNumbersAsTheLiveComputation() {
        // from nothing rolled up, whatever ran before
        jdbc.update("delete from usage_environment_month");
        jdbc.update("delete from usage_environment_day");
        jdbc.update("delete from usage_rollup_watermark");
        List<Utilisation> live = snapshots();
        TestUsers.signInAs(manager, "Mona Manager", Role.ADMIN);
        // part way first: up to 16 March in every zone, so March is a partial month
        clock.set(t("2026-03-17T12:00:00Z"));
        int partly = usage.refreshRollupCompletely();
        assertThat(jdbc.queryForObject("select count(*) from usage_environment_month", Integer.class))
                .as("January and February of each, and New York's 31 December 2025")
                .isEqualTo(7);
        TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
        assertThat(snapshots()).isEqualTo(live);

        TestUsers.signInAs(manager, "Mona Manager", Role.ADMIN);
        clock.set(t("2026-12-01T00:00:00Z"));
        int written = partly + usage.refreshRollupCompletely();
        // Tokyo and Dublin: 1 Jan to 30 Nov; New York: 31 Dec to 29 Nov (it is still 30 Nov there)
        assertThat(written).isEqualTo(334 * 3);
        assertThat(jdbc.queryForObject("select count(*) from usage_environment_day", Integer.class))
                .isEqualTo(written);
        // whole months: Tokyo and Dublin January to November; New York December 2025 to October
        assertThat(jdbc.queryForObject("select count(*) from usage_environment_month", Integer.class))
                .isEqualTo(11 + 11 + 11);
        assertThat(usage.refreshRollup()).as("nothing new to roll up").isZero();

        TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
        assertThat(snapshots()).isEqualTo(live);
    }

    @Test
    void aChangedBookingInRolledUpDaysRewindsTheRollup() {
        TestUsers.signInAs(manager, "Mona Manager", Role.ADMIN);
        clock.set(t("2026-12-01T00:00:00Z"));
        usage.refreshRollupCompletely();
        TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
        List<Utilisation> before = snapshots();
        String dublinBooking = "environment_id = ? and starts_at = '2026-03-28T22:00:00Z'";
        try {
            // history edited: Dublin's booking across the spring change is cancelled after the fact
            jdbc.update("update booking set status = 'CANCELLED' where " + dublinBooking, dublin);
            assertThat(jdbc.queryForObject(
                            "select rolled_up_until from usage_rollup_watermark where environment_id = ?",
                            LocalDate.class,
                            dublin))
                    .isEqualTo(LocalDate.parse("2026-03-27"));
            List<Utilisation> cancelled = snapshots();
            assertThat(cancelled).isNotEqualTo(before);
            assertThat(usage.utilisation(days("2026-03-28", "2026-03-29").withRegion("emea"))
                            .days())
                    .extracting(EnvironmentDay::bookedHours)
                    .containsExactly(0.0, 0.0);

            TestUsers.signInAs(manager, "Mona Manager", Role.ADMIN);
            assertThat(usage.refreshRollupCompletely())
                    .as("Dublin from 28 March again")
                    .isEqualTo(248);
            TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
            assertThat(snapshots()).isEqualTo(cancelled);
        } finally {
            jdbc.update("update booking set status = 'BOOKED' where " + dublinBooking, dublin);
        }
        TestUsers.signInAs(manager, "Mona Manager", Role.ADMIN);
        usage.refreshRollupCompletely();
        TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
        assertThat(snapshots()).isEqualTo(before);
    }

    private List<Utilisation> snapshots() {
        List<Utilisation> all = new ArrayList<>();
        all.add(usage.utilisation(days("2026-02-10", "2026-02-11").withEnvironment("tokyo-1")));
        all.add(usage.utilisation(days("2026-03-28", "2026-03-29").withRegion("emea")));
        all.add(usage.utilisation(days("2026-11-01", "2026-11-01").withRegion("na")));
        all.add(usage.utilisation(days("2026-01-01", "2026-11-30")));
        // windows that start and end inside months, across the DST changes, in every region's zone
        all.add(usage.utilisation(days("2026-01-15", "2026-04-10")));
        all.add(usage.utilisation(days("2026-02-01", "2026-03-31").withRegion("emea")));
        all.add(usage.utilisation(days("2026-01-31", "2026-03-01").withEnvironment("tokyo-1")));
        all.add(usage.utilisation(days("2026-10-20", "2026-11-30").withRegion("na")));
        all.add(usage.utilisation(days("2025-12-01", "2026-12-01")));
        return all;
    }

    @Test
    void theSandboxRollupGivesTheSameNumbersAsTheLiveComputation() {
        List<SandboxReport> live = liveSandboxSnapshots();
        assertThat(live.get(4).active())
                .as("New York's sandbox on its local days 31 Oct and 1 Nov, not on 2 Nov (UTC)")
                .extracting(SandboxReport.ActiveDay::day)
                .containsExactly(LocalDate.parse("2026-10-31"), LocalDate.parse("2026-11-01"));
        assertThat(live.get(4).failures())
                .extracting(f -> f.layer() + "/" + f.step() + " " + f.runs() + " " + f.failed())
                .containsExactly("global/dns-zone 1 0", "region-core/namespace 1 1");
        TestUsers.signInAs(manager, "Mona Manager", Role.ADMIN);
        // part way first: up to 16 March in every zone; Tokyo's sandbox and job come after it
        clock.set(t("2026-03-17T12:00:00Z"));
        usage.refreshRollupCompletely();
        assertThat(sandboxWatermark("emea")).isEqualTo(LocalDate.parse("2026-03-16"));
        assertThat(sandboxWatermark("na")).isEqualTo(LocalDate.parse("2026-03-16"));
        assertThat(jdbc.queryForObject("select count(*) from usage_sandbox_day", Integer.class))
                .as("EMEA's days with a ready sandbox: 2 Feb to 16 Mar")
                .isEqualTo(43);
        TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
        assertThat(sandboxSnapshots()).isEqualTo(live);

        TestUsers.signInAs(manager, "Mona Manager", Role.ADMIN);
        clock.set(t("2026-12-01T00:00:00Z"));
        usage.refreshRollupCompletely();
        assertThat(sandboxWatermark("apj")).isEqualTo(LocalDate.parse("2026-11-30"));
        // still 30 November in New York
        assertThat(sandboxWatermark("na")).isEqualTo(LocalDate.parse("2026-11-29"));
        assertThat(jdbc.queryForObject("select count(*) from usage_step_day", Integer.class))
                .as("EMEA 2 Feb: three steps; Tokyo 29 Mar: two; New York 1 Nov: two")
                .isEqualTo(7);
        TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
        assertThat(sandboxSnapshots()).isEqualTo(live);
    }

    @Test
    void aChangedSandboxOrStepInRolledUpDaysRewindsTheSandboxRollup() {
        TestUsers.signInAs(manager, "Mona Manager", Role.ADMIN);
        clock.set(t("2026-12-01T00:00:00Z"));
        usage.refreshRollupCompletely();
        TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
        List<SandboxReport> before = sandboxSnapshots();
        try {
            // history edited: New York's sandbox was torn down on 31 Oct 23:00 EDT, a day earlier
            jdbc.update(
                    "update sandbox set torn_down_at = ? where id = ?",
                    t("2026-11-01T03:00:00Z").atOffset(java.time.ZoneOffset.UTC),
                    newYorkSandbox);
            assertThat(sandboxWatermark("na")).isEqualTo(LocalDate.parse("2026-10-30"));
            // and a step of EMEA's 2 Feb job is recorded as failed after the fact
            jdbc.update("update provisioning_step set status = 'FAILED' where job_id = ? and ordinal = 1", emeaJob);
            assertThat(sandboxWatermark("emea")).isEqualTo(LocalDate.parse("2026-02-01"));
            List<SandboxReport> edited = sandboxSnapshots();
            assertThat(edited).isNotEqualTo(before);
            assertThat(edited.get(4).active())
                    .extracting(SandboxReport.ActiveDay::day)
                    .containsExactly(LocalDate.parse("2026-10-31"));

            TestUsers.signInAs(manager, "Mona Manager", Role.ADMIN);
            usage.refreshRollupCompletely();
            TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
            assertThat(sandboxSnapshots()).isEqualTo(edited);
            assertThat(liveSandboxSnapshots()).isEqualTo(edited);
        } finally {
            jdbc.update(
                    "update sandbox set torn_down_at = ? where id = ?",
                    t("2026-11-02T04:30:00Z").atOffset(java.time.ZoneOffset.UTC),
                    newYorkSandbox);
            jdbc.update("update provisioning_step set status = 'SUCCEEDED' where job_id = ? and ordinal = 1", emeaJob);
        }
        TestUsers.signInAs(manager, "Mona Manager", Role.ADMIN);
        usage.refreshRollupCompletely();
        TestUsers.signInAs(manager, "Mona Manager", Role.MANAGER);
        assertThat(sandboxSnapshots()).isEqualTo(before);
    }

    private @org.jspecify.annotations.Nullable LocalDate sandboxWatermark(String region) {
        return jdbc
                .query(
                        "select rolled_up_until from usage_sandbox_watermark where region_code = ?",
                        (rs, i) -> rs.getObject(1, LocalDate.class),
                        region)
                .stream()
                .findFirst()
                .orElse(null);
    }

    /** The sandbox reports with nothing rolled up: the live computation. */
    private List<SandboxReport> liveSandboxSnapshots() {
        jdbc.update("delete from usage_sandbox_day");
        jdbc.update("delete from usage_step_day");
        jdbc.update("delete from usage_sandbox_watermark");
        return sandboxSnapshots();
    }

    private List<SandboxReport> sandboxSnapshots() {
        List<SandboxReport> all = new ArrayList<>();
        all.add(usage.sandboxes(days("2026-02-02", "2026-02-04")));
        all.add(usage.sandboxes(days("2026-02-01", "2026-03-31").withRegion("emea")));
        all.add(usage.sandboxes(days("2026-01-15", "2026-04-10")));
        all.add(usage.sandboxes(days("2026-03-20", "2026-04-02").withRegion("apj")));
        all.add(usage.sandboxes(days("2026-10-20", "2026-11-30").withRegion("na")));
        all.add(usage.sandboxes(days("2026-10-31", "2026-11-02")));
        all.add(usage.sandboxes(days("2026-01-01", "2026-11-30").withTemplate("eks-starter")));
        all.add(usage.sandboxes(days("2025-12-01", "2026-12-01")));
        all.add(usage.sandboxes(days("2025-12-01", "2026-12-01").withOrganisation(globex)));
        return all;
    }

    @Test
    void anEmptyRangeHasZerosNotErrors() {
        Utilisation u = usage.utilisation(days("2026-05-04", "2026-05-10").withRegion("apj"));
        assertThat(u.days())
                .hasSize(7)
                .allSatisfy(d -> assertThat(d.bookedHours()).isZero());
        assertThat(u.environments())
                .singleElement()
                .satisfies(e -> assertThat(e.utilisation()).isZero());
        assertThat(u.outcomes().noShowRate()).isZero();
        assertThat(u.waitlist().p50WaitMinutes()).isNull();

        // before any environment existed: no rows at all
        assertThat(usage.utilisation(days("2025-06-01", "2025-06-30")).days()).isEmpty();
        assertThat(usage.holders(days("2025-06-01", "2025-06-30")).holders()).isEmpty();
        SandboxReport none = usage.sandboxes(days("2025-06-01", "2025-06-30"));
        assertThat(none.funnel().requested()).isZero();
        assertThat(none.leadTime().p50Minutes()).isNull();
        assertThat(none.extensionRate()).isZero();
    }

    @Test
    void waitlistWaitsAreFromJoiningToTheGrantedBooking() {
        Utilisation u = usage.utilisation(days("2026-02-10", "2026-02-10").withRegion("apj"));
        assertThat(u.waitlist().joined()).isEqualTo(3);
        assertThat(u.waitlist().granted()).isEqualTo(2);
        assertThat(u.waitlist().lapsedOrLeft()).isEqualTo(1);
        assertThat(u.waitlist().p50WaitMinutes()).isEqualTo(60.0); // 30 and 90 minutes
        assertThat(u.waitlist().p95WaitMinutes()).isEqualTo(87.0); // 30 + 0.95 × 60
    }

    @Test
    void holdersHoursAreClippedToTheRangeAndGroupedByCustomer() {
        HolderReport h = usage.holders(days("2026-02-11", "2026-02-11").withRegion("apj"));
        assertThat(h.holders())
                .extracting(HolderRow::holder, HolderRow::hours, HolderRow::bookings)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Alice Field", 2.0, 1L),
                        org.assertj.core.groups.Tuple.tuple("Bob Field", 1.5, 1L));
        assertThat(h.customers())
                .extracting(CustomerRow::customer, CustomerRow::hours, CustomerRow::holders)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Acme", 2.0, 1L),
                        org.assertj.core.groups.Tuple.tuple(HolderReport.INTERNAL, 1.5, 1L));
        assertThat(usage.holders(days("2026-02-11", "2026-02-11").withHolder(bob))
                        .holders())
                .extracting(HolderRow::holder)
                .containsExactly("Bob Field");

        List<BookingRecord> exported = new ArrayList<>();
        usage.exportBookings(days("2026-02-10", "2026-02-11").withRegion("apj"), exported::add);
        assertThat(exported)
                .extracting(BookingRecord::status, BookingRecord::hoursInRange)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BOOKED", 4.0),
                        org.assertj.core.groups.Tuple.tuple("RELEASED", 1.5));
    }

    @Test
    void holdersAreSummedPerPersonCustomerAndEnvironmentAcrossZones() {
        // 10 June 2026 in Tokyo (UTC+9), Dublin (UTC+1) and New York (UTC−4)
        List<UUID> june = List.of(
                rows.booking(tokyo, 1, alice, t("2026-06-10T01:00:00Z"), t("2026-06-10T03:00:00Z"), "BOOKED", "Acme"),
                rows.booking(dublin, 1, alice, t("2026-06-10T09:00:00Z"), t("2026-06-10T12:00:00Z"), "BOOKED", "Acme"),
                rows.booking(dublin, 2, bob, t("2026-06-10T09:00:00Z"), t("2026-06-10T10:00:00Z"), "NO_SHOW", "Acme"),
                rows.booking(newYork, 1, bob, t("2026-06-10T14:00:00Z"), t("2026-06-10T15:30:00Z"), "RELEASED", null));
        try {
            HolderReport all = usage.holders(days("2026-06-10", "2026-06-10"));
            assertThat(all.holders())
                    .extracting(HolderRow::holder, HolderRow::bookings, HolderRow::hours, HolderRow::noShows)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Alice Field", 2L, 5.0, 0L),
                            org.assertj.core.groups.Tuple.tuple("Bob Field", 2L, 2.5, 1L));
            // Alice booked Acme on two environments: one engineer for Acme there, not two
            assertThat(all.customers())
                    .extracting(CustomerRow::customer, CustomerRow::bookings, CustomerRow::hours, CustomerRow::holders)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Acme", 3L, 6.0, 2L),
                            org.assertj.core.groups.Tuple.tuple(HolderReport.INTERNAL, 1L, 1.5, 1L));
            assertThat(all.byEnvironment())
                    .extracting(
                            HolderReport.HolderEnvironmentRow::holder,
                            HolderReport.HolderEnvironmentRow::environment,
                            HolderReport.HolderEnvironmentRow::bookings,
                            HolderReport.HolderEnvironmentRow::hours)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Alice Field", "dublin-1", 1L, 3.0),
                            org.assertj.core.groups.Tuple.tuple("Alice Field", "tokyo-1", 1L, 2.0),
                            org.assertj.core.groups.Tuple.tuple("Bob Field", "ny-1", 1L, 1.5),
                            org.assertj.core.groups.Tuple.tuple("Bob Field", "dublin-1", 1L, 1.0));

            assertThat(usage.holders(days("2026-06-10", "2026-06-10").withCustomer("Acme"))
                            .holders())
                    .extracting(HolderRow::holder, HolderRow::hours, HolderRow::noShows)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Alice Field", 5.0, 0L),
                            org.assertj.core.groups.Tuple.tuple("Bob Field", 1.0, 1L));
            assertThat(usage.holders(days("2026-06-10", "2026-06-10").withRegion("emea"))
                            .customers())
                    .extracting(CustomerRow::customer, CustomerRow::hours, CustomerRow::holders)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Acme", 4.0, 2L));
        } finally {
            june.forEach(id -> jdbc.update("delete from booking where id = ?", id));
        }
    }

    @Test
    void sandboxFunnelAndTimings() {
        SandboxReport s = usage.sandboxes(days("2026-02-02", "2026-02-02"));
        assertThat(s.funnel()).isEqualTo(new SandboxReport.Funnel(5, 4, 2, 1, 3, 1, 1, 1));
        assertThat(s.leadTime().count()).isEqualTo(3);
        assertThat(s.leadTime().p50Minutes()).isEqualTo(120.0);
        assertThat(s.leadTime().p95Minutes()).isEqualTo(228.0); // 120 + 0.9 × 120
        // people decided three: after 20, 40 and 60 minutes
        assertThat(s.approval().count()).isEqualTo(3);
        assertThat(s.approval().p50Minutes()).isEqualTo(40.0);
        // approval to ready: 40, 120 (auto-approved at request), 200
        assertThat(s.provisioning().p50Minutes()).isEqualTo(120.0);
        assertThat(s.extensionRate()).isEqualTo(0.3333);
        assertThat(s.failures())
                .extracting(f -> f.layer() + "/" + f.step() + " " + f.runs() + " " + f.failed())
                .containsExactly("global/dns-zone 2 0", "region-core/namespace 2 1", "region-platform/app 0 0");

        assertThat(usage.sandboxes(days("2026-02-02", "2026-02-02").withOrganisation(globex))
                        .funnel()
                        .requested())
                .isEqualTo(2);
        assertThat(usage.sandboxes(days("2026-02-02", "2026-02-02").withRegion("na"))
                        .funnel()
                        .requested())
                .isZero();
        assertThat(usage.sandboxes(days("2026-02-02", "2026-02-02").withRegion("na"))
                        .failures())
                .isEmpty();
        assertThat(usage.sandboxes(days("2026-02-02", "2026-02-02").withTemplate("eks-starter"))
                        .failures())
                .isEqualTo(s.failures());
        // the failed job was for an Acme sandbox; Globex's succeeded
        assertThat(usage.sandboxes(days("2026-02-02", "2026-02-02").withOrganisation(acme))
                        .failures())
                .extracting(SandboxReport.StepFailures::failed)
                .containsExactly(0L, 1L, 0L);

        // active per Dublin day: 3 ready on the 2nd; the first is torn down on the 3rd (still active that day)
        SandboxReport week = usage.sandboxes(days("2026-02-02", "2026-02-04"));
        assertThat(week.active()).extracting(SandboxReport.ActiveDay::active).containsExactly(3L, 3L, 2L);
    }

    @Test
    void nowShowsWhatIsHeldExpiringAndFailed() {
        clock.set(t("2026-02-10T14:00:00Z"));
        NowSnapshot now = usage.now(days("2026-02-10", "2026-02-10"));
        assertThat(now.held()).singleElement().satisfies(h -> {
            assertThat(h.environment()).isEqualTo("tokyo-1");
            assertThat(h.holder()).isEqualTo("Alice Field");
        });
        // the third sandbox expires on 4 Feb 13:00; the first is torn down, the second expires on the 5th
        clock.set(t("2026-02-03T14:00:00Z"));
        assertThat(usage.now(days("2026-02-03", "2026-02-03")).expiring())
                .singleElement()
                .satisfies(e -> assertThat(e.expiresAt()).isEqualTo(t("2026-02-04T13:00:00Z")));
        assertThat(usage.now(days("2026-02-03", "2026-02-03")).failedJobs())
                .singleElement()
                .satisfies(j -> assertThat(j.error()).isEqualTo("quota"));
    }

    @Test
    void badRangesAndUnknownNamesAreRefused() {
        assertThatThrownBy(() -> usage.utilisation(days("2026-02-10", "2026-02-01")))
                .isInstanceOf(ValidationFailed.class)
                .hasMessageContaining("to:");
        assertThatThrownBy(() -> usage.utilisation(days("2024-01-01", "2026-01-01")))
                .isInstanceOf(ValidationFailed.class)
                .hasMessageContaining("at most 731 days");
        assertThatThrownBy(
                        () -> usage.utilisation(days("2026-02-01", "2026-02-02").withRegion("mars")))
                .isInstanceOf(ValidationFailed.class)
                .hasMessageContaining("region");
    }

    @Test
    void fieldEngineersSeeOnlyTheirOwnSummaryAndCustomersNothing() {
        TestUsers.signInAs(alice, "Alice Field", Role.FIELD_ENGINEER);
        assertThatThrownBy(() -> usage.utilisation(days("2026-02-10", "2026-02-11")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> usage.holders(days("2026-02-10", "2026-02-11")))
                .isInstanceOf(AccessDeniedException.class);
        PersonalUsage mine = usage.mine(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-31"));
        // Tokyo 4 h + granted waitlist booking 1 h + Dublin (28 Mar part 2 h, 29 Mar 3 h)
        assertThat(mine.hours()).isEqualTo(10.0);
        assertThat(mine.bookings()).isEqualTo(3);
        assertThat(mine.byEnvironment()).allSatisfy(r -> assertThat(r.holder()).isEqualTo("Alice Field"));

        TestUsers.signInAs(UUID.randomUUID(), "Carol Customer", Role.CUSTOMER);
        assertThatThrownBy(() -> usage.mine(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-02")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> usage.sandboxes(days("2026-02-01", "2026-02-02")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> usage.now(days("2026-02-01", "2026-02-02"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void auditSearchPagesAndCustomersExportOnlyTheirOrganisation() {
        AuditQuery feb = AuditQuery.ALL.between(t("2026-02-01T00:00:00Z"), t("2026-03-01T00:00:00Z"));
        assertThat(audit.count(feb)).isEqualTo(4);
        assertThat(audit.search(feb, 0, 2))
                .extracting(AuditEntry::action)
                .containsExactly("booking.created", "sandbox.approved");
        assertThat(audit.search(feb, 2, 2))
                .extracting(AuditEntry::actorName)
                .containsExactly("Dave Customer", "Carol Customer");
        AuditQuery requests = new AuditQuery(null, null, "carol", "sandbox.", null, null, null, "eks");
        assertThat(audit.search(requests, 0, 10))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("template", "eks-starter"));

        UserAccount carol = users.signIn(new MappedIdentity(
                "https://idp",
                "carol-" + UUID.randomUUID(),
                "carol@acme.example",
                "Carol Customer",
                Set.of(Role.CUSTOMER),
                "Acme"));
        TestUsers.signInAs(carol.id(), carol.displayName(), Role.CUSTOMER);
        assertThat(carol.organisation()).isNotNull();
        assertThat(carol.organisation().id()).isEqualTo(acme);
        List<AuditEntry> exported = new ArrayList<>();
        audit.export(feb.forOrganisation(globex), exported::add);
        assertThat(exported).extracting(AuditEntry::targetId).containsExactly("sb-1", "sb-1");
        assertThat(exported).allSatisfy(e -> assertThat(e.organisationId()).isEqualTo(acme));
        assertThatThrownBy(() -> audit.search(feb, 0, 10)).isInstanceOf(AccessDeniedException.class);
    }

    private static HeatCell cell(Utilisation u, int weekday, int hour) {
        return u.heatmap().stream()
                .filter(c -> c.weekday() == weekday && c.hour() == hour)
                .findFirst()
                .orElseThrow();
    }
}
