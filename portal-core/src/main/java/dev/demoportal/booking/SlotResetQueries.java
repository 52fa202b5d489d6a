package dev.demoportal.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of slot resets that Spring Data cannot declare. */
@Component
class SlotResetQueries {

    private final JdbcClient jdbc;

    SlotResetQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Asks for a reset after every holding of an environment with a reset plan that ended by
     * {@code now} (its end time passed, it was released, its holder did not show) and has none yet,
     * unless someone else already holds the slot with access granted. A booking that starts the
     * moment the previous one ends does not stop the reset: its access lease waits for it
     * ({@code AccessLeaseRepository.nextDue}). A slot whose last reset is still open gets no second
     * one. Holdings that ended more than a day ago are history ({@code slot_reset_owed}, V58). Returns the environments of the resets asked for, one per reset.
     */
    List<UUID> requestForEndedHoldings(Instant now, @Nullable UUID onlyBooking) {
        return jdbc.sql("""
                insert into slot_reset (id, environment_id, slot_no, booking_id, status, plan, requested_at)
                select gen_random_uuid(), b.environment_id, b.slot_no, b.id, 'PENDING', e.reset_plan, :now
                from booking b join shared_environment e on e.id = b.environment_id
                where b.id = slot_reset_owed(b.environment_id, b.slot_no, :now)
                  and (cast(:only as uuid) is null or b.id = cast(:only as uuid))
                  and slot_ready(b.environment_id, b.slot_no)
                  and not exists (select 1 from booking o join access_lease l on l.booking_id = o.id
                                  where o.environment_id = b.environment_id
                                  and o.slot_no = b.slot_no and o.status = 'BOOKED' and o.id <> b.id
                                  and o.starts_at <= :now and o.ends_at > :now and l.status = 'ACTIVE')
                on conflict do nothing
                returning environment_id""")
                .param("now", Timestamp.from(now))
                .param("only", onlyBooking)
                .query(UUID.class)
                .list();
    }

    /** The slots of an environment nobody new may get now (resetting or out of service). */
    Set<Integer> blockedSlots(UUID environmentId) {
        return new HashSet<>(
                jdbc.sql("""
                        select slot_no from slot_reset
                        where environment_id = ? and status in ('PENDING', 'RUNNING', 'FAILED')""").param(environmentId).query(Integer.class).list());
    }

    /** The latest reset of every slot of the given environments. */
    List<SlotResetSummary> latest(Collection<UUID> environmentIds) {
        if (environmentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select distinct on (environment_id, slot_no) r.*,
                               jsonb_array_length(r.plan -> 'steps') as steps
                        from slot_reset r
                        where environment_id in (:ids)
                        order by environment_id, slot_no, requested_at desc, id""")
                .param("ids", environmentIds)
                .query(SlotResetQueries::summary)
                .list();
    }

    /** The resets of one slot, newest first. */
    List<SlotResetSummary> history(UUID environmentId, int slot, int limit) {
        return jdbc.sql("""
                        select r.*, jsonb_array_length(r.plan -> 'steps') as steps
                        from slot_reset r
                        where environment_id = ? and slot_no = ?
                        order by requested_at desc, id limit ?""")
                .params(environmentId, slot, limit)
                .query(SlotResetQueries::summary)
                .list();
    }

    private static SlotResetSummary summary(ResultSet rs, int n) throws SQLException {
        return new SlotResetSummary(
                rs.getObject("id", UUID.class),
                rs.getObject("environment_id", UUID.class),
                rs.getInt("slot_no"),
                rs.getObject("booking_id", UUID.class),
                SlotResetStatus.valueOf(rs.getString("status")),
                instant(rs, "requested_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getInt("step_reached"),
                rs.getInt("steps"),
                rs.getString("error"),
                instant(rs, "returned_at"),
                rs.getString("return_note"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
