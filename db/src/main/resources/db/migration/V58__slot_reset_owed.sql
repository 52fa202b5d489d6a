-- The one statement of "the slot's latest ended holding has not had its reset asked for yet",
-- used both where the worker asks for resets (SlotResetQueries.requestForEndedHoldings) and where
-- an access grant waits for one (AccessLeaseRepository.nextDue), so the two cannot drift apart.
--
-- Returns that holding's booking id, or null when none is owed: the environment has no reset plan,
-- no holding of the slot ended in the last day (older ones are history, not work), or the latest
-- one already has its reset.
CREATE FUNCTION slot_reset_owed(environment uuid, slot integer, at timestamptz) RETURNS uuid
    LANGUAGE sql STABLE AS $$
    SELECT b.id
      FROM booking b JOIN shared_environment e ON e.id = b.environment_id
     WHERE e.reset_plan IS NOT NULL
       AND b.environment_id = environment AND b.slot_no = slot
       AND b.status IN ('BOOKED', 'RELEASED', 'NO_SHOW')
       AND b.ends_at <= at AND b.ends_at > at - interval '1 day'
       AND NOT EXISTS (SELECT 1 FROM slot_reset r WHERE r.booking_id = b.id)
       AND b.ends_at = (SELECT max(l.ends_at) FROM booking l
                         WHERE l.environment_id = b.environment_id AND l.slot_no = b.slot_no
                           AND l.status IN ('BOOKED', 'RELEASED', 'NO_SHOW')
                           AND l.ends_at <= at)
     ORDER BY b.id
     LIMIT 1
$$;
