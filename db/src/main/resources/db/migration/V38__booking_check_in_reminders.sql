-- Issue 16: the holder is told once, when a reservation starts, that it needs a check-in within the
-- environment's grace period. The reminder's time is kept on the booking so it goes out once,
-- whichever worker runs the sweep.
ALTER TABLE booking ADD COLUMN check_in_reminded_at timestamptz;

CREATE INDEX booking_check_in_due_idx ON booking (starts_at)
    WHERE status = 'BOOKED' AND checked_in_at IS NULL AND check_in_reminded_at IS NULL;
