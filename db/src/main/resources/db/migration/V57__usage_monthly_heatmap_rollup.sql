-- Usage: a monthly roll-up of the weekday x hour heatmap on top of the daily roll-up, and a rewind
-- of the roll-up when a booking that touches a rolled-up day changes (see ADR 0039).

-- One row per environment and calendar month (the region's local days) whose days are all in
-- usage_environment_day: booked and available slot-seconds per weekday x local hour, index
-- (ISO weekday - 1) * 24 + hour + 1. Available seconds are slots x the real length of each local
-- hour (0 for a skipped hour, 7200 for a repeated one), like the dashboards' live heatmap.
CREATE TABLE usage_environment_month (
    environment_id uuid NOT NULL REFERENCES shared_environment (id) ON DELETE CASCADE,
    month          date NOT NULL CHECK (extract(day FROM month) = 1),
    days           integer NOT NULL,
    -- integer: at most 64 slots x 7,200 s x 5 weekdays of a kind in a month; and 2 x 672 bytes keep
    -- the row inline (a TOASTed array is decompressed again for every subscript)
    heat_booked    integer[] NOT NULL CHECK (cardinality(heat_booked) = 168),
    heat_available integer[] NOT NULL CHECK (cardinality(heat_available) = 168),
    PRIMARY KEY (environment_id, month)
);

-- The month rows of one environment from the day rows of p_from_month .. p_last (both included),
-- for the months that end on or before p_last. Returns the number of months written.
CREATE FUNCTION usage_refresh_months(p_env uuid, p_from_month date, p_last date) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    n integer;
BEGIN
    INSERT INTO usage_environment_month (environment_id, month, days, heat_booked, heat_available)
    WITH zone AS (
        SELECT r.time_zone
        FROM shared_environment e JOIN region r ON r.code = e.region_code
        WHERE e.id = p_env
    ), d AS (
        SELECT u.day, u.slots, u.hour_seconds, date_trunc('month', u.day)::date AS month,
               u.day::timestamp AT TIME ZONE zone.time_zone AS day_start,
               (u.day + 1)::timestamp AT TIME ZONE zone.time_zone AS day_end, zone.time_zone
        FROM usage_environment_day u, zone
        WHERE u.environment_id = p_env
          AND u.day >= p_from_month
          AND u.day < date_trunc('month', p_last + 1)::date
    ), booked AS (
        SELECT d.month, (extract(isodow FROM d.day)::integer - 1) * 24 + h.i::integer AS cell, sum(h.s) AS seconds
        FROM d CROSS JOIN LATERAL unnest(d.hour_seconds) WITH ORDINALITY AS h(s, i)
        GROUP BY 1, 2
    ), available AS (
        -- every local hour in absolute time from the day's start, as UsageService.hourLengths does
        SELECT d.month, (extract(isodow FROM d.day)::integer - 1) * 24
                            + extract(hour FROM t AT TIME ZONE d.time_zone)::integer + 1 AS cell,
               sum(d.slots * extract(epoch FROM least(t + interval '1 hour', d.day_end) - t)) AS seconds
        FROM d CROSS JOIN LATERAL generate_series(d.day_start, d.day_end - interval '1 microsecond',
                                                  interval '1 hour') AS t
        GROUP BY 1, 2
    ), months AS (
        SELECT d.month, count(*) AS days FROM d GROUP BY 1
    )
    SELECT p_env, m.month, m.days,
           array_agg(coalesce(b.seconds, 0)::integer ORDER BY c.cell),
           array_agg(coalesce(a.seconds, 0)::integer ORDER BY c.cell)
    FROM months m
    CROSS JOIN generate_series(1, 168) AS c(cell)
    LEFT JOIN booked b ON b.month = m.month AND b.cell = c.cell
    LEFT JOIN available a ON a.month = m.month AND a.cell = c.cell
    GROUP BY m.month, m.days
    ON CONFLICT (environment_id, month) DO UPDATE SET
        days = excluded.days, heat_booked = excluded.heat_booked, heat_available = excluded.heat_available;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$$;
ALTER FUNCTION usage_refresh_months(uuid, date, date) SET jit = off;

-- usage_refresh as in V30, plus: after an environment's days are written, the months they complete
-- (and the month they continue) are rebuilt from the day rows. The watermark only moves forward
-- from the value this run read: if a rewind (below) lowered it meanwhile, the rewind wins and the
-- next run writes those days again.
CREATE OR REPLACE FUNCTION usage_refresh(p_now timestamptz, p_max_days integer) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    env     record;
    first   date;
    last    date;
    written integer := 0;
    n       integer;
BEGIN
    FOR env IN
        SELECT e.id, (e.created_at AT TIME ZONE r.time_zone)::date AS since,
               (p_now AT TIME ZONE r.time_zone)::date - 1 AS closed, w.rolled_up_until
        FROM shared_environment e
        JOIN region r ON r.code = e.region_code
        LEFT JOIN usage_rollup_watermark w ON w.environment_id = e.id
        ORDER BY e.id
    LOOP
        first := coalesce(env.rolled_up_until + 1, env.since);
        last := least(env.closed, first + p_max_days - 1);
        IF last < first THEN
            CONTINUE;
        END IF;
        INSERT INTO usage_environment_day
        SELECT * FROM usage_environment_days(ARRAY[env.id], first, last)
        ON CONFLICT (environment_id, day) DO UPDATE SET
            slots = excluded.slots, slot_seconds = excluded.slot_seconds, booked_seconds = excluded.booked_seconds,
            hour_seconds = excluded.hour_seconds, bookings_started = excluded.bookings_started,
            no_shows = excluded.no_shows;
        GET DIAGNOSTICS n = ROW_COUNT;
        written := written + n;
        PERFORM usage_refresh_months(env.id, date_trunc('month', first)::date, last);
        IF env.rolled_up_until IS NULL THEN
            INSERT INTO usage_rollup_watermark (environment_id, rolled_up_until, refreshed_at)
            VALUES (env.id, last, p_now)
            ON CONFLICT (environment_id) DO NOTHING;
        ELSE
            UPDATE usage_rollup_watermark SET rolled_up_until = last, refreshed_at = p_now
            WHERE environment_id = env.id AND rolled_up_until = env.rolled_up_until;
        END IF;
    END LOOP;
    RETURN written;
END;
$$;
ALTER FUNCTION usage_refresh(timestamptz, integer) SET jit = off;

-- A booking change that reaches into rolled-up days (an edit of history, a no-show marked after its
-- day closed, a late import) moves the environment's watermark back to the day before the first
-- local day it touches; the next refresh rewrites those days and their months. Reads never use
-- day or month rows beyond the watermark, so they are right from the moment the change commits.
-- New bookings and releases start at or after now and return before any lookup.
CREATE FUNCTION usage_rollup_rewind() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    env_id  uuid;
    changed timestamptz;
BEGIN
    IF TG_OP = 'INSERT' THEN
        env_id := NEW.environment_id;
        changed := NEW.starts_at;
    ELSIF TG_OP = 'DELETE' THEN
        env_id := OLD.environment_id;
        changed := OLD.starts_at;
    ELSE
        IF NEW.environment_id <> OLD.environment_id OR NEW.starts_at <> OLD.starts_at
                OR NEW.status <> OLD.status THEN
            -- the old environment loses the booking, the new one gains it
            IF NEW.environment_id <> OLD.environment_id THEN
                PERFORM usage_rollup_rewind_to(OLD.environment_id, OLD.starts_at);
            END IF;
            env_id := NEW.environment_id;
            changed := least(OLD.starts_at, NEW.starts_at);
        ELSIF NEW.ends_at <> OLD.ends_at THEN
            env_id := NEW.environment_id;
            changed := least(OLD.ends_at, NEW.ends_at);
        ELSE
            RETURN NULL;
        END IF;
    END IF;
    IF changed < now() THEN
        PERFORM usage_rollup_rewind_to(env_id, changed);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION usage_rollup_rewind_to(p_env uuid, p_changed timestamptz) RETURNS void
    LANGUAGE sql AS
$$
UPDATE usage_rollup_watermark w
SET rolled_up_until = (p_changed AT TIME ZONE r.time_zone)::date - 1
FROM shared_environment e JOIN region r ON r.code = e.region_code
WHERE w.environment_id = p_env AND e.id = p_env
  AND w.rolled_up_until >= (p_changed AT TIME ZONE r.time_zone)::date
$$;

CREATE TRIGGER booking_usage_rollup_rewind
    AFTER INSERT OR DELETE ON booking
    FOR EACH ROW EXECUTE FUNCTION usage_rollup_rewind();
-- updates that leave the counted columns alone (check-in, reminders, version) do not call it
CREATE TRIGGER booking_usage_rollup_rewind_update
    AFTER UPDATE ON booking
    FOR EACH ROW
    WHEN (OLD.environment_id <> NEW.environment_id OR OLD.starts_at <> NEW.starts_at OR OLD.ends_at <> NEW.ends_at
          OR OLD.status <> NEW.status)
    EXECUTE FUNCTION usage_rollup_rewind();

-- Months of what is rolled up already.
SELECT usage_refresh_months(w.environment_id, date '1900-01-01', w.rolled_up_until)
FROM usage_rollup_watermark w;
