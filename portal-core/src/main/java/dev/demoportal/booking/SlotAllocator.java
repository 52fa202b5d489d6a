package dev.demoportal.booking;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.Message;
import dev.demoportal.base.Transactions;
import dev.demoportal.booking.BookingEvents.SlotBooked;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.environment.MaintenanceWindowSummary;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds free slots and takes them: the seam booking and the waitlist share. PostgreSQL's exclusion
 * constraint is what makes double booking impossible; this picks a free slot, and when it loses a
 * race for one, tries the next, then answers {@link SlotTaken} or {@link SlotUnavailable} with the
 * next free start time. Each attempt is its own transaction, also when called after another one
 * committed (the waitlist hand-off runs from an after-commit listener).
 */
@Component
class SlotAllocator {

    /** PostgreSQL's SQLSTATE for "deadlock detected". */
    private static final String DEADLOCK = "40P01";

    private final BookingRepository bookings;
    private final BookingQueries queries;
    private final BoardNotifier board;
    private final BookableEnvironments reference;
    private final SlotResetQueries resets;
    private final EnvironmentService environments;
    private final BookingSummaries views;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate plainSql;
    private final TransactionTemplate readOnly;

    SlotAllocator(
            BookingRepository bookings,
            BookingQueries queries,
            BoardNotifier board,
            BookableEnvironments reference,
            SlotResetQueries resets,
            EnvironmentService environments,
            BookingSummaries views,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions,
            DataSource dataSource) {
        this.bookings = bookings;
        this.queries = queries;
        this.board = board;
        this.reference = reference;
        this.resets = resets;
        this.environments = environments;
        this.views = views;
        this.events = events;
        this.clock = clock;
        this.tx = Transactions.own(transactions);
        this.plainSql = Transactions.ownPlainSql(dataSource);
        this.readOnly = Transactions.ownReadOnly(transactions);
    }

    /** What to book: the holder, the period, and where it comes from. */
    record Claim(
            UUID holder,
            Instant start,
            Instant end,
            String purpose,
            @Nullable String customer,
            boolean claimNow,
            @Nullable UUID waitlistEntry) {}

    /**
     * The short way to book, in one transaction: the lowest free slot, the holder and the
     * environment's version in one statement, the insert in a second one that also checks the
     * version, the environment's status and maintenance, and sends the board's NOTIFY ({@link
     * BookingQueries}), then the audit record. {@code environment} may come from {@link
     * BookableEnvironments}: nothing is inserted unless the environment is still at its version, and
     * a stale one is forgotten. Returns null when it took nothing; the caller then goes the long way
     * ({@link #allocate}), which retries and tells why. A slot lost in a race is added to {@code
     * lost}, for the long way to skip. Nothing here is an entity (nor in the audit trail's record
     * of it), so the transaction is a plain JDBC one ({@link Transactions#ownPlainSql}): no
     * Hibernate session is opened, flushed and closed around three statements (unless called inside
     * a transaction already: then a JPA one of its own, as before).
     */
    @Nullable
    BookingSummary take(EnvironmentSummary environment, @Nullable Integer wanted, Claim claim, Set<Integer> lost) {
        if (claim.waitlistEntry() != null) {
            // the hand-off notifies the holder through the outbox (entities): it books the long way
            throw new IllegalArgumentException("A waitlist place is booked by allocate, not take");
        }
        int[] tried = new int[1];
        // inside someone's JPA transaction a JDBC one would suspend its connection but not its session
        TransactionTemplate own = TransactionSynchronizationManager.isActualTransactionActive() ? tx : plainSql;
        try {
            return own.execute(s -> {
                BookingQueries.Free free = queries.lowestFreeSlot(
                                environment.id(), wanted, claim.start(), claim.end(), claim.holder())
                        .orElse(null);
                if (free == null || free.environmentVersion() != environment.version()) {
                    reference.forget(environment.id());
                    return null;
                }
                Integer slot = free.slot();
                if (slot == null || !free.available()) {
                    return null;
                }
                tried[0] = slot;
                Instant now = clock.instant();
                Booking booking = new Booking(
                        environment.id(),
                        slot,
                        claim.holder(),
                        claim.start(),
                        claim.end(),
                        claim.purpose(),
                        claim.customer(),
                        claim.claimNow(),
                        now);
                if (!queries.insertIfStillAllowed(booking, environment.version(), BoardNotifier.CHANNEL)) {
                    reference.forget(environment.id());
                    return null;
                }
                board.announcedBy(environment.id());
                BookingSummary view = BookingSummaries.view(
                        booking,
                        environment,
                        now,
                        BookingSummaries.holder(claim.holder(), free.holderName(), free.holderEmail()));
                events.publishEvent(
                        new SlotBooked(CurrentActor.actor(), view, claim.claimNow(), claim.waitlistEntry()));
                return view;
            });
        } catch (DataIntegrityViolationException | PessimisticLockingFailureException raceLost) {
            if (!lostRace(raceLost)) {
                throw raceLost;
            }
            lost.add(tried[0]);
            return null;
        }
    }

