package dev.demoportal.booking.api;

import dev.demoportal.booking.BookingSummary;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A booking as the API shows it; field names are part of the stable API. */
public record BookingJson(UUID id, String environment, int slot, HolderJson holder, Instant start, Instant end,
        String status, String purpose, @Nullable String customer, boolean checkedIn) {

    /** Who holds a booking. */
    public record HolderJson(String name, @Nullable String email) {}

    public static BookingJson of(BookingSummary b) {
        return new BookingJson(b.id(), b.environmentSlug(), b.slot(), new HolderJson(b.holder().name(),
                b.holder().email()), b.start(), b.end(), b.status().name(), b.purpose(), b.customer(), b.checkedIn());
    }
}
