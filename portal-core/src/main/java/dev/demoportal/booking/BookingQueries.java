package dev.demoportal.booking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The booking's short way in two statements (see {@link SlotAllocator#take}): pick the lowest free
 * slot, then insert into it, guarded by every check the database can make in the insert itself.
 */
@Component
class BookingQueries {

    private final JdbcClient jdbc;

    BookingQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The environment's version and status as stored now, the lowest-numbered slot (only {@code
     * wanted}, if given) of it with no held booking overlapping {@code [start, end)} and no open
     * reset (pending, running or failed; V52), or null if none is, and the holder as the board shows
     * them (name null: no such user). Empty if there is no such environment.
     */
    Optional<Free> lowestFreeSlot(
            UUID environmentId, @Nullable Integer wanted, Instant start, Instant end, UUID holder) {
        return jdbc.sql("""
                        select e.version, e.status = 'AVAILABLE' as available,
                               (select g.slot_no from generate_series(1, e.tenant_slots) as g(slot_no)
                                where (cast(:wanted as integer) is null or g.slot_no = cast(:wanted as integer))
                                  and not exists (select 1 from booking b
                                                  where b.environment_id = e.id and b.slot_no = g.slot_no
                                                    and b.status = 'BOOKED'
                                                    and b.period && tstzrange(:start, :end, '[)'))
                                  and not exists (select 1 from slot_reset r
                                                  where r.environment_id = e.id and r.slot_no = g.slot_no
                                                    and r.status in ('PENDING', 'RUNNING', 'FAILED'))
                                order by g.slot_no
                                limit 1) as slot_no,
                               u.display_name, u.email
                        from shared_environment e
                        left join portal_user u on u.id = :holder
                        where e.id = :environment""")
                .param("environment", environmentId)
                .param("wanted", wanted)
                .param("start", timestamp(start))
                .param("end", timestamp(end))
                .param("holder", holder)
                .query((rs, n) -> new Free(
                        rs.getLong("version"),
                        rs.getBoolean("available"),
                        rs.getObject("slot_no", Integer.class),
                        rs.getString("display_name"),
                        rs.getString("email")))
                .optional();
    }

    /** What {@link #lowestFreeSlot} found. */
    record Free(
            long environmentVersion,
            boolean available,
            @Nullable Integer slot,
            @Nullable String holderName,
            @Nullable String holderEmail) {}

    /**
     * Inserts {@code booking} and tells the boards ({@code NOTIFY} on {@code channel}, delivered at
     * commit), unless, at the moment of the insert, the environment is no longer available at {@code
     * environmentVersion} (the version the caller checked the booking rules against: a change of
     * rules, slots or status on any replica bumps it) or a maintenance window overlaps the booking.
     * Whether it inserted. Another booking of the slot overlapping it is refused by the exclusion
     * constraint {@code booking_no_overlap}, a slot being reset by the {@code slot_not_ready}
     * trigger, as for any insert.
     */
    boolean insertIfStillAllowed(Booking booking, long environmentVersion, String channel) {
        return jdbc.sql("""
                        insert into booking (id, environment_id, slot_no, holder_id, starts_at, ends_at,
                                             booked_until, status, purpose, customer, checked_in_at,
                                             created_at, updated_at, version)
                        select :id, :environment, :slot, :holder, :start, :end, :end, 'BOOKED',
                               :purpose, :customer, :checkedIn, :now, :now, 0
                        where exists (select 1 from shared_environment e
                                      where e.id = :environment and e.version = :version
                                        and e.status = 'AVAILABLE')
                          and not exists (select 1 from maintenance_window w
                                          where w.environment_id = :environment
                                            and w.starts_at < :end and w.ends_at > :start)
                        returning pg_notify(:channel, :environmentText)""")
                .param("id", booking.id())
                .param("environment", booking.environmentId())
                .param("environmentText", booking.environmentId().toString())
                .param("slot", booking.slotNo())
                .param("version", environmentVersion)
                .param("holder", booking.holderId())
                .param("start", timestamp(booking.startsAt()))
                .param("end", timestamp(booking.endsAt()))
                .param("purpose", booking.purpose())
                .param("customer", booking.customer())
                .param("checkedIn", timestamp(booking.checkedInAt()))
                .param("now", timestamp(booking.createdAt()))
                .param("channel", channel)
                .query((rs, n) -> true)
                .optional()
                .isPresent();
    }

    /** As timestamptz: the driver then sends the instant with its offset, whatever the JVM's zone. */
    private static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