    /**
     * Books slot {@code wanted} (any free slot if null, the lowest-numbered first) for the claim;
     * {@code alsoInTheSameTransaction} runs in the booking's transaction (the waitlist marks its entry
     * granted there, so both commit or neither).
     */
    BookingSummary allocate(
            EnvironmentSummary environment,
            @Nullable Integer wanted,
            Claim claim,
            Consumer<BookingSummary> alsoInTheSameTransaction) {
        return allocate(environment, wanted, claim, Set.of(), alsoInTheSameTransaction);
    }

    /** As above, never trying the slots in {@code alreadyLost} (lost in a race by {@link #take}). */
    BookingSummary allocate(
            EnvironmentSummary environment,
            @Nullable Integer wanted,
            Claim claim,
            Set<Integer> alreadyLost,
            Consumer<BookingSummary> alsoInTheSameTransaction) {
        Instant start = claim.start();
        Instant end = claim.end();
        Set<Integer> lost = new HashSet<>(alreadyLost);
        int[] tried = new int[1];
        for (int attempt = 0; attempt <= environment.tenantSlots(); attempt++) {
            try {
                // find a free slot and take it in one transaction; the exclusion constraint decides races
                BookingSummary booked = tx.execute(s -> {
                    List<Booking> held = bookings.holding(environment.id(), start, end);
                    // a slot being reset (or out of service) goes to nobody new; the database refuses it too
                    Set<Integer> skip = new HashSet<>(lost);
                    skip.addAll(resets.blockedSlots(environment.id()));
                    Integer slot = wanted == null
                            ? firstFreeSlot(environment.tenantSlots(), held, skip)
                            : skip.contains(wanted) || !free(wanted, held) ? null : wanted;
                    if (slot == null) {
                        return null;
                    }
                    tried[0] = slot;
                    Booking booking = bookings.saveAndFlush(new Booking(
                            environment.id(),
                            slot,
                            claim.holder(),
                            start,
                            end,
                            claim.purpose(),
                            claim.customer(),
                            claim.claimNow(),
                            clock.instant()));
                    BookingSummary view = views.view(booking, environment, clock.instant());
                    events.publishEvent(
                            new SlotBooked(CurrentActor.actor(), view, claim.claimNow(), claim.waitlistEntry()));
                    alsoInTheSameTransaction.accept(view);
                    return view;
                });
                if (booked == null) {
                    break;
                }
                return booked;
            } catch (DataIntegrityViolationException | PessimisticLockingFailureException raceLost) {
                if (!lostRace(raceLost)) {
                    throw raceLost;
                }
                lost.add(tried[0]);
            }
        }
        if (wanted != null) {
            Integer other = readOnly.execute(s -> {
                Set<Integer> skip = new HashSet<>(resets.blockedSlots(environment.id()));
                skip.add(wanted);
                return firstFreeSlot(environment.tenantSlots(), bookings.holding(environment.id(), start, end), skip);
            });
            throw new SlotTaken(environment.name(), wanted, other);
        }
        Instant next = nextFreeStart(environment, start, Duration.between(start, end));
        // Lost a race for a slot that still looks free: when PostgreSQL resolves a deadlock between
        // two inserts, the winner may not have committed yet. Read again briefly (without trying to
        // book) so the answer names the winner's end rather than "now".
        for (int look = 1; !lost.isEmpty() && next != null && !next.isAfter(start) && look <= 3; look++) {
            pause(Duration.ofMillis(25L * look));
            next = nextFreeStart(environment, start, Duration.between(start, end));
        }
        throw new SlotUnavailable(
                next == null
                        ? Message.of(
                                "Every slot of ",
                                environment.name(),
                                " is taken for that time and for the rest of the " + "booking horizon.")
                        : Message.of(
                                "Every slot of ",
                                environment.name(),
                                " is taken for that time; the next free start is ",
                                next,
                                "."),
                next);
    }

