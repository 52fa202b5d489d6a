-- Booking rules per shared environment, editable by admins.
ALTER TABLE shared_environment
    ADD COLUMN min_booking_minutes    integer NOT NULL DEFAULT 30   CHECK (min_booking_minutes BETWEEN 5 AND 1440),
    ADD COLUMN max_booking_minutes    integer NOT NULL DEFAULT 4320 CHECK (max_booking_minutes BETWEEN 15 AND 43200),
    ADD COLUMN booking_horizon_days   integer NOT NULL DEFAULT 60   CHECK (booking_horizon_days BETWEEN 1 AND 365),
    ADD COLUMN check_in_grace_minutes integer NOT NULL DEFAULT 30   CHECK (check_in_grace_minutes BETWEEN 5 AND 240),
    ADD CONSTRAINT booking_minimum_below_maximum CHECK (min_booking_minutes <= max_booking_minutes);

-- No bookings inside a maintenance window.
CREATE TABLE maintenance_window (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    environment_id uuid NOT NULL REFERENCES shared_environment (id) ON DELETE CASCADE,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL CHECK (ends_at > starts_at),
    period         tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
    reason         text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 200),
    created_at     timestamptz NOT NULL,
    EXCLUDE USING gist (environment_id WITH =, period WITH &&)
);

-- A booking holds one tenant slot of one environment for a period.
-- Stored lifecycle: BOOKED (reserved before its start, active during it, expired after it: derived
-- from the clock, never stored), or ended early: RELEASED, CANCELLED (before its start), NO_SHOW.
CREATE TABLE booking (
    id             uuid PRIMARY KEY,
    environment_id uuid NOT NULL REFERENCES shared_environment (id),
    slot_no        integer NOT NULL CHECK (slot_no BETWEEN 1 AND 64),
    holder_id      uuid NOT NULL REFERENCES portal_user (id),
    -- the time the slot is (or was) held: [starts_at, ends_at). Release and no-show cut it short;
    -- booked_until keeps the end that was booked.
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL CHECK (ends_at > starts_at),
    period         tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
    booked_until   timestamptz NOT NULL CHECK (booked_until >= ends_at),
    status         text NOT NULL CHECK (status IN ('BOOKED', 'RELEASED', 'CANCELLED', 'NO_SHOW')),
    purpose        text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 1 AND 200),
    customer       text CHECK (customer IS NULL OR length(btrim(customer)) BETWEEN 1 AND 120),
    checked_in_at  timestamptz,
    ended_reason   text,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint NOT NULL DEFAULT 0,
    -- No double booking, ever: two held bookings of one slot never overlap.
    CONSTRAINT booking_no_overlap EXCLUDE USING gist (environment_id WITH =, slot_no WITH =, period WITH &&)
        WHERE (status = 'BOOKED')
);
CREATE INDEX booking_environment_period_idx ON booking USING gist (environment_id, period) WHERE status = 'BOOKED';
CREATE INDEX booking_holder_idx ON booking (holder_id, booked_until DESC);
CREATE INDEX booking_unchecked_idx ON booking (starts_at) WHERE status = 'BOOKED' AND checked_in_at IS NULL;

-- Waitlist: when an environment is full, people queue for a window; the first in line whose
-- window still fits gets a freed slot automatically.
CREATE TABLE waitlist_entry (
    id             uuid PRIMARY KEY,
    environment_id uuid NOT NULL REFERENCES shared_environment (id),
    user_id        uuid NOT NULL REFERENCES portal_user (id),
    window_start   timestamptz NOT NULL,
    window_end     timestamptz NOT NULL CHECK (window_end > window_start),
    minutes        integer NOT NULL CHECK (minutes BETWEEN 5 AND 43200),
    purpose        text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 1 AND 200),
    status         text NOT NULL CHECK (status IN ('WAITING', 'GRANTED', 'LEFT', 'LAPSED')),
    booking_id     uuid REFERENCES booking (id),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK (status <> 'GRANTED' OR booking_id IS NOT NULL)
);
CREATE INDEX waitlist_queue_idx ON waitlist_entry (environment_id, created_at) WHERE status = 'WAITING';
CREATE UNIQUE INDEX waitlist_one_entry_per_user_idx ON waitlist_entry (environment_id, user_id) WHERE status = 'WAITING';

-- What a person is told in the portal (a waitlist hand-off, a force-release, a no-show).
CREATE TABLE notification (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES portal_user (id),
    message    text NOT NULL,
    link       text,
    created_at timestamptz NOT NULL,
    read_at    timestamptz
);
CREATE INDEX notification_unread_idx ON notification (user_id, created_at DESC) WHERE read_at IS NULL;
