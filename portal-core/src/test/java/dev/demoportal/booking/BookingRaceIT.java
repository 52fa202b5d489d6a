package dev.demoportal.booking;

import static dev.demoportal.booking.BookingFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.testing.PortalDatabaseTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many people asking for the same slot at the same moment: the database decides, exactly one
 * wins, and everyone else hears {@link SlotUnavailable} (what the API turns into a 409), never
 * another error.
 */
@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class BookingRaceIT {

    @Autowired
    BookingService service;

    @Autowired
    EnvironmentService environments;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    DataSource dataSource;

    BookingFixtures fixtures;
    List<UserAccount> engineers;

    @BeforeEach
    void setUp() {
        clock.set(TestClockConfiguration.START);
        fixtures = new BookingFixtures(users, environments, jdbc);
        engineers = IntStream.rangeClosed(1, 8)
                .mapToObj(i -> fixtures.person("Engineer " + i, Role.FIELD_ENGINEER))
                .toList();
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + ":00Z");
    }

    /** What one contender got: a booking, or the exception it threw. */
    private record Outcome(BookingSummary booking, Throwable failure) {

        boolean won() {
            return booking != null;
        }
    }

    /**
     * Runs every task on its own thread, each signed in as its user, released at the same instant,
     * and waits for all of them.
     */
    private static List<Outcome> race(List<UserAccount> who, List<Supplier<BookingSummary>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                UserAccount user = who.get(i);
                Supplier<BookingSummary> task = tasks.get(i);
                futures.add(pool.submit(() -> {
                    as(user);
                    ready.countDown();
                    go.await();
                    try {
                        return new Outcome(task.get(), null);
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

    private List<Outcome> bookConcurrently(EnvironmentSummary environment, int contenders, Instant start, Instant end)
            throws Exception {
        List<UserAccount> who = IntStream.range(0, contenders)
                .mapToObj(i -> engineers.get(i % engineers.size()))
                .toList();
        List<Supplier<BookingSummary>> tasks = IntStream.range(0, contenders)
                .<Supplier<BookingSummary>>mapToObj(
                        i -> () -> service.book(new BookingRequest(environment.slug(), start, end, "Race " + i, null)))
                .toList();
        return race(who, tasks);
    }

    private static List<Throwable> failuresOtherThanSlotUnavailable(List<Outcome> outcomes) {
        return outcomes.stream()
                .filter(o -> !o.won() && !(o.failure() instanceof SlotUnavailable))
                .map(Outcome::failure)
                .toList();
    }

    /*
     * Each race runs several rounds on fresh environments: a lost race surfaces in more than one way
     * (an exclusion violation, or a deadlock between two inserts checking the constraint at the same
     * moment), and the rarer ways need a few rounds to show up.
     */

    @Test
    void fiftyRequestsForTheOnlyFreeSlotMakeExactlyOneBooking() throws Exception {
        for (int round = 0; round < 10; round++) {
            EnvironmentSummary environment = fixtures.environment(1);

            List<Outcome> outcomes = bookConcurrently(environment, 50, at("10:00"), at("11:00"));

            assertThat(failuresOtherThanSlotUnavailable(outcomes))
                    .as("round %d", round)
                    .isEmpty();
            assertThat(outcomes.stream().filter(Outcome::won))
                    .as("round %d", round)
                    .hasSize(1);
            assertThat(outcomes.stream().filter(o -> o.failure() instanceof SlotUnavailable))
                    .hasSize(49)
                    .allSatisfy(o -> assertThat(((SlotUnavailable) o.failure()).nextFreeAt())
                            .isEqualTo(at("11:00")));
            assertThat(fixtures.heldRows(environment)).isEqualTo(1);
            assertThat(fixtures.rows(environment)).isEqualTo(1);
            assertThat(fixtures.overlappingHeldPairs()).isZero();
        }
    }

    @Test
    void thirtyRequestsForThreeSlotsMakeThreeBookingsOnThreeSlots() throws Exception {
        for (int round = 0; round < 10; round++) {
            EnvironmentSummary environment = fixtures.environment(3);

            List<Outcome> outcomes = bookConcurrently(environment, 30, at("10:00"), at("12:00"));

            assertThat(failuresOtherThanSlotUnavailable(outcomes))
                    .as("round %d", round)
                    .isEmpty();
            assertThat(outcomes.stream()
                            .filter(Outcome::won)
                            .map(o -> o.booking().slot()))
                    .as("round %d", round)
                    .containsExactlyInAnyOrder(1, 2, 3);
            assertThat(outcomes.stream().filter(o -> o.failure() instanceof SlotUnavailable))
                    .hasSize(27);
            assertThat(jdbc.queryForList(
                            "select slot_no from booking where environment_id = ? and status = 'BOOKED'",
                            Integer.class,
                            environment.id()))
                    .containsExactlyInAnyOrder(1, 2, 3);
            assertThat(fixtures.overlappingHeldPairs()).isZero();
        }
    }

    @Test
    void extendingWhileOthersBookTheFollowingPeriodNeverOverlaps() throws Exception {
        for (int round = 0; round < 12; round++) {
            EnvironmentSummary environment = fixtures.environment(1);
            UserAccount holder = engineers.getFirst();
            as(holder);
            BookingSummary held =
                    service.book(new BookingRequest(environment.slug(), at("10:00"), at("11:00"), "Held", null));

            List<UserAccount> who = new ArrayList<>();
            List<Supplier<BookingSummary>> tasks = new ArrayList<>();
            // the extension goes in at a different position each round
            for (int i = 0; i < 12; i++) {
                if (i == round) {
                    who.add(holder);
                    tasks.add(() -> service.extend(held.id(), at("12:00")));
                }
                who.add(engineers.get(1 + i % (engineers.size() - 1)));
                tasks.add(() ->
                        service.book(new BookingRequest(environment.slug(), at("11:00"), at("12:00"), "Next", null)));
            }

            List<Outcome> outcomes = race(who, tasks);

            assertThat(failuresOtherThanSlotUnavailable(outcomes))
                    .as("round %d", round)
                    .isEmpty();
            List<Outcome> winners = outcomes.stream().filter(Outcome::won).toList();
            assertThat(winners).as("round %d", round).hasSize(1);
            as(holder);
            BookingSummary after = service.booking(held.id());
            // either side may win a round; each round has exactly one winner and no overlap
            if (winners.getFirst().booking().id().equals(held.id())) {
                assertThat(after.end()).isEqualTo(at("12:00"));
                assertThat(fixtures.heldRows(environment)).isEqualTo(1);
            } else {
                assertThat(after.end())
                        .as("an extension that lost leaves the end as it was")
                        .isEqualTo(at("11:00"));
                assertThat(fixtures.heldRows(environment)).isEqualTo(2);
            }
            assertThat(fixtures.overlappingHeldPairs()).isZero();
        }
    }

    // ---- deadlocks -----------------------------------------------------------------------------
    //
    // Two transactions that insert overlapping periods at the same moment may each find the other's
    // row while checking the exclusion constraint and wait for each other; PostgreSQL aborts one
    // with "deadlock detected". The 50-way race above meets that only now and then, so these two
    // tests set it up on purpose: a rival client (plain JDBC, as another replica would be) holds an
    // uncommitted row the service must wait for, then inserts a second row that waits for the
    // service. The service waited first, so its deadlock check runs first and it is the one aborted.

    @Test
    void aDeadlockedBookingIsALostRaceNotAnError() throws Exception {
        Deadlock deadlock = deadlockOnAFreshEnvironment(
                at("10:00"),
                at("11:00"),
                at("12:00"),
                fresh -> () ->
                        service.book(new BookingRequest(fresh.slug(), at("10:00"), at("12:00"), "Long demo", null)));

        assertThat(deadlock.outcome().failure()).isInstanceOf(SlotUnavailable.class);
        assertThat(jdbc.queryForList(
                        "select holder_id from booking where environment_id = ? and status = 'BOOKED'",
                        UUID.class,
                        deadlock.environment().id()))
                .containsOnly(engineers.get(1).id())
                .hasSize(2);
        assertThat(fixtures.overlappingHeldPairs()).isZero();
    }

    @Test
    void aDeadlockedExtensionIsALostRaceAndKeepsTheEnd() throws Exception {
        UserAccount holder = engineers.getFirst();
        AtomicReference<BookingSummary> held = new AtomicReference<>();
        Deadlock deadlock = deadlockOnAFreshEnvironment(at("11:00"), at("11:30"), at("12:00"), fresh -> {
            as(holder);
            BookingSummary mine =
                    service.book(new BookingRequest(fresh.slug(), at("10:00"), at("11:00"), "Held", null));
            TestUsers.signOut();
            held.set(mine);
            return () -> service.extend(mine.id(), at("12:00"));
        });

        assertThat(deadlock.outcome().failure()).isInstanceOf(SlotUnavailable.class);
        as(holder);
        assertThat(service.booking(held.get().id()).end()).isEqualTo(at("11:00"));
        assertThat(fixtures.heldRows(deadlock.environment())).isEqualTo(3);
        assertThat(fixtures.overlappingHeldPairs()).isZero();
    }

    /** A round of {@link #deadlockOnAFreshEnvironment} that deadlocked the service: where, and how it ended. */
    private record Deadlock(EnvironmentSummary environment, Outcome outcome) {}

    /**
     * On a fresh one-slot environment, {@code prepare} sets up what the service's call needs and
     * returns that call; the rival (the second engineer) holds {@code [from, until)} uncommitted,
     * the call waits for it, and the rival closes the cycle with {@code [until, to)}. Rounds in
     * which PostgreSQL aborted the rival rather than the service ({@link #deadlockWith}) are tried
     * again on another fresh environment, at most five in all.
     */
    private Deadlock deadlockOnAFreshEnvironment(
            Instant from, Instant until, Instant to, Function<EnvironmentSummary, Supplier<BookingSummary>> prepare)
            throws Exception {
        UserAccount rivalUser = engineers.get(1);
        for (int attempt = 1; attempt <= 5; attempt++) {
            EnvironmentSummary fresh = fixtures.environment(1);
            Supplier<BookingSummary> call = prepare.apply(fresh);
            try (Connection rival = dataSource.getConnection()) {
                rival.setAutoCommit(false);
                insert(rival, fresh, rivalUser, from, until);
                Outcome outcome = deadlockWith(rival, call, () -> insert(rival, fresh, rivalUser, until, to));
                if (outcome != null) {
                    return new Deadlock(fresh, outcome);
                }
            }
        }
        throw new AssertionError("the rival was the one aborted every time, on 5 fresh environments");
    }

    /**
     * Runs {@code call} as the first engineer; once it waits for the rival's open transaction, runs
     * {@code closeTheCycle} on the rival's connection, then commits the rival. Null when PostgreSQL
     * aborted the rival instead of the service: each waiter checks for a deadlock once,
     * {@code deadlock_timeout} (1 s) after it began to wait, so on a loaded machine where the rival's
     * second insert starts waiting more than a second after the service did, the service's check finds
     * no cycle yet and the rival's own check aborts the rival. The caller then tries again on a fresh
     * environment (the service's outcome of such a round proves nothing).
     */
    private @Nullable Outcome deadlockWith(Connection rival, Supplier<BookingSummary> call, Callable<?> closeTheCycle)
            throws Exception {
        UserAccount caller = engineers.getFirst();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Outcome> serviceCall = pool.submit(() -> {
                as(caller);
                try {
                    return new Outcome(call.get(), null);
                } catch (Throwable e) {
                    return new Outcome(null, e);
                } finally {
                    TestUsers.signOut();
                }
            });
            awaitLockWait();
            Future<?> rivalInsert = pool.submit(closeTheCycle);
            Outcome outcome = serviceCall.get(30, TimeUnit.SECONDS);
            try {
                rivalInsert.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                    rival.rollback();
                    return null;
                }
                throw e;
            }
            rival.commit();
            return outcome;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until some session of the test database waits for a lock held by another transaction. */
    private void awaitLockWait() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Long waiting = jdbc.queryForObject(
                    "select count(*) from pg_stat_activity "
                            + "where datname = current_database() and wait_event_type = 'Lock'",
                    Long.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the service never waited for the rival's transaction");
    }

    private static Void insert(
            Connection connection, EnvironmentSummary environment, UserAccount holder, Instant start, Instant end)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into booking (id, environment_id, slot_no, holder_id, starts_at, ends_at, booked_until, status,
                                     purpose, created_at, updated_at)
                values (?, ?, 1, ?, ?, ?, ?, 'BOOKED', 'Rival', ?, ?)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, environment.id());
            insert.setObject(3, holder.id());
            insert.setObject(4, start.atOffset(ZoneOffset.UTC));
            insert.setObject(5, end.atOffset(ZoneOffset.UTC));
            insert.setObject(6, end.atOffset(ZoneOffset.UTC));
            insert.setObject(7, TestClockConfiguration.START.atOffset(ZoneOffset.UTC));
            insert.setObject(8, TestClockConfiguration.START.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return null;
    }
}
