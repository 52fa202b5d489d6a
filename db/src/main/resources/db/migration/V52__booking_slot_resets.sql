-- Verified hand-off: an environment may declare a reset plan, steps the worker runs on a tenant
-- slot after a holding ends. Until the slot's reset succeeded, nobody new gets the slot.

-- The plan: {"steps": [{"kind": "KUBERNETES_JOB"|"PIPELINE", "name": ..., ...}, ...]}. NULL: no resets.
ALTER TABLE shared_environment
    ADD COLUMN reset_plan jsonb
        CHECK (reset_plan IS NULL OR (jsonb_typeof(reset_plan -> 'steps') = 'array'
               AND jsonb_array_length(reset_plan -> 'steps') BETWEEN 1 AND 10));

-- One reset of one slot after one holding (booking_id). PENDING and RUNNING: the slot is resetting;
-- FAILED: the slot is out of service until an admin returns it (RETURNED); SUCCEEDED: clean since
-- finished_at. A worker claims a PENDING reset (FOR UPDATE SKIP LOCKED); a claim a dead worker
-- left (claimed_until passed) is taken over.
CREATE TABLE slot_reset (
    id             uuid PRIMARY KEY,
    environment_id uuid NOT NULL REFERENCES shared_environment (id) ON DELETE CASCADE,
    slot_no        integer NOT NULL CHECK (slot_no BETWEEN 1 AND 64),
    booking_id     uuid REFERENCES booking (id),
    status         text NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'RETURNED')),
    plan           jsonb NOT NULL,
    requested_at   timestamptz NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz,
    claimed_until  timestamptz,
    attempts       integer NOT NULL DEFAULT 0,
    step_reached   integer NOT NULL DEFAULT 0,
    error          text CHECK (error IS NULL OR length(error) <= 1000),
    returned_at    timestamptz,
    returned_by    uuid REFERENCES portal_user (id),
    return_note    text CHECK (return_note IS NULL OR length(btrim(return_note)) BETWEEN 1 AND 200),
    CHECK (status NOT IN ('SUCCEEDED', 'FAILED', 'RETURNED') OR finished_at IS NOT NULL),
    CHECK (status <> 'FAILED' OR error IS NOT NULL),
    CHECK (status <> 'RETURNED' OR returned_at IS NOT NULL)
);
-- At most one open reset (resetting or out of service) per slot.
CREATE UNIQUE INDEX slot_reset_one_open_idx ON slot_reset (environment_id, slot_no)
    WHERE status IN ('PENDING', 'RUNNING', 'FAILED');
CREATE UNIQUE INDEX slot_reset_per_holding_idx ON slot_reset (booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX slot_reset_latest_idx ON slot_reset (environment_id, slot_no, requested_at DESC);
CREATE INDEX slot_reset_due_idx ON slot_reset (requested_at) WHERE status IN ('PENDING', 'RUNNING');

-- Whether a slot may be handed to someone new: no reset of it is pending, running or failed.
CREATE FUNCTION slot_ready(environment uuid, slot integer) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (SELECT 1 FROM slot_reset r
                       WHERE r.environment_id = environment AND r.slot_no = slot
                         AND r.status IN ('PENDING', 'RUNNING', 'FAILED'))
$$;

-- The database refuses a new holding of a slot that is resetting or out of service, whatever
-- code inserts it (booking, claim, waitlist grant). Bookings that ended before the reset was
-- asked for (history) pass; changes to existing bookings (an extension) are not new holdings.
CREATE FUNCTION booking_slot_ready_check() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    open_since timestamptz;
BEGIN
    SELECT r.requested_at INTO open_since FROM slot_reset r
     WHERE r.environment_id = NEW.environment_id AND r.slot_no = NEW.slot_no
       AND r.status IN ('PENDING', 'RUNNING', 'FAILED');
    IF FOUND AND NEW.ends_at > open_since THEN
        RAISE EXCEPTION 'slot_not_ready: slot % of environment % is resetting or out of service',
            NEW.slot_no, NEW.environment_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'slot_not_ready';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER booking_slot_ready
    BEFORE INSERT OR UPDATE OF environment_id, slot_no ON booking
    FOR EACH ROW WHEN (NEW.status = 'BOOKED')
    EXECUTE FUNCTION booking_slot_ready_check();
