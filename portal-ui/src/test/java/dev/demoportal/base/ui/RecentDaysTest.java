package dev.demoportal.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.datepicker.DatePicker;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The default range follows the viewer's today once their zone is known, unless they changed it. */
class RecentDaysTest {

    /** 22:10 in UTC (the server) is already 00:10 of the next day in Helsinki (the viewer). */
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T22:10:00Z"), ZoneOffset.UTC);

    private final ZoneId helsinki = ZoneId.of("Europe/Helsinki");

    @Test
    void anUntouchedRangeMovesToTheViewersToday() {
        DatePicker from = new DatePicker();
        DatePicker to = new DatePicker();
        RecentDays days = new RecentDays(from, to, 7, clock, ZoneOffset.UTC);
        assertThat(to.getValue()).isEqualTo(LocalDate.parse("2026-12-06"));

        days.viewerZone(helsinki);

        assertThat(to.getValue()).isEqualTo(LocalDate.parse("2026-12-07"));
        assertThat(from.getValue()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(days.today()).isEqualTo(LocalDate.parse("2026-12-07"));
    }

    @Test
    void aRangeTheViewerChoseStays() {
        DatePicker from = new DatePicker();
        DatePicker to = new DatePicker();
        RecentDays days = new RecentDays(from, to, 7, clock, ZoneOffset.UTC);
        from.setValue(LocalDate.parse("2026-11-01"));

        days.viewerZone(helsinki);

        assertThat(from.getValue()).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(to.getValue()).isEqualTo(LocalDate.parse("2026-12-06"));
    }

    @Test
    void aViewerWestOfTheServerMovesBackADay() {
        Clock earlyUtc = Clock.fixed(Instant.parse("2026-12-07T02:00:00Z"), ZoneOffset.UTC);
        DatePicker from = new DatePicker();
        DatePicker to = new DatePicker();
        RecentDays days = new RecentDays(from, to, 30, earlyUtc, ZoneOffset.UTC);

        days.viewerZone(ZoneId.of("America/New_York"));

        assertThat(to.getValue()).isEqualTo(LocalDate.parse("2026-12-06"));
        assertThat(from.getValue()).isEqualTo(LocalDate.parse("2026-11-07"));
    }
}