    /** The lowest-numbered slot free for all of {@code [start, end)}; null if none is. */
    @Nullable
    Integer freeSlot(EnvironmentSummary environment, Instant start, Instant end) {
        return readOnly.execute(s -> firstFreeSlot(
                environment.tenantSlots(),
                bookings.holding(environment.id(), start, end),
                resets.blockedSlots(environment.id())));
    }

    /**
     * The earliest start, not before {@code from}, at which some slot is free for {@code length}
     * outside maintenance, within the booking horizon; null if there is none.
     */
    @Nullable
    Instant nextFreeStart(EnvironmentSummary environment, Instant from, Duration length) {
        return readOnly.execute(s -> {
            Instant horizonEnd = clock.instant().plus(environment.rules().horizon());
            List<Booking> held = bookings.holding(environment.id(), from, horizonEnd.plus(length));
            List<MaintenanceWindowSummary> windows =
                    environments.maintenanceWindows(environment.id(), from, horizonEnd.plus(length));
            return earliestStart(
                    environment.tenantSlots(),
                    held,
                    windows,
                    from,
                    length,
                    horizonEnd,
                    resets.blockedSlots(environment.id()));
        });
    }

    // ---- the rules, without the database -------------------------------------------------------

    /** Whether no booking in {@code held} (those overlapping the period asked for) holds {@code slot}. */
    static boolean free(int slot, List<Booking> held) {
        return held.stream().noneMatch(b -> b.slotNo() == slot);
    }

    /** The lowest slot of {@code 1..slots} neither in {@code held} nor in {@code skip}; null if none. */
    static @Nullable Integer firstFreeSlot(int slots, List<Booking> held, Set<Integer> skip) {
        Set<Integer> taken = new HashSet<>(skip);
        for (Booking b : held) {
            taken.add(b.slotNo());
        }
        for (int slot = 1; slot <= slots; slot++) {
            if (!taken.contains(slot)) {
                return slot;
            }
        }
        return null;
    }

    /**
     * The earliest start in {@code [from, horizonEnd]} at which one of {@code slots} is free of
     * {@code held} for {@code length} and the period misses every maintenance window. Only {@code
     * from} and the ends of bookings and windows can be that start.
     */
    static @Nullable Instant earliestStart(
            int slots,
            List<Booking> held,
            List<MaintenanceWindowSummary> windows,
            Instant from,
            Duration length,
            Instant horizonEnd) {
        return earliestStart(slots, held, windows, from, length, horizonEnd, Set.of());
    }

    /** As above, with {@code blocked} slots (resetting, out of service) never free. */
    static @Nullable Instant earliestStart(
            int slots,
            List<Booking> held,
            List<MaintenanceWindowSummary> windows,
            Instant from,
            Duration length,
            Instant horizonEnd,
            Set<Integer> blocked) {
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(from);
        held.forEach(b -> candidates.add(b.endsAt()));
        windows.forEach(w -> candidates.add(w.end()));
        for (Instant candidate : candidates) {
            if (candidate.isBefore(from) || candidate.isAfter(horizonEnd)) {
                continue;
            }
            Instant candidateEnd = candidate.plus(length);
            if (windows.stream().anyMatch(w -> w.overlaps(candidate, candidateEnd))) {
                continue;
            }
            for (int slot = 1; slot <= slots; slot++) {
                if (blocked.contains(slot)) {
                    continue;
                }
                int s = slot;
                boolean free = held.stream()
                        .noneMatch(b -> b.slotNo() == s
                                && b.startsAt().isBefore(candidateEnd)
                                && b.endsAt().isAfter(candidate));
                if (free) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * Whether the database refused a held period because another one overlaps it: the exclusion
     * constraint said so (or its trigger found the slot resetting meanwhile), or two transactions checking it at the same moment deadlocked (PostgreSQL
     * then aborts one of them; the other goes on to hold the slot).
     */
    static boolean lostRace(DataAccessException e) {
        Throwable cause = e.getMostSpecificCause();
        return cause instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())
                || String.valueOf(cause.getMessage()).contains("booking_no_overlap")
                || String.valueOf(cause.getMessage()).contains("slot_not_ready");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
