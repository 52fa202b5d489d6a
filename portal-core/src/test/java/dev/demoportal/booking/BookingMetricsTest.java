package dev.demoportal.booking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.base.Actor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class BookingMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BookingMetrics metrics = new BookingMetrics(
            new StaticListableBeanFactory(Map.of("registry", registry)).getBeanProvider(MeterRegistry.class));

    @Test
    void everyActionStartsAtZeroSoDashboardsHaveASeries() {
        assertThat(registry.find(BookingMetrics.NAME).counters())
                .extracting(c -> c.getId().getTag("action"))
                .containsExactlyInAnyOrder(
                        "booked", "claimed", "released", "extended", "cancelled", "no_show", "checked_in");
        assertThat(count("booked")).isZero();
    }

    @Test
    void countsEachChangeUnderItsAction() {
        BookingSummary booking = booking();
        Actor alice = new Actor(booking.holder().id(), "Alice");

        metrics.on(new BookingEvents.SlotBooked(alice, booking, false, null));
        metrics.on(new BookingEvents.SlotBooked(alice, booking, true, null));
        metrics.on(new BookingEvents.SlotBooked(alice, booking, true, null));
        metrics.on(new BookingEvents.BookingReleased(alice, booking, null, false));
        metrics.on(new BookingEvents.BookingReleased(Actor.system("admin"), booking, "stuck", true));
        metrics.on(
                new BookingEvents.BookingExtended(alice, booking, booking.end().minusSeconds(600)));
        metrics.on(new BookingEvents.BookingCancelled(alice, booking));
        metrics.on(new BookingEvents.BookingMarkedNoShow(Actor.system("no-show"), booking));
        metrics.on(new BookingEvents.BookingCheckedIn(alice, booking));

        assertThat(count("booked")).isEqualTo(1);
        assertThat(count("claimed")).isEqualTo(2);
        assertThat(count("released")).isEqualTo(2);
        assertThat(count("extended")).isEqualTo(1);
        assertThat(count("cancelled")).isEqualTo(1);
        assertThat(count("no_show")).isEqualTo(1);
        assertThat(count("checked_in")).isEqualTo(1);
    }

    @Test
    void worksWithoutARegistry() {
        BookingMetrics unregistered =
                new BookingMetrics(new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));

        unregistered.on(new BookingEvents.BookingCancelled(Actor.SYSTEM, booking()));

        assertThat(count("cancelled")).isZero();
    }

    private double count(String action) {
        return registry.get(BookingMetrics.NAME).tag("action", action).counter().count();
    }

    private static BookingSummary booking() {
        Instant start = Instant.parse("2026-12-01T09:00:00Z");
        return new BookingSummary(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "emea-1",
                "EMEA 1",
                1,
                new Holder(UUID.randomUUID(), "Alice Field", "alice@example.com"),
                start,
                start.plusSeconds(3600),
                BookingStatus.values()[0],
                "demo",
                null,
                null,
                0);
    }
}
