package dev.demoportal.booking.api;

import dev.demoportal.booking.AccessSummary;
import dev.demoportal.booking.BookingSummary;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A booking as the API shows it; field names are part of the stable API. */
public record BookingJson(
        UUID id,
        String environment,
        int slot,
        HolderJson holder,
        Instant start,
        Instant end,
        String status,
        String purpose,
        @Nullable String customer,
        boolean checkedIn,
        @Nullable AccessJson access) {

    /**
     * The holding's access lease: {@code status} PENDING, ACTIVE, FAILED or REVOKED. Null when the
     * environment grants no access, or the holding has not started (or not been seen by the worker).
     */
    public record AccessJson(
            String status,
            @Nullable Instant grantedAt,
            Instant revokeDueAt,
            @Nullable Instant revokedAt) {

        static @Nullable AccessJson of(@Nullable AccessSummary a) {
            return a == null ? null : new AccessJson(a.status().name(), a.grantedAt(), a.revokeDueAt(), a.revokedAt());
        }
    }

    /** Who holds a booking. */
    public record HolderJson(String name, @Nullable String email) {}

    public static BookingJson of(BookingSummary b) {
        return of(b, null);
    }

    public static BookingJson of(BookingSummary b, @Nullable AccessSummary access) {
        return new BookingJson(
                b.id(),
                b.environmentSlug(),
                b.slot(),
                new HolderJson(b.holder().name(), b.holder().email()),
                b.start(),
                b.end(),
                b.status().name(),
                b.purpose(),
                b.customer(),
                b.checkedIn(),
                AccessJson.of(access));
    }
}
