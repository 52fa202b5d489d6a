package dev.demoportal.booking;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.FormValidator;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.Message;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.booking.BookingEvents.BookingCancelled;
import dev.demoportal.booking.BookingEvents.BookingCheckedIn;
import dev.demoportal.booking.BookingEvents.BookingExtended;
import dev.demoportal.booking.BookingEvents.BookingMarkedNoShow;
import dev.demoportal.booking.BookingEvents.BookingReleased;
import dev.demoportal.booking.BookingEvents.SlotBooked;
import dev.demoportal.environment.CurrentHolders;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentView;
import dev.demoportal.environment.MaintenanceWindowView;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.NotificationService;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Books tenant slots. PostgreSQL's exclusion constraint is what makes double booking impossible;
 * this service picks a free slot, and when it loses a race for one, tries the next, then answers
 * {@link SlotUnavailable} with the next free start time. Each attempt is its own transaction.
 */
@Service
@PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
public class BookingService {

    /** Requests up to this far in the past count as "now" (clocks and slow forms differ a little). */
    static final Duration START_TOLERANCE = Duration.ofMinutes(2);

    /** PostgreSQL's SQLSTATE for "deadlock detected". */
    private static final String DEADLOCK = "40P01";

    private final BookingRepository bookings;
    private final WaitlistRepository waitlist;
    private final NotificationService notifications;
    private final EnvironmentService environments;
    private final UserService users;
    private final FormValidator validator;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    BookingService(BookingRepository bookings, WaitlistRepository waitlist, NotificationService notifications,
            EnvironmentService environments, UserService users, FormValidator validator,
            ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.bookings = bookings;
        this.waitlist = waitlist;
        this.notifications = notifications;
        this.environments = environments;
        this.users = users;
        this.validator = validator;
        this.events = events;
        this.clock = clock;
        // Each attempt is a transaction of its own, also when called after another one committed
        // (the waitlist hand-off runs from an after-commit listener).
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly.setReadOnly(true);
    }

    // ---- booking -------------------------------------------------------------------------------

    /** Books a free slot for {@code [start, end)}; the lowest-numbered free slot wins. */
    public BookingView book(BookingRequest request) {
        validator.check(request);
        Instant now = clock.instant();
        Instant start = request.start().isBefore(now) && !request.start().isBefore(now.minus(START_TOLERANCE))
                ? now : request.start().truncatedTo(ChronoUnit.SECONDS);
        Instant end = request.end().truncatedTo(ChronoUnit.SECONDS);
        EnvironmentView environment = readOnly.execute(s -> {
            EnvironmentView e = environments.environment(request.environment());
            checkRules(e, start, end, now);
            return e;
        });
        return allocate(environment, null, currentUser(), start, end, request.purpose(), request.customer(), false,
                null, booking -> {});
    }

    /** "Claim now": a booking of any free slot that starts now and counts as checked in. */
    public BookingView claim(String environmentSlug, Duration duration, String purpose, @Nullable String customer) {
        return claim(environmentSlug, null, duration, purpose, customer);
    }

