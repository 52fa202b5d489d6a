package dev.demoportal.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotResetStatusTest {

    private static final Map<SlotResetStatus, Set<SlotResetStatus>> ALLOWED = Map.of(
            SlotResetStatus.PENDING, EnumSet.of(SlotResetStatus.RUNNING),
            SlotResetStatus.RUNNING,
                    EnumSet.of(SlotResetStatus.RUNNING, SlotResetStatus.SUCCEEDED, SlotResetStatus.FAILED),
            SlotResetStatus.FAILED, EnumSet.of(SlotResetStatus.RETURNED),
            SlotResetStatus.SUCCEEDED, EnumSet.noneOf(SlotResetStatus.class),
            SlotResetStatus.RETURNED, EnumSet.noneOf(SlotResetStatus.class));

    @Test
    void everyPairIsAllowedOrRefusedAsTheTableSays() {
        for (SlotResetStatus from : SlotResetStatus.values()) {
            for (SlotResetStatus to : SlotResetStatus.values()) {
                assertThat(from.canMoveTo(to))
                        .as(from + " -> " + to)
                        .isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void resettingAndOutOfServiceKeepNewHoldersOff() {
        assertThat(EnumSet.allOf(SlotResetStatus.class))
                .filteredOn(SlotResetStatus::blocksSlot)
                .containsExactlyInAnyOrder(SlotResetStatus.PENDING, SlotResetStatus.RUNNING, SlotResetStatus.FAILED);
    }
}
