package dev.demoportal.booking;

import dev.demoportal.base.Conflict;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.FormValidator;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.Message;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.Transactions;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.booking.BookingEvents.BookingCancelled;
import dev.demoportal.booking.BookingEvents.BookingCheckedIn;
import dev.demoportal.booking.BookingEvents.BookingExtended;
import dev.demoportal.booking.BookingEvents.BookingReleased;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Booking a slot and changing one: book, claim now, release, force-release, cancel, extend and
 * check in, and reading bookings. The rules a period must meet are {@link BookingRules}; finding and
 * taking a free slot is {@link SlotAllocator}'s, which the waitlist ({@link WaitlistService})
 * shares; the board is {@link BoardService}, the no-show sweep {@link NoShowService}.
 */
@Service
@PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
public class BookingService {

    private final BookingRepository bookings;
    private final SlotAllocator slots;
    private final BookableEnvironments reference;
    private final BookingSummaries views;
    private final EnvironmentService environments;
    private final FormValidator validator;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    BookingService(
            BookingRepository bookings,
            SlotAllocator slots,
            BookableEnvironments reference,
            BookingSummaries views,
            EnvironmentService environments,
            FormValidator validator,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.bookings = bookings;
        this.slots = slots;
        this.reference = reference;
        this.views = views;
        this.environments = environments;
        this.validator = validator;
        this.events = events;
        this.clock = clock;
        this.tx = Transactions.own(transactions);
        this.readOnly = Transactions.ownReadOnly(transactions);
    }

    // ---- booking -------------------------------------------------------------------------------

    /** Books a free slot for {@code [start, end)}; the lowest-numbered free slot wins. */
    public BookingSummary book(BookingRequest request) {
        validator.check(request);
        Instant now = clock.instant();
        boolean justNow =
                request.start().isBefore(now) && !request.start().isBefore(now.minus(BookingRules.START_TOLERANCE));
        Instant start = justNow ? now : request.start().truncatedTo(ChronoUnit.SECONDS);
        Instant end = request.end().truncatedTo(ChronoUnit.SECONDS);
        SlotAllocator.Claim claim = new SlotAllocator.Claim(
                Callers.currentUser(), start, end, request.purpose(), request.customer(), false, null);
        // the short way: the environment as kept, one transaction; else the long way, which says why
        EnvironmentSummary kept = reference.environment(request.environment());
        Set<Integer> lost = new HashSet<>();
        if (BookingRules.passes(kept, start, end, now)) {
            BookingSummary booked = slots.take(kept, null, claim, lost);
            if (booked != null) {
                return booked;
            }
        }
        EnvironmentSummary environment = readOnly.execute(s -> {
            EnvironmentSummary e = reference.reread(request.environment());
            BookingRules.check(e, start, end, now, () -> environments.maintenanceWindows(e.id(), start, end));
            return e;
        });
        return slots.allocate(environment, null, claim, lost, booking -> {});
    }

    /** "Claim now": a booking of any free slot that starts now and counts as checked in. */
    public BookingSummary claim(String environmentSlug, Duration duration, String purpose, @Nullable String customer) {
        return claim(environmentSlug, null, duration, purpose, customer);
    }

