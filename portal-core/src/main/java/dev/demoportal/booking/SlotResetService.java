package dev.demoportal.booking;

import dev.demoportal.base.Actor;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.environment.AccessSettings;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verified hand-off: after a holding of a slot of an environment with a reset plan ends, the slot
 * is reset before anyone new gets it. A reset is asked for in the transaction that ends the
 * holding (a release, a no-show) or by the worker's {@link #reconcile()} (an end time that
 * passed); the worker {@link #claimNext() claims} it, runs the plan's steps and reports {@link
 * #succeeded} or {@link #failed}. A failed reset keeps the slot out of service until an admin
 * {@link #returnToService returns} it. The database refuses new holdings of a slot whose reset is
 * open (trigger {@code booking_slot_ready}); {@link SlotAllocator} skips such slots.
 */
@Service
@Transactional
public class SlotResetService {

    private static final Actor WORKER = Actor.system("reset");

    private final SlotResetRepository resets;
    private final SlotResetQueries queries;
    private final EnvironmentService environments;
    private final ApplicationEventPublisher events;
    private final BoardNotifier board;
    private final Clock clock;

    SlotResetService(
            SlotResetRepository resets,
            SlotResetQueries queries,
            EnvironmentService environments,
            ApplicationEventPublisher events,
            BoardNotifier board,
            Clock clock) {
        this.board = board;
        this.resets = resets;
        this.queries = queries;
        this.environments = environments;
        this.events = events;
        this.clock = clock;
    }

    /** Asks for a reset after every holding that ended and has none yet; returns how many. */
    @PreAuthorize("hasRole('ADMIN')")
    public int reconcile() {
        List<UUID> asked = queries.requestForEndedHoldings(clock.instant(), null);
        asked.stream().distinct().forEach(board::announce);
        return asked.size();
    }

    /** Asks for the reset after one holding that just ended, in the transaction that ended it. */
    int requestAfter(UUID bookingId) {
        // the release is still in the persistence context: the insert reads the booking's new end
        resets.flush();
        return queries.requestForEndedHoldings(clock.instant(), bookingId).size();
    }

    /** Claims the next reset to run; empty when none is due. */
    @PreAuthorize("hasRole('ADMIN')")
    public Optional<SlotResetJob> claimNext() {
        Instant now = clock.instant();
        return resets.nextDue(now).map(reset -> {
            reset.claim(now);
            EnvironmentSummary environment = environments.environment(reset.environmentId());
            AccessSettings access = environments.accessSettings(reset.environmentId());
            String namespace = access.enabled() ? access.namespace(environment.slug(), reset.slotNo()) : "";
            return new SlotResetJob(
                    reset.id(),
                    environment.slug(),
                    reset.slotNo(),
                    environment.region().code(),
                    environment.region().awsRegion(),
                    namespace,
                    reset.plan(),
                    reset.stepReached());
        });
    }

    /** Step {@code index} of a claimed reset completed. */
    @PreAuthorize("hasRole('ADMIN')")
    public void stepDone(UUID resetId, int index) {
        reset(resetId).stepDone(index, clock.instant());
    }

    /** The reset completed: the slot is clean and may be handed to the next holder or the waitlist. */
    @PreAuthorize("hasRole('ADMIN')")
    public SlotResetSummary succeeded(UUID resetId) {
        SlotReset reset = reset(resetId);
        reset.succeeded(clock.instant());
        SlotResetSummary view = reset.toView();
        events.publishEvent(new SlotResetEvents.SlotResetSucceeded(WORKER, view, slug(view)));
        return view;
    }

    /** The reset failed: the slot goes out of service, and the environment's admins are told. */
    @PreAuthorize("hasRole('ADMIN')")
    public SlotResetSummary failed(UUID resetId, String error) {
        SlotReset reset = reset(resetId);
        reset.failed(error == null || error.isBlank() ? "failed" : error, clock.instant());
        SlotResetSummary view = reset.toView();
        events.publishEvent(new SlotResetEvents.SlotResetFailed(WORKER, view, slug(view)));
        return view;
    }

    /**
     * An admin puts a slot that is out of service (its last reset failed) back into service, having
     * looked at it; the board then shows it available again, not "clean".
     */
    @PreAuthorize("hasRole('ADMIN')")
    public SlotResetSummary returnToService(String environmentSlug, int slot, @Nullable String note) {
        EnvironmentSummary environment = environments.environment(environmentSlug);
        if (slot < 1 || slot > environment.tenantSlots()) {
            throw ValidationFailed.of("slot", "Between 1 and " + environment.tenantSlots());
        }
        if (note != null && note.strip().length() > 200) {
            throw ValidationFailed.of("note", "At most 200 characters");
        }
        SlotReset reset = resets.outOfService(environment.id(), slot)
                .orElseThrow(() -> new IllegalResetTransition(latestStatus(environment.id(), slot)));
        reset.returnToService(
                CurrentActor.userId().orElseThrow(() -> new IllegalStateException("no signed-in user")),
                note,
                clock.instant());
        SlotResetSummary view = reset.toView();
        events.publishEvent(new SlotResetEvents.SlotReturnedToService(CurrentActor.actor(), view, environment.slug()));
        return view;
    }

    /** The latest reset of each slot of an environment that has one, by slot. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public Map<Integer, SlotResetSummary> latest(UUID environmentId) {
        return queries.latest(List.of(environmentId)).stream()
                .collect(Collectors.toMap(SlotResetSummary::slot, r -> r));
    }

    /** The latest reset of each slot of several environments (the board), by environment and slot. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public Map<UUID, Map<Integer, SlotResetSummary>> latest(Collection<UUID> environmentIds) {
        return queries.latest(environmentIds).stream()
                .collect(Collectors.groupingBy(
                        SlotResetSummary::environmentId, Collectors.toMap(SlotResetSummary::slot, r -> r)));
    }

    /** The resets of one slot, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<SlotResetSummary> history(String environmentSlug, int slot, int limit) {
        EnvironmentSummary environment = environments.environment(environmentSlug);
        if (slot < 1 || slot > environment.tenantSlots()) {
            throw new NotFound(
                    "slot.not_found", environment.name() + " has slots 1 to " + environment.tenantSlots() + ".");
        }
        return queries.history(environment.id(), slot, Math.clamp(limit, 1, 100));
    }

    private SlotResetStatus latestStatus(UUID environmentId, int slot) {
        SlotResetSummary latest = latest(environmentId).get(slot);
        return latest == null ? SlotResetStatus.SUCCEEDED : latest.status();
    }

    private SlotReset reset(UUID id) {
        return resets.findById(id).orElseThrow(() -> new NotFound("slot_reset.not_found", "No reset " + id));
    }

    private String slug(SlotResetSummary view) {
        return environments.environment(view.environmentId()).slug();
    }
}
