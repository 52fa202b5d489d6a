package dev.demoportal.base.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lengths as people type them ("3d", "2h 30m", "45 min") and as the portal writes them back. */
class DurationFieldTest {

    @Test
    void readsDaysHoursAndMinutesInShortOrLongWords() {
        assertThat(DurationField.parse("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(DurationField.parse("2h 30m")).isEqualTo(Duration.ofMinutes(150));
        assertThat(DurationField.parse("2h30m")).isEqualTo(Duration.ofMinutes(150));
        assertThat(DurationField.parse(" 1d 12h ")).isEqualTo(Duration.ofHours(36));
        assertThat(DurationField.parse("45 min")).isEqualTo(Duration.ofMinutes(45));
        assertThat(DurationField.parse("1 day 2 hours 5 minutes")).isEqualTo(Duration.ofMinutes(1565));
        assertThat(DurationField.parse("90M")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void writesTheLargestUnitsFirstAndLeavesOutZeros() {
        assertThat(DurationField.format(Duration.ofMinutes(4320))).isEqualTo("3d");
        assertThat(DurationField.format(Duration.ofMinutes(150))).isEqualTo("2h 30m");
        assertThat(DurationField.format(Duration.ofMinutes(30))).isEqualTo("30m");
        assertThat(DurationField.format(Duration.ofMinutes(1565))).isEqualTo("1d 2h 5m");
        assertThat(DurationField.format(Duration.ZERO)).isEqualTo("0m");
        for (String text : new String[] {"3d", "2h 30m", "1d 2h 5m", "15m"}) {
            assertThat(DurationField.format(DurationField.parse(text))).isEqualTo(text);
        }
    }

    @Test
    void refusesWhatItCannotReadWithAMessageThatShowsHow() {
        assertThatThrownBy(() -> DurationField.parse("4320")).hasMessage("Give a unit: e.g. 45m, 2h 30m or 3d");
        assertThatThrownBy(() -> DurationField.parse("")).hasMessage("Enter a length, e.g. 45m, 2h 30m or 3d");
        assertThatThrownBy(() -> DurationField.parse("3 weeks"))
                .hasMessageContaining("weeks")
                .hasMessageContaining("d, h or m");
        assertThatThrownBy(() -> DurationField.parse("2h 3h")).hasMessage("Hours are given twice");
        assertThatThrownBy(() -> DurationField.parse("1.5h")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> DurationField.parse("99999999999d")).hasMessage("That is too long");
    }
}