    /**
     * "Claim now" of slot {@code slot} (any free slot if null): a booking that starts now and counts
     * as checked in. If that slot is held, answers {@link SlotTaken} rather than handing out another.
     */
    public BookingSummary claim(
            String environmentSlug,
            @Nullable Integer slot,
            Duration duration,
            String purpose,
            @Nullable String customer) {
        Instant now = clock.instant();
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw ValidationFailed.of("duration", "Choose how long you need it");
        }
        BookingRequest request = new BookingRequest(environmentSlug, now, now.plus(duration), purpose, customer);
        validator.check(request);
        Instant end = now.plus(duration).truncatedTo(ChronoUnit.SECONDS);
        SlotAllocator.Claim claim = new SlotAllocator.Claim(
                Callers.currentUser(), now, end, request.purpose(), request.customer(), true, null);
        EnvironmentSummary kept = reference.environment(environmentSlug);
        Set<Integer> lost = new HashSet<>();
        if ((slot == null || slot >= 1 && slot <= kept.tenantSlots()) && BookingRules.passes(kept, now, end, now)) {
            BookingSummary booked = slots.take(kept, slot, claim, lost);
            if (booked != null) {
                return booked;
            }
        }
        EnvironmentSummary environment = readOnly.execute(s -> {
            EnvironmentSummary e = reference.reread(environmentSlug);
            if (slot != null && (slot < 1 || slot > e.tenantSlots())) {
                throw ValidationFailed.of("slot", e.name() + " has slots 1 to " + e.tenantSlots());
            }
            BookingRules.check(e, now, end, now, () -> environments.maintenanceWindows(e.id(), now, end));
            return e;
        });
        return slots.allocate(environment, slot, claim, lost, booking -> {});
    }

    /** The next free start in this environment for a booking of {@code length} (for forms and the API). */
    public Optional<Instant> nextFree(String environmentSlug, Instant from, Duration length) {
        EnvironmentSummary environment = environments.environment(environmentSlug);
        Instant start = from.isBefore(clock.instant()) ? clock.instant() : from;
        return Optional.ofNullable(slots.nextFreeStart(environment, start, length));
    }

    /**
     * Other environments of the same region with a slot free for exactly {@code [start, end)}, for
     * proposing where else to go.
     */
    public List<EnvironmentSummary> alternatives(String environmentSlug, Instant start, Instant end) {
        EnvironmentSummary environment = environments.environment(environmentSlug);
        return environments
                .allEnvironments(new EnvironmentFilter(environment.region().code(), null, false))
                .stream()
                .filter(e -> !e.id().equals(environment.id()) && e.bookable())
                .filter(e -> environments.maintenanceWindows(e.id(), start, end).isEmpty())
                .filter(e -> slots.freeSlot(e, start, end) != null)
                .toList();
    }

    // ---- changing a booking --------------------------------------------------------------------

    /** Ends the hold now; the slot is free at once. */
    public BookingSummary release(UUID id) {
        return change(id, false, (booking, environment, now) -> {
            BookingStatus status = booking.status(now);
            if (status == BookingStatus.RESERVED) {
                throw new Conflict("booking.not_started", "This booking has not started; cancel it instead.");
            }
            requireHolding(status);
            booking.release(now, null);
            BookingSummary view = views.view(booking, environment, now);
            return new BookingReleased(CurrentActor.actor(), view, null, false);
        });
    }

    /** Managers and admins end someone else's hold, saying why; the holder is told. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public BookingSummary forceRelease(UUID id, String reason) {
        InputRules.requireText("reason", reason);
        if (reason == null || reason.isBlank() || reason.strip().length() > 200) {
            throw ValidationFailed.of("reason", "Say why, in at most 200 characters");
        }
        return change(id, true, (booking, environment, now) -> {
            requireHolding(booking.status(now));
            if (booking.status(now) == BookingStatus.RESERVED) {
                booking.cancel(now);
            } else {
                booking.release(now, reason.strip());
            }
            BookingSummary view = views.view(booking, environment, now);
            return new BookingReleased(CurrentActor.actor(), view, reason.strip(), true);
        });
    }

    /** Cancels a booking that has not started. */
    public BookingSummary cancel(UUID id) {
        return change(id, false, (booking, environment, now) -> {
            if (booking.status(now) != BookingStatus.RESERVED) {
                throw new Conflict(
                        "booking.already_started",
                        "Only a booking that has not started can be cancelled; release it instead.");
            }
            booking.cancel(now);
            return new BookingCancelled(CurrentActor.actor(), views.view(booking, environment, now));
        });
    }

    /** Moves the end to {@code until} if the slot stays free (and the rules allow it). */
    public BookingSummary extend(UUID id, Instant until) {
        Instant target = until.truncatedTo(ChronoUnit.SECONDS);
        try {
            return change(id, false, (booking, environment, now) -> {
                requireHolding(booking.status(now));
                Instant previous = booking.endsAt();
                BookingRules.checkExtension(
                        environment,
                        booking.startsAt(),
                        previous,
                        target,
                        now,
                        () -> environments.maintenanceWindows(environment.id(), previous, target));
                booking.extendTo(target, now);
                bookings.flush();
                return new BookingExtended(CurrentActor.actor(), views.view(booking, environment, now), previous);
            });
        } catch (DataIntegrityViolationException | PessimisticLockingFailureException e) {
            if (!SlotAllocator.lostRace(e)) {
                throw e;
            }
            throw new SlotUnavailable(
                    Message.plain(
                            "Someone has booked this slot after your current end; " + "the booking was not extended."),
                    null);
        }
    }

    /** The holder confirms they are using it, so it is not released as a no-show. */
    public BookingSummary checkIn(UUID id) {
        return change(id, false, (booking, environment, now) -> {
            BookingStatus status = booking.status(now);
            if (status == BookingStatus.RESERVED) {
                throw new Conflict("booking.not_started", "You can check in from the booking's start.");
            }
            requireHolding(status);
            if (booking.checkedInAt() != null) {
                return null;
            }
            booking.checkIn(now);
            return new BookingCheckedIn(CurrentActor.actor(), views.view(booking, environment, now));
        });
    }

    private interface Change {
        BookingEvents.@Nullable BoardChange apply(Booking booking, EnvironmentSummary environment, Instant now);
    }

    private BookingSummary change(UUID id, boolean anyone, Change change) {
        try {
            return tx.execute(s -> {
                Booking booking = bookings.findById(id).orElseThrow(() -> notFound(id));
                if (!anyone && !booking.holderId().equals(Callers.currentUser()) && !Callers.managerOrAdmin()) {
                    throw new AccessDeniedException("Only the holder, a manager or an admin may change a booking");
                }
                EnvironmentSummary environment = environments.environment(booking.environmentId());
                Instant now = clock.instant();
                BookingEvents.BoardChange event = change.apply(booking, environment, now);
                bookings.saveAndFlush(booking);
                if (event != null) {
                    events.publishEvent(event);
                }
                return views.view(booking, environment, now);
            });
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new Conflict("booking.changed", "This booking was changed at the same moment; look again and retry.");
        }
    }

    private static void requireHolding(BookingStatus status) {
        if (!status.holding()) {
            throw new Conflict(
                    "booking.ended",
                    "This booking has already ended (" + status.label().toLowerCase() + ").");
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    public BookingSummary booking(UUID id) {
        return readOnly.execute(s -> {
            Booking booking = bookings.findById(id).orElseThrow(() -> notFound(id));
            return views.view(booking, environments.environment(booking.environmentId()), clock.instant());
        });
    }

    /** Bookings holding a slot of the environment at some point in {@code [from, to)}. */
    public List<BookingSummary> bookings(String environmentSlug, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ValidationFailed.of("to", "'to' must be after 'from'");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(400)) > 0) {
            throw ValidationFailed.of("to", "Ask for at most 400 days at a time");
        }
        EnvironmentSummary environment = environments.environment(environmentSlug);
        return readOnly.execute(s -> views.views(
                bookings.holding(environment.id(), from, to), Map.of(environment.id(), environment), clock.instant()));
    }

    /** The signed-in user's current and upcoming bookings, soonest first. */
    public List<BookingSummary> mine() {
        UUID me = Callers.currentUser();
        return readOnly.execute(s -> {
            List<Booking> list = bookings.currentAndUpcoming(me, clock.instant());
            Map<UUID, EnvironmentSummary> envs = new HashMap<>();
            list.forEach(b -> envs.computeIfAbsent(b.environmentId(), environments::environment));
            return views.views(list, envs, clock.instant());
        });
    }

    /**
     * For calendar feeds: every booking overlapping {@code [from, to)}, ended and cancelled ones too,
     * of one environment or (environment null) of the signed-in user.
     */
    public List<BookingSummary> calendar(@Nullable UUID environmentId, Instant from, Instant to) {
        UUID me = Callers.currentUser();
        return readOnly.execute(s -> {
            List<Booking> list = environmentId == null
                    ? bookings.everyHeldBy(me, from, to)
                    : bookings.everyOf(environmentId, from, to);
            Map<UUID, EnvironmentSummary> envs = new HashMap<>();
            list.forEach(b -> envs.computeIfAbsent(b.environmentId(), environments::environment));
            return views.views(list, envs, clock.instant());
        });
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static NotFound notFound(UUID id) {
        return new NotFound("booking.not_found", "There is no booking " + id + ".");
    }
}
