package dev.demoportal.booking;

import dev.demoportal.base.Transactions;
import dev.demoportal.environment.CurrentHolders;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.UserAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The board's read model: every environment with each slot's holder now and its next booking, and
 * who holds what now. "Now" is derived from the bookings, never stored; each answer is one query.
 */
@Service
@PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
public class BoardService {

    private final BookingRepository bookings;
    private final BookingSummaries views;
    private final EnvironmentService environments;
    private final SlotResetQueries resets;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    BoardService(
            BookingRepository bookings,
            BookingSummaries views,
            EnvironmentService environments,
            SlotResetQueries resets,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.bookings = bookings;
        this.views = views;
        this.environments = environments;
        this.resets = resets;
        this.clock = clock;
        this.readOnly = Transactions.ownReadOnly(transactions);
    }

    /**
     * The board: every bookable-or-not environment (retired ones left out) with each slot's holder
     * now and its next booking.
     */
    public List<BoardEntry> board() {
        Instant now = clock.instant();
        List<EnvironmentSummary> all = environments.allEnvironments(EnvironmentFilter.ACTIVE);
        return readOnly.execute(s -> {
            Map<UUID, List<Booking>> byEnvironment = new HashMap<>();
            List<Booking> upcoming = bookings.currentAndNextPerSlot(now);
            upcoming.forEach(b -> byEnvironment
                    .computeIfAbsent(b.environmentId(), id -> new ArrayList<>())
                    .add(b));
            Map<UUID, UserAccount> holders = views.holders(upcoming);
            Map<UUID, Map<Integer, SlotResetSummary>> resetsBySlot = new HashMap<>();
            resets.latest(all.stream().map(EnvironmentSummary::id).toList())
                    .forEach(r -> resetsBySlot
                            .computeIfAbsent(r.environmentId(), id -> new HashMap<>())
                            .put(r.slot(), r));
            List<BoardEntry> entries = new ArrayList<>();
            for (EnvironmentSummary e : all) {
                List<Booking> ofEnvironment = byEnvironment.getOrDefault(e.id(), List.of());
                List<BoardEntry.Slot> slots = new ArrayList<>();
                for (int slot = 1; slot <= e.tenantSlots(); slot++) {
                    int n = slot;
                    List<Booking> ofSlot =
                            ofEnvironment.stream().filter(b -> b.slotNo() == n).toList();
                    Booking current = ofSlot.stream()
                            .filter(b -> !b.startsAt().isAfter(now))
                            .findFirst()
                            .orElse(null);
                    Booking next = ofSlot.stream()
                            .filter(b -> b.startsAt().isAfter(now))
                            .findFirst()
                            .orElse(null);
                    slots.add(new BoardEntry.Slot(
                            n,
                            current == null ? null : BookingSummaries.view(current, e, now, holders),
                            next == null ? null : BookingSummaries.view(next, e, now, holders),
                            resetsBySlot.getOrDefault(e.id(), Map.of()).get(n)));
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
            Map<UUID, UserAccount> holders = views.holders(held);
            Map<UUID, List<CurrentHolders.Holding>> byEnvironment = new HashMap<>();
            for (Booking b : held) {
                UserAccount holder = holders.get(b.holderId());
                byEnvironment
                        .computeIfAbsent(b.environmentId(), id -> new ArrayList<>())
                        .add(new CurrentHolders.Holding(
                                b.slotNo(),
                                b.id(),
                                holder == null ? "unknown user" : holder.displayName(),
                                holder == null ? null : holder.email(),
                                b.startsAt(),
                                b.endsAt(),
                                b.purpose()));
            }
            return byEnvironment;
        });
    }
}
