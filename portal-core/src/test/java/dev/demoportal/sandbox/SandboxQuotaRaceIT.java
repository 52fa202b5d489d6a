package dev.demoportal.sandbox;

import static dev.demoportal.sandbox.SandboxFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.testing.PortalDatabaseTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Requests racing for an organisation's last quota unit: the database decides (an advisory lock
 * per organisation and template, then the count), exactly one wins and the others hear
 * {@link QuotaExceeded}, never another error and never one too many.
 */
@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class SandboxQuotaRaceIT {

    @Autowired
    SandboxService service;

    @Autowired
    SandboxRequestService requestService;

    @Autowired
    SandboxTemplateService templates;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    private record Outcome(SandboxSummary sandbox, Throwable failure) {}

    @Test
    void twoRequestsForTheLastUnitMakeExactlyOneSandbox() throws Exception {
        SandboxFixtures fixtures = new SandboxFixtures(users, templates, jdbc, events, transactions);
        UserAccount carol = fixtures.person("Carol Customer", Role.CUSTOMER, "Acme Corp");
        UserAccount carla = fixtures.person("Carla Customer", Role.CUSTOMER, "Acme Corp");
        for (int round = 0; round < 10; round++) {
            TemplateSummary template = fixtures.template(false, 24, 48, 2);
            as(carol);
            requestService.request(new SandboxRequest(template.slug(), "emea", 24, "The first one", null));

            List<Outcome> outcomes = race(List.of(carol, carla), template);

            assertThat(outcomes)
                    .as("round %d", round)
                    .filteredOn(o -> o.sandbox() != null)
                    .hasSize(1);
            assertThat(outcomes)
                    .as("round %d", round)
                    .filteredOn(o -> o.failure() instanceof QuotaExceeded)
                    .hasSize(1);
            assertThat(jdbc.queryForObject(
                            "select count(*) from sandbox where template_id = ?", Long.class, template.id()))
                    .isEqualTo(2);
        }
    }

    private List<Outcome> race(List<UserAccount> who, TemplateSummary template) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(who.size());
        CountDownLatch ready = new CountDownLatch(who.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (UserAccount user : who) {
                futures.add(pool.submit(() -> {
                    as(user);
                    ready.countDown();
                    go.await();
                    try {
                        return new Outcome(
                                requestService.request(new SandboxRequest(template.slug(), "emea", 24, "Race", null)),
                                null);
                    } catch (Throwable e) {
                        return new Outcome(null, e);
                    } finally {
                        TestUsers.signOut();
                    }
                }));
            }
            ready.await();
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
