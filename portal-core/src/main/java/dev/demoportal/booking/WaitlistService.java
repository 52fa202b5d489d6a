package dev.demoportal.booking;

import dev.demoportal.base.Conflict;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.Transactions;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.NotificationService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The waitlist of a full environment: joining and leaving the queue, and handing freed time to it
 * in order through the {@link SlotAllocator} that booking uses too. {@link WaitlistTrigger} offers
 * freed slots right after each release; {@link #sweepWaitlists()} is the every-minute safety net.
 */
@Service
@PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
public class WaitlistService {

    private final WaitlistRepository waitlist;
    private final SlotAllocator slots;
    private final NotificationService notifications;
    private final EnvironmentService environments;
    private final UserService users;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    WaitlistService(
            WaitlistRepository waitlist,
            SlotAllocator slots,
            NotificationService notifications,
            EnvironmentService environments,
            UserService users,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.waitlist = waitlist;
        this.slots = slots;
        this.notifications = notifications;
        this.environments = environments;
        this.users = users;
        this.events = events;
        this.clock = clock;
        // the hand-off runs from an after-commit listener: only a transaction of its own commits there
        this.tx = Transactions.own(transactions);
        this.readOnly = Transactions.ownReadOnly(transactions);
    }

    /**
     * Queues the signed-in user for {@code length} within {@code [windowStart, windowEnd)} of a
     * full environment. When a slot frees inside the window, the first in line gets it.
     */
    public WaitlistPlace joinWaitlist(
            String environmentSlug, Instant windowStart, Instant windowEnd, Duration length, String purpose) {
        Instant now = clock.instant();
        EnvironmentSummary environment = environments.environment(environmentSlug);
        Instant from = windowStart.isBefore(now) ? now : windowStart;
        List<FieldError> errors = new ArrayList<>();
        if (purpose == null || purpose.isBlank() || purpose.strip().length() > 200) {
            errors.add(new FieldError("purpose", "Say what it is for, in at most 200 characters"));
        }
        errors.addAll(InputRules.checkText("purpose", purpose));
        if (length == null
                || length.compareTo(environment.rules().minimum()) < 0
                || length.compareTo(environment.rules().maximum()) > 0) {
            errors.add(new FieldError(
                    "duration",
                    "Between " + BookingRules.minutes(environment.rules().minimum()) + " and "
                            + BookingRules.minutes(environment.rules().maximum())));
        } else if (!windowEnd.isAfter(from.plus(length))) {
            errors.add(new FieldError("windowEnd", "The window must be longer than the time you need"));
        }
        if (windowStart.isAfter(now.plus(environment.rules().horizon()))) {
            errors.add(new FieldError(
                    "windowStart", "At most " + environment.rules().horizonDays() + " days ahead"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Instant free = slots.nextFreeStart(environment, from, length);
        if (free != null && !free.plus(length).isAfter(windowEnd)) {
            throw new Conflict(
                    "waitlist.slot_free",
                    "A slot is free from " + free + " within your window: book it instead of queueing.");
        }
        UUID me = Callers.currentUser();
        try {
            return tx.execute(s -> {
                WaitlistEntry entry = waitlist.saveAndFlush(
                        new WaitlistEntry(environment.id(), me, windowStart, windowEnd, length, purpose.strip(), now));
                WaitlistPlace view = waitlistViews(environment.id()).stream()
                        .filter(w -> w.id().equals(entry.id()))
                        .findFirst()
                        .orElseThrow();
                events.publishEvent(new WaitlistEvents.WaitlistJoined(CurrentActor.actor(), view, environment.slug()));
                return view;
            });
        } catch (DataIntegrityViolationException e) {
            throw new Conflict(
                    "waitlist.already_waiting", "You are already on the waitlist of " + environment.name() + ".");
        }
    }

    /** Leaves the queue (the person themselves, or a manager/admin). */
    public void leaveWaitlist(UUID entryId) {
        tx.executeWithoutResult(s -> {
            WaitlistEntry entry = waitlist.findById(entryId)
                    .filter(e -> e.status() == WaitlistEntry.State.WAITING)
                    .orElseThrow(() -> new NotFound("waitlist.not_found", "You are not waiting there (any more)."));
            if (!entry.userId().equals(Callers.currentUser()) && !Callers.managerOrAdmin()) {
                throw new AccessDeniedException("Only the person waiting, a manager or an admin may do this");
            }
            WaitlistPlace view = waitlistViews(entry.environmentId()).stream()
                    .filter(w -> w.id().equals(entryId))
                    .findFirst()
                    .orElseThrow();
            entry.end(WaitlistEntry.State.LEFT, clock.instant());
            events.publishEvent(new WaitlistEvents.WaitlistLeft(CurrentActor.actor(), view, "left"));
        });
    }

    /** The queue of an environment, first in line first. */
    public List<WaitlistPlace> waitlist(String environmentSlug) {
        EnvironmentSummary environment = environments.environment(environmentSlug);
        return readOnly.execute(s -> waitlistViews(environment.id()));
    }

    private List<WaitlistPlace> waitlistViews(UUID environmentId) {
        List<WaitlistEntry> entries = waitlist.waiting(environmentId);
        Map<UUID, UserAccount> people =
                users.accounts(entries.stream().map(WaitlistEntry::userId).toList());
        List<WaitlistPlace> views = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            WaitlistEntry e = entries.get(i);
            views.add(new WaitlistPlace(
                    e.id(),
                    i + 1,
                    environmentId,
                    BookingSummaries.holder(e.userId(), people),
                    e.windowStart(),
                    e.windowEnd(),
                    e.length(),
                    e.purpose()));
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
        EnvironmentSummary environment = environments.environment(environmentId);
        List<WaitlistEntry> queue = readOnly.execute(s -> waitlist.waiting(environmentId));
        int granted = 0;
        for (WaitlistEntry entry : queue) {
            Instant now = clock.instant();
            if (entry.lapsed(now)) {
                tx.executeWithoutResult(s -> waitlist.findById(entry.id()).ifPresent(e -> {
                    e.end(WaitlistEntry.State.LAPSED, now);
                    notifications.tell(
                            e.userId(),
                            "Your place on the waitlist of " + environment.name()
                                    + " lapsed: no slot freed up in your window.",
                            "environments/" + environment.slug());
                }));
                continue;
            }
            if (!environment.bookable()) {
                continue;
            }
            Instant from = entry.windowStart().isBefore(now) ? now : entry.windowStart();
            Instant start = slots.nextFreeStart(environment, from, entry.length());
            if (start == null || start.plus(entry.length()).isAfter(entry.windowEnd())) {
                continue;
            }
            try {
                slots.allocate(
                        environment,
                        null,
                        new SlotAllocator.Claim(
                                entry.userId(),
                                start,
                                start.plus(entry.length()),
                                entry.purpose(),
                                null,
                                false,
                                entry.id()),
                        booking -> {
                            WaitlistEntry current = waitlist.findById(entry.id())
                                    .filter(e -> e.status() == WaitlistEntry.State.WAITING)
                                    .orElseThrow(() ->
                                            new Conflict("waitlist.changed", "The entry left the queue meanwhile"));
                            current.granted(booking.id(), clock.instant());
                            // BookingNotifications tells the holder, from SlotBooked
                        });
                granted++;
            } catch (Conflict taken) {
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
}