    /**
     * "Claim now" of slot {@code slot} (any free slot if null): a booking that starts now and counts
     * as checked in. If that slot is held, answers {@link SlotTaken} rather than handing out another.
     */
    public BookingView claim(String environmentSlug, @Nullable Integer slot, Duration duration, String purpose,
            @Nullable String customer) {
        Instant now = clock.instant();
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw ValidationFailed.of("duration", "Choose how long you need it");
        }
        BookingRequest request = new BookingRequest(environmentSlug, now, now.plus(duration), purpose, customer);
        validator.check(request);
        Instant end = now.plus(duration).truncatedTo(ChronoUnit.SECONDS);
        EnvironmentView environment = readOnly.execute(s -> {
            EnvironmentView e = environments.environment(environmentSlug);
            if (slot != null && (slot < 1 || slot > e.tenantSlots())) {
                throw ValidationFailed.of("slot", e.name() + " has slots 1 to " + e.tenantSlots());
            }
            checkRules(e, now, end, now);
            return e;
        });
        return allocate(environment, slot, currentUser(), now, end, request.purpose(), request.customer(), true, null,
                booking -> {});
    }

    /**
     * Books slot {@code wanted} (any free slot if null) for {@code holder}; {@code alsoInTheSameTransaction}
     * runs in the booking's transaction (the waitlist marks its entry granted there, so both commit or neither).
     */
    private BookingView allocate(EnvironmentView environment, @Nullable Integer wanted, UUID holder, Instant start,
            Instant end, String purpose, @Nullable String customer, boolean claimNow, @Nullable UUID waitlistEntry,
            Consumer<BookingView> alsoInTheSameTransaction) {
        Set<Integer> lost = new HashSet<>();
        int[] tried = new int[1];
        for (int attempt = 0; attempt <= environment.tenantSlots(); attempt++) {
            try {
                // find a free slot and take it in one transaction; the exclusion constraint decides races
                BookingView booked = tx.execute(s -> {
                    Integer slot = wanted == null ? freeSlot(environment, start, end, lost)
                            : lost.contains(wanted) || !free(environment, wanted, start, end) ? null : wanted;
                    if (slot == null) {
                        return null;
                    }
                    tried[0] = slot;
                    Booking booking = bookings.saveAndFlush(new Booking(environment.id(), slot, holder, start, end,
                            purpose, customer, claimNow, clock.instant()));
                    BookingView view = view(booking, environment, clock.instant());
                    events.publishEvent(new SlotBooked(CurrentActor.actor(), view, claimNow, waitlistEntry));
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
            Integer other = readOnly.execute(s -> freeSlot(environment, start, end, Set.of(wanted)));
            throw new SlotTaken(environment.name(), wanted, other);
        }
        Instant next = readOnly.execute(s -> nextFreeStart(environment, start, Duration.between(start, end)));
        // Lost a race for a slot that still looks free: when PostgreSQL resolves a deadlock between
        // two inserts, the winner may not have committed yet. Read again briefly (without trying to
        // book) so the answer names the winner's end rather than "now".
        for (int look = 1; !lost.isEmpty() && next != null && !next.isAfter(start) && look <= 3; look++) {
            pause(Duration.ofMillis(25L * look));
            next = readOnly.execute(s -> nextFreeStart(environment, start, Duration.between(start, end)));
        }
        throw new SlotUnavailable(next == null
                ? Message.of("Every slot of ", environment.name(), " is taken for that time and for the rest of the "
                        + "booking horizon.")
                : Message.of("Every slot of ", environment.name(), " is taken for that time; the next free start is ",
                        next, "."), next);
    }

    private boolean free(EnvironmentView environment, int slot, Instant start, Instant end) {
        return bookings.holding(environment.id(), start, end).stream().noneMatch(b -> b.slotNo() == slot);
    }

    private @Nullable Integer freeSlot(EnvironmentView environment, Instant start, Instant end, Set<Integer> skip) {
        Set<Integer> taken = new HashSet<>(skip);
        for (Booking b : bookings.holding(environment.id(), start, end)) {
            taken.add(b.slotNo());
        }
        for (int slot = 1; slot <= environment.tenantSlots(); slot++) {
            if (!taken.contains(slot)) {
                return slot;
            }
        }
        return null;
    }

    /**
     * The earliest start, not before {@code from}, at which some slot is free for {@code length}
     * outside maintenance, within the booking horizon; null if there is none.
     */
    @Nullable Instant nextFreeStart(EnvironmentView environment, Instant from, Duration length) {
        Instant horizonEnd = clock.instant().plus(environment.rules().horizon());
        List<Booking> held = bookings.holding(environment.id(), from, horizonEnd.plus(length));
        List<MaintenanceWindowView> windows = environments.maintenanceWindows(environment.id(), from,
                horizonEnd.plus(length));
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
            for (int slot = 1; slot <= environment.tenantSlots(); slot++) {
                int s = slot;
                boolean free = held.stream().noneMatch(b -> b.slotNo() == s
                        && b.startsAt().isBefore(candidateEnd) && b.endsAt().isAfter(candidate));
                if (free) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The next free start in this environment for a booking of {@code length} (for forms and the API). */
    public Optional<Instant> nextFree(String environmentSlug, Instant from, Duration length) {
        EnvironmentView environment = environments.environment(environmentSlug);
        Instant start = from.isBefore(clock.instant()) ? clock.instant() : from;
        return Optional.ofNullable(readOnly.execute(s -> nextFreeStart(environment, start, length)));
    }

    /**
     * Other environments of the same region with a slot free for exactly {@code [start, end)}, for
     * proposing where else to go.
     */
    public List<EnvironmentView> alternatives(String environmentSlug, Instant start, Instant end) {
        EnvironmentView environment = environments.environment(environmentSlug);
        return environments.allEnvironments(new EnvironmentFilter(environment.region().code(), null, false)).stream()
                .filter(e -> !e.id().equals(environment.id()) && e.bookable())
                .filter(e -> environments.maintenanceWindows(e.id(), start, end).isEmpty())
                .filter(e -> readOnly.execute(s -> freeSlot(e, start, end, Set.of())) != null)
                .toList();
    }

    private void checkRules(EnvironmentView environment, Instant start, Instant end, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (!environment.bookable()) {
            errors.add(new FieldError("environment", environment.name() + " is " + environment.status().label()
                    .toLowerCase() + " and cannot be booked"));
        }
        if (start.isBefore(now.minus(START_TOLERANCE))) {
            errors.add(new FieldError("start", "The start is in the past"));
        }
        if (!end.isAfter(start)) {
            errors.add(new FieldError("end", "The end must be after the start"));
        } else {
            Duration length = Duration.between(start, end);
            if (length.compareTo(environment.rules().minimum()) < 0) {
                errors.add(new FieldError("end", "Book at least " + minutes(environment.rules().minimum())));
            }
            if (length.compareTo(environment.rules().maximum()) > 0) {
                errors.add(new FieldError("end", "Book at most " + minutes(environment.rules().maximum())
                        + " at a time; extend later if the slot is still free"));
            }
        }
        if (start.isAfter(now.plus(environment.rules().horizon()))) {
            errors.add(new FieldError("start", "Bookings may start at most " + environment.rules().horizonDays()
                    + " days ahead"));
        }
        if (errors.isEmpty()) {
            environments.maintenanceWindows(environment.id(), start, end).stream().findFirst().ifPresent(w ->
                    errors.add(new FieldError("start", Message.of("Overlaps maintenance (", w.reason(), ") from ",
                            w.start(), " to ", w.end()))));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    // ---- changing a booking --------------------------------------------------------------------

    /** Ends the hold now; the slot is free at once. */
    public BookingView release(UUID id) {
        return change(id, false, (booking, environment, now) -> {
            BookingStatus status = booking.status(now);
            if (status == BookingStatus.RESERVED) {
                throw new dev.demoportal.base.Conflict("booking.not_started",
                        "This booking has not started; cancel it instead.");
            }
            requireHolding(status);
            booking.release(now, Booking.Stored.RELEASED, null);
            BookingView view = view(booking, environment, now);
            return new BookingReleased(CurrentActor.actor(), view, null, false);
        });
    }

    /** Managers and admins end someone else's hold, saying why; the holder is told. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public BookingView forceRelease(UUID id, String reason) {
        InputRules.requireText("reason", reason);
        if (reason == null || reason.isBlank() || reason.strip().length() > 200) {
            throw ValidationFailed.of("reason", "Say why, in at most 200 characters");
        }
        return change(id, true, (booking, environment, now) -> {
            requireHolding(booking.status(now));
            if (booking.status(now) == BookingStatus.RESERVED) {
                booking.cancel(now);
            } else {
                booking.release(now, Booking.Stored.RELEASED, reason.strip());
            }
            BookingView view = view(booking, environment, now);
            notifications.tell(booking.holderId(), CurrentActor.actor().name() + " released your booking of "
                    + environment.name() + " (slot " + booking.slotNo() + "): " + reason.strip(), "my-bookings");
            return new BookingReleased(CurrentActor.actor(), view, reason.strip(), true);
        });
    }

    /** Cancels a booking that has not started. */
    public BookingView cancel(UUID id) {
        return change(id, false, (booking, environment, now) -> {
            if (booking.status(now) != BookingStatus.RESERVED) {
                throw new dev.demoportal.base.Conflict("booking.already_started",
                        "Only a booking that has not started can be cancelled; release it instead.");
            }
            booking.cancel(now);
            return new BookingCancelled(CurrentActor.actor(), view(booking, environment, now));
        });
    }

    /** Moves the end to {@code until} if the slot stays free (and the rules allow it). */
    public BookingView extend(UUID id, Instant until) {
        Instant target = until.truncatedTo(ChronoUnit.SECONDS);
        try {
            return change(id, false, (booking, environment, now) -> {
                requireHolding(booking.status(now));
                Instant previous = booking.endsAt();
                if (!target.isAfter(previous)) {
                    throw ValidationFailed.of("until", Message.of("The new end must be after the current end (",
                            previous, ")"));
                }
                if (Duration.between(booking.startsAt(), target).compareTo(environment.rules().maximum()) > 0) {
                    throw ValidationFailed.of("until", "Book at most " + minutes(environment.rules().maximum())
                            + " at a time");
                }
                if (target.isAfter(now.plus(environment.rules().horizon()))) {
                    throw ValidationFailed.of("until", "Beyond the booking horizon of "
                            + environment.rules().horizonDays() + " days");
                }
                environments.maintenanceWindows(environment.id(), previous, target).stream().findFirst()
                        .ifPresent(w -> {
                            throw ValidationFailed.of("until", Message.of("Runs into maintenance (", w.reason(),
                                    ") at ", w.start()));
                        });
                booking.extendTo(target, now);
                bookings.flush();
                return new BookingExtended(CurrentActor.actor(), view(booking, environment, now), previous);
            });
        } catch (DataIntegrityViolationException | PessimisticLockingFailureException e) {
            if (!lostRace(e)) {
                throw e;
            }
            throw new SlotUnavailable(Message.plain("Someone has booked this slot after your current end; "
                    + "the booking was not extended."), null);
        }
    }

    /** The holder confirms they are using it, so it is not released as a no-show. */
    public BookingView checkIn(UUID id) {
        return change(id, false, (booking, environment, now) -> {
            BookingStatus status = booking.status(now);
            if (status == BookingStatus.RESERVED) {
                throw new dev.demoportal.base.Conflict("booking.not_started",
                        "You can check in from the booking's start.");
            }
            requireHolding(status);
            if (booking.checkedInAt() != null) {
                return null;
            }
            booking.checkIn(now);
            return new BookingCheckedIn(CurrentActor.actor(), view(booking, environment, now));
        });
    }

    private interface Change {
        BookingEvents.@Nullable BoardChange apply(Booking booking, EnvironmentView environment, Instant now);
    }

    private BookingView change(UUID id, boolean anyone, Change change) {
        try {
            return tx.execute(s -> {
                Booking booking = bookings.findById(id).orElseThrow(() -> notFound(id));
                if (!anyone && !booking.holderId().equals(currentUser()) && !managerOrAdmin()) {
                    throw new AccessDeniedException("Only the holder, a manager or an admin may change a booking");
                }
                EnvironmentView environment = environments.environment(booking.environmentId());
                Instant now = clock.instant();
                BookingEvents.BoardChange event = change.apply(booking, environment, now);
                bookings.saveAndFlush(booking);
                if (event != null) {
                    events.publishEvent(event);
                }
                return view(booking, environment, now);
            });
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new dev.demoportal.base.Conflict("booking.changed",
                    "This booking was changed at the same moment; look again and retry.");
        }
    }

    private static void requireHolding(BookingStatus status) {
        if (!status.holding()) {
            throw new dev.demoportal.base.Conflict("booking.ended",
                    "This booking has already ended (" + status.label().toLowerCase() + ").");
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    public BookingView booking(UUID id) {
        return readOnly.execute(s -> {
            Booking booking = bookings.findById(id).orElseThrow(() -> notFound(id));
            return view(booking, environments.environment(booking.environmentId()), clock.instant());
        });
    }

    /** Bookings holding a slot of the environment at some point in {@code [from, to)}. */
    public List<BookingView> bookings(String environmentSlug, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ValidationFailed.of("to", "'to' must be after 'from'");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(400)) > 0) {
            throw ValidationFailed.of("to", "Ask for at most 400 days at a time");
        }
        EnvironmentView environment = environments.environment(environmentSlug);
        return readOnly.execute(s -> views(bookings.holding(environment.id(), from, to),
                Map.of(environment.id(), environment)));
    }

    /** The signed-in user's current and upcoming bookings, soonest first. */
    public List<BookingView> mine() {
        UUID me = currentUser();
        return readOnly.execute(s -> {
            List<Booking> list = bookings.currentAndUpcoming(me, clock.instant());
            Map<UUID, EnvironmentView> envs = new HashMap<>();
            list.forEach(b -> envs.computeIfAbsent(b.environmentId(), environments::environment));
            return views(list, envs);
        });
    }

    /**
     * For calendar feeds: every booking overlapping {@code [from, to)}, ended and cancelled ones too,
     * of one environment or (environment null) of the signed-in user.
     */
    public List<BookingView> calendar(@Nullable UUID environmentId, Instant from, Instant to) {
        UUID me = currentUser();
        return readOnly.execute(s -> {
            List<Booking> list = environmentId == null ? bookings.everyHeldBy(me, from, to)
                    : bookings.everyOf(environmentId, from, to);
            Map<UUID, EnvironmentView> envs = new HashMap<>();
            list.forEach(b -> envs.computeIfAbsent(b.environmentId(), environments::environment));
            return views(list, envs);
        });
    }

    /**
     * The board: every bookable-or-not environment (retired ones left out) with each slot's holder
     * now and its next booking. "Now" is derived from the bookings, never stored.
     */
    public List<BoardEntry> board() {
        Instant now = clock.instant();
        List<EnvironmentView> all = environments.allEnvironments(EnvironmentFilter.ACTIVE);
        return readOnly.execute(s -> {
            Map<UUID, List<Booking>> byEnvironment = new HashMap<>();
            List<Booking> upcoming = bookings.currentAndNextPerSlot(now);
            upcoming.forEach(b -> byEnvironment.computeIfAbsent(b.environmentId(), id -> new ArrayList<>()).add(b));
            Map<UUID, UserAccount> holders = users.accounts(upcoming.stream().map(Booking::holderId).toList());
            List<BoardEntry> entries = new ArrayList<>();
            for (EnvironmentView e : all) {
                List<Booking> ofEnvironment = byEnvironment.getOrDefault(e.id(), List.of());
                List<BoardEntry.Slot> slots = new ArrayList<>();
                for (int slot = 1; slot <= e.tenantSlots(); slot++) {
                    int n = slot;
                    List<Booking> ofSlot = ofEnvironment.stream().filter(b -> b.slotNo() == n).toList();
                    Booking current = ofSlot.stream().filter(b -> !b.startsAt().isAfter(now)).findFirst().orElse(null);
                    Booking next = ofSlot.stream().filter(b -> b.startsAt().isAfter(now)).findFirst().orElse(null);
                    slots.add(new BoardEntry.Slot(n, current == null ? null : view(current, e, now, holders),
                            next == null ? null : view(next, e, now, holders)));
                }
                entries.add(new BoardEntry(e, slots));
            }
            return entries;
        });
    }

    /** Who holds which slot right now, by environment id (one query; for the environments API). */
    public Map<UUID, List<CurrentHolders.Holding>> holdingsNow() {
        Instant now = clock.instant();
        return readOnly.execute(s -> {
            List<Booking> held = bookings.heldAt(now);
            Map<UUID, UserAccount> holders = users.accounts(held.stream().map(Booking::holderId).toList());
            Map<UUID, List<CurrentHolders.Holding>> byEnvironment = new HashMap<>();
            for (Booking b : held) {
                UserAccount holder = holders.get(b.holderId());
                byEnvironment.computeIfAbsent(b.environmentId(), id -> new ArrayList<>()).add(
                        new CurrentHolders.Holding(b.slotNo(), b.id(), holder == null ? "unknown user"
                                : holder.displayName(), holder == null ? null : holder.email(), b.startsAt(),
                                b.endsAt(), b.purpose()));
            }
            return byEnvironment;
        });
    }

    // ---- scheduled enforcement -----------------------------------------------------------------

    /**
     * Releases reservations nobody checked in to within their environment's grace period, so
     * squatters do not block others. Run by the scheduler every minute, as a system task.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public int releaseNoShows() {
        Instant now = clock.instant();
        List<UUID> candidates = readOnly.execute(s -> bookings.notCheckedIn(now.minus(Duration.ofMinutes(5)))
                .stream().map(Booking::id).toList());
        int released = 0;
        for (UUID id : candidates) {
            Boolean done = tx.execute(s -> {
                Booking booking = bookings.findById(id).orElse(null);
                if (booking == null || booking.checkedInAt() != null || !booking.status(now).holding()
                        && booking.status(now) != BookingStatus.EXPIRED) {
                    return false;
                }
                EnvironmentView environment = environments.environment(booking.environmentId());
                if (booking.startsAt().plus(environment.rules().checkInGrace()).isAfter(now)) {
                    return false;
                }
                booking.release(now, Booking.Stored.NO_SHOW, "not checked in within "
                        + environment.rules().checkInGraceMinutes() + " minutes of the start");
                bookings.saveAndFlush(booking);
                notifications.tell(booking.holderId(), "Your booking of " + environment.name() + " (slot "
                        + booking.slotNo() + ") was released: you did not check in within "
                        + environment.rules().checkInGraceMinutes() + " minutes of its start.", "my-bookings");
                events.publishEvent(new BookingMarkedNoShow(CurrentActor.actor(), view(booking, environment, now)));
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                released++;
            }
        }
        return released;
    }

    // ---- waitlist ------------------------------------------------------------------------------

    /**
     * Queues the signed-in user for {@code length} within {@code [windowStart, windowEnd)} of a
     * full environment. When a slot frees inside the window, the first in line gets it.
     */
    public WaitlistView joinWaitlist(String environmentSlug, Instant windowStart, Instant windowEnd, Duration length,
            String purpose) {
        Instant now = clock.instant();
        EnvironmentView environment = environments.environment(environmentSlug);
        Instant from = windowStart.isBefore(now) ? now : windowStart;
        List<FieldError> errors = new ArrayList<>();
        if (purpose == null || purpose.isBlank() || purpose.strip().length() > 200) {
            errors.add(new FieldError("purpose", "Say what it is for, in at most 200 characters"));
        }
        errors.addAll(InputRules.checkText("purpose", purpose));
        if (length == null || length.compareTo(environment.rules().minimum()) < 0
                || length.compareTo(environment.rules().maximum()) > 0) {
            errors.add(new FieldError("duration", "Between " + minutes(environment.rules().minimum()) + " and "
                    + minutes(environment.rules().maximum())));
        } else if (!windowEnd.isAfter(from.plus(length))) {
            errors.add(new FieldError("windowEnd", "The window must be longer than the time you need"));
        }
        if (windowStart.isAfter(now.plus(environment.rules().horizon()))) {
            errors.add(new FieldError("windowStart", "At most " + environment.rules().horizonDays() + " days ahead"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Instant free = readOnly.execute(s -> nextFreeStart(environment, from, length));
        if (free != null && !free.plus(length).isAfter(windowEnd)) {
            throw new dev.demoportal.base.Conflict("waitlist.slot_free", "A slot is free from " + free
                    + " within your window: book it instead of queueing.");
        }
        UUID me = currentUser();
        try {
            return tx.execute(s -> {
                WaitlistEntry entry = waitlist.saveAndFlush(new WaitlistEntry(environment.id(), me, windowStart,
                        windowEnd, length, purpose.strip(), now));
                WaitlistView view = waitlistViews(environment.id()).stream()
                        .filter(w -> w.id().equals(entry.id())).findFirst().orElseThrow();
                events.publishEvent(new WaitlistEvents.WaitlistJoined(CurrentActor.actor(), view, environment.slug()));
                return view;
            });
        } catch (DataIntegrityViolationException e) {
            throw new dev.demoportal.base.Conflict("waitlist.already_waiting",
                    "You are already on the waitlist of " + environment.name() + ".");
        }
    }

    /** Leaves the queue (the person themselves, or a manager/admin). */
    public void leaveWaitlist(UUID entryId) {
        tx.executeWithoutResult(s -> {
            WaitlistEntry entry = waitlist.findById(entryId).filter(e -> e.status() == WaitlistEntry.State.WAITING)
                    .orElseThrow(() -> new NotFound("waitlist.not_found", "You are not waiting there (any more)."));
            if (!entry.userId().equals(currentUser()) && !managerOrAdmin()) {
                throw new AccessDeniedException("Only the person waiting, a manager or an admin may do this");
            }
            WaitlistView view = waitlistViews(entry.environmentId()).stream()
                    .filter(w -> w.id().equals(entryId)).findFirst().orElseThrow();
            entry.end(WaitlistEntry.State.LEFT, clock.instant());
            events.publishEvent(new WaitlistEvents.WaitlistLeft(CurrentActor.actor(), view, "left"));
        });
    }

    /** The queue of an environment, first in line first. */
    public List<WaitlistView> waitlist(String environmentSlug) {
        EnvironmentView environment = environments.environment(environmentSlug);
        return readOnly.execute(s -> waitlistViews(environment.id()));
    }

    private List<WaitlistView> waitlistViews(UUID environmentId) {
        List<WaitlistEntry> entries = waitlist.waiting(environmentId);
        Map<UUID, UserAccount> people = users.accounts(entries.stream().map(WaitlistEntry::userId).toList());
        List<WaitlistView> views = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            WaitlistEntry e = entries.get(i);
            UserAccount person = people.get(e.userId());
            views.add(new WaitlistView(e.id(), i + 1, environmentId, person == null
                    ? new Holder(e.userId(), "unknown user", null)
                    : new Holder(person.id(), person.displayName(), person.email()),
                    e.windowStart(), e.windowEnd(), e.length(), e.purpose()));
        }
        return views;
    }

    /**
     * Hands freed time to the queue: in order, each waiting person gets the earliest free slot
     * that fits their window, and is told so. Entries whose window can no longer fit lapse. Runs
     * after every release, cancellation and no-show, and every minute as a safety net.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public int offerFreedSlots(UUID environmentId) {
        EnvironmentView environment = environments.environment(environmentId);
        List<WaitlistEntry> queue = readOnly.execute(s -> waitlist.waiting(environmentId));
        int granted = 0;
        for (WaitlistEntry entry : queue) {
            Instant now = clock.instant();
            if (entry.lapsed(now)) {
                tx.executeWithoutResult(s -> waitlist.findById(entry.id()).ifPresent(e -> {
                    e.end(WaitlistEntry.State.LAPSED, now);
                    notifications.tell(e.userId(), "Your place on the waitlist of " + environment.name()
                            + " lapsed: no slot freed up in your window.", "environments/" + environment.slug());
                }));
                continue;
            }
            if (!environment.bookable()) {
                continue;
            }
            Instant from = entry.windowStart().isBefore(now) ? now : entry.windowStart();
            Instant start = readOnly.execute(s -> nextFreeStart(environment, from, entry.length()));
            if (start == null || start.plus(entry.length()).isAfter(entry.windowEnd())) {
                continue;
            }
            try {
                allocate(environment, null, entry.userId(), start, start.plus(entry.length()), entry.purpose(), null,
                        false, entry.id(), booking -> {
                            WaitlistEntry current = waitlist.findById(entry.id())
                                    .filter(e -> e.status() == WaitlistEntry.State.WAITING)
                                    .orElseThrow(() -> new dev.demoportal.base.Conflict("waitlist.changed",
                                            "The entry left the queue meanwhile"));
                            current.granted(booking.id(), clock.instant());
                            notifications.tell(entry.userId(), Message.of("A slot freed up: you now hold ",
                                    environment.name(), " (slot ", booking.slot(), ") from ", booking.start(), " to ",
                                    booking.end(), ", from the waitlist."), "my-bookings");
                        });
                granted++;
            } catch (dev.demoportal.base.Conflict taken) {
                // someone was faster, or the person left the queue; the next event or sweep retries
            }
        }
        return granted;
    }

    /** The every-minute safety net: offers and lapses for every queue. */
    @PreAuthorize("hasRole('ADMIN')")
    public int sweepWaitlists() {
        int granted = 0;
        for (UUID environmentId : readOnly.execute(s -> waitlist.environmentsWithWaiting())) {
            granted += offerFreedSlots(environmentId);
        }
        return granted;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private List<BookingView> views(List<Booking> list, Map<UUID, EnvironmentView> environmentsById) {
        Instant now = clock.instant();
        Map<UUID, UserAccount> holders = users.accounts(list.stream().map(Booking::holderId).toList());
        return list.stream().map(b -> view(b, environmentsById.get(b.environmentId()), now, holders)).toList();
    }

    private BookingView view(Booking b, EnvironmentView environment, Instant now) {
        return view(b, environment, now, users.account(b.holderId()).map(a -> Map.of(a.id(), a)).orElse(Map.of()));
    }

    private static BookingView view(Booking b, EnvironmentView environment, Instant now,
            Map<UUID, UserAccount> holders) {
        UserAccount holder = holders.get(b.holderId());
        Holder h = holder == null ? new Holder(b.holderId(), "unknown user", null)
                : new Holder(holder.id(), holder.displayName(), holder.email());
        return new BookingView(b.id(), environment.id(), environment.slug(), environment.name(), b.slotNo(), h,
                b.startsAt(), b.endsAt(), b.status(now), b.purpose(), b.customer(), b.checkedInAt(), b.version());
    }

    /**
     * Whether the database refused a held period because another one overlaps it: the exclusion
     * constraint said so, or two transactions checking it at the same moment deadlocked (PostgreSQL
     * then aborts one of them; the other goes on to hold the slot).
     */
    private static boolean lostRace(DataAccessException e) {
        Throwable cause = e.getMostSpecificCause();
        return cause instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())
                || String.valueOf(cause.getMessage()).contains("booking_no_overlap");
    }

    private static UUID currentUser() {
        return CurrentActor.userId().orElseThrow(() -> new AccessDeniedException("Bookings are made by people"));
    }

    private static boolean managerOrAdmin() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_MANAGER")
                || a.getAuthority().equals("ROLE_ADMIN"));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("booking.not_found", "There is no booking " + id + ".");
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m % 1440 == 0 ? m / 1440 + (m == 1440 ? " day" : " days")
                : m % 60 == 0 ? m / 60 + (m == 60 ? " hour" : " hours") : m + " minutes";
    }

}
