package dev.demoportal.booking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.environment.MaintenanceWindowSummary;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;

/** How {@link SlotAllocator} picks a slot and the next free start, without a database. */
class SlotAllocatorTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final UUID ENVIRONMENT = UUID.randomUUID();
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant HORIZON = NOW.plus(Duration.ofDays(14));

    private static Booking held(int slot, Instant start, Instant end) {
        return new Booking(ENVIRONMENT, slot, UUID.randomUUID(), start, end, "Demo", null, false, NOW);
    }

    private static MaintenanceWindowSummary maintenance(Instant start, Instant end) {
        return new MaintenanceWindowSummary(UUID.randomUUID(), ENVIRONMENT, start, end, "Upgrade");
    }

    @Test
    void theLowestFreeSlotWins() {
        assertThat(SlotAllocator.firstFreeSlot(3, List.of(), Set.of())).isEqualTo(1);
        assertThat(SlotAllocator.firstFreeSlot(3, List.of(held(1, NOW, NOW.plus(HOUR))), Set.of()))
                .isEqualTo(2);
        assertThat(SlotAllocator.firstFreeSlot(3, List.of(held(2, NOW, NOW.plus(HOUR))), Set.of()))
                .isEqualTo(1);
    }

    @Test
    void slotsLostInARaceAreSkipped() {
        assertThat(SlotAllocator.firstFreeSlot(3, List.of(held(1, NOW, NOW.plus(HOUR))), Set.of(2)))
                .isEqualTo(3);
        assertThat(SlotAllocator.firstFreeSlot(2, List.of(held(1, NOW, NOW.plus(HOUR))), Set.of(2)))
                .isNull();
    }

    @Test
    void aFullEnvironmentHasNoFreeSlot() {
        List<Booking> held = List.of(held(1, NOW, NOW.plus(HOUR)), held(2, NOW, NOW.plus(HOUR)));
        assertThat(SlotAllocator.firstFreeSlot(2, held, Set.of())).isNull();
        assertThat(SlotAllocator.free(1, held)).isFalse();
        assertThat(SlotAllocator.free(3, held)).isTrue();
    }

    @Test
    void theNextFreeStartIsNowWhenASlotIsFree() {
        List<Booking> held = List.of(held(1, NOW, NOW.plus(HOUR)));
        assertThat(SlotAllocator.earliestStart(2, held, List.of(), NOW, HOUR, HORIZON))
                .isEqualTo(NOW);
    }

    @Test
    void theNextFreeStartIsTheEarliestEndOfWhatHoldsEverySlot() {
        List<Booking> held = List.of(
                held(1, NOW, NOW.plus(Duration.ofHours(3))),
                held(2, NOW, NOW.plus(Duration.ofHours(2))),
                // slot 2 is taken again from 3h: a one-hour booking fits from 2h
                held(2, NOW.plus(Duration.ofHours(3)), NOW.plus(Duration.ofHours(4))));
        assertThat(SlotAllocator.earliestStart(2, held, List.of(), NOW, HOUR, HORIZON))
                .isEqualTo(NOW.plus(Duration.ofHours(2)));
        // two hours fit in neither gap: from 3h on slot 1
        assertThat(SlotAllocator.earliestStart(2, held, List.of(), NOW, Duration.ofHours(2), HORIZON))
                .isEqualTo(NOW.plus(Duration.ofHours(3)));
    }

    @Test
    void maintenancePushesTheNextFreeStartToItsEnd() {
        Instant end = NOW.plus(Duration.ofMinutes(150));
        assertThat(SlotAllocator.earliestStart(
                        1, List.of(), List.of(maintenance(NOW.plus(HOUR.dividedBy(2)), end)), NOW, HOUR, HORIZON))
                .isEqualTo(end);
    }

    @Test
    void nothingFreeWithinTheHorizonIsNoAnswer() {
        List<Booking> held = List.of(held(1, NOW, HORIZON.plus(HOUR)));
        assertThat(SlotAllocator.earliestStart(1, held, List.of(), NOW, HOUR, HORIZON))
                .isNull();
    }

    @Test
    void theExclusionConstraintOrADeadlockMeansTheRaceWasLost() {
        assertThat(SlotAllocator.lostRace(new DataIntegrityViolationException(
                        "insert",
                        new SQLException(
                                "conflicting key value violates exclusion constraint \"booking_no_overlap\"",
                                "23P01"))))
                .isTrue();
        assertThat(SlotAllocator.lostRace(new PessimisticLockingFailureException(
                        "insert", new SQLException("deadlock detected", "40P01"))))
                .isTrue();
        assertThat(SlotAllocator.lostRace(new DataIntegrityViolationException(
                        "insert", new SQLException("null value in column \"purpose\"", "23502"))))
                .isFalse();
    }
}
