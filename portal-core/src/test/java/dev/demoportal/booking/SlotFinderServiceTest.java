package dev.demoportal.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** How far apart two clocks are, across daylight saving time changes and the date line. */
class SlotFinderServiceTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId DUBLIN = ZoneId.of("Europe/Dublin");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void theGapBetweenClocksFollowsEachZonesDaylightSavingTime() {
        // the US moves its clocks on 2026-03-08, Europe on 2026-03-29, Japan not at all
        Instant winter = Instant.parse("2026-03-06T12:00:00Z");
        Instant between = Instant.parse("2026-03-10T12:00:00Z");
        Instant summer = Instant.parse("2026-03-30T12:00:00Z");
        assertThat(SlotFinderService.distance(NEW_YORK, DUBLIN, winter)).isEqualTo(Duration.ofHours(5));
        assertThat(SlotFinderService.distance(NEW_YORK, DUBLIN, between)).isEqualTo(Duration.ofHours(4));
        assertThat(SlotFinderService.distance(NEW_YORK, DUBLIN, summer)).isEqualTo(Duration.ofHours(5));
        assertThat(SlotFinderService.distance(DUBLIN, TOKYO, winter)).isEqualTo(Duration.ofHours(9));
        assertThat(SlotFinderService.distance(DUBLIN, TOKYO, summer)).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void clocksAreComparedTheShortWayRoundTheGlobe() {
        Instant winter = Instant.parse("2026-01-15T12:00:00Z");
        assertThat(SlotFinderService.distance(TOKYO, NEW_YORK, winter)).isEqualTo(Duration.ofHours(10));
        assertThat(SlotFinderService.distance(ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Pacific/Pago_Pago"), winter))
                .isEqualTo(Duration.ofHours(1));
        assertThat(SlotFinderService.distance(ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"), winter))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(SlotFinderService.distance(TOKYO, TOKYO, winter)).isZero();
    }
}
