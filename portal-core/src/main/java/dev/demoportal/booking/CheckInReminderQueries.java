package dev.demoportal.booking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Marks reservations that started without a check-in as reminded, once each. */
@Component
class CheckInReminderQueries {

    /** A reservation whose holder is now told to check in. */
    record Due(UUID id, UUID holderId, UUID environmentId, int slot, Instant start, Instant end, String purpose) {}

    private final JdbcClient jdbc;

    CheckInReminderQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the reservations that started in {@code (since, now]} and are neither checked in nor
     * reminded: each is returned to exactly one caller, whatever runs at the same time.
     */
    List<Due> claimDue(Instant since, Instant now) {
        return jdbc.sql("""
                        update booking set check_in_reminded_at = :now
                        where id in (select id from booking
                                     where status = 'BOOKED' and checked_in_at is null
                                       and check_in_reminded_at is null
                                       and starts_at <= :now and starts_at > :since and ends_at > :now
                                     for update skip locked)
                        returning id, holder_id, environment_id, slot_no, starts_at, ends_at, purpose""")
                .param("now", Timestamp.from(now))
                .param("since", Timestamp.from(since))
                .query((rs, i) -> new Due(
                        rs.getObject("id", UUID.class),
                        rs.getObject("holder_id", UUID.class),
                        rs.getObject("environment_id", UUID.class),
                        rs.getInt("slot_no"),
                        rs.getTimestamp("starts_at").toInstant(),
                        rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("purpose")))
                .list();
    }
}
