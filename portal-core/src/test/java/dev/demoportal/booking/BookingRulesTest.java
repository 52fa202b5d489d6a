package dev.demoportal.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations in booking rule messages read as people say them. */
class BookingRulesTest {

    @Test
    void durationsReadInTheLargestWholeUnit() {
        assertThat(BookingRules.minutes(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(BookingRules.minutes(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(BookingRules.minutes(Duration.ofHours(2))).isEqualTo("2 hours");
        assertThat(BookingRules.minutes(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(BookingRules.minutes(Duration.ofDays(14))).isEqualTo("14 days");
    }
}
