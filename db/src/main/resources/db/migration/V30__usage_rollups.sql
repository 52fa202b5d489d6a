-- Usage read side: indexes for the dashboards' live queries and a daily rollup of booked time per
-- environment, split by the local hour of the environment's region (see ADR 0030).

-- Bookings that held a slot (everything but cancellations), by environment and period: the
-- utilisation split and "held right now" look them up by overlap.
CREATE INDEX booking_held_period_idx ON booking USING gist (environment_id, period) WHERE status <> 'CANCELLED';
-- Bookings by start time: no-show rate, holder and customer hours, raw exports.
CREATE INDEX booking_starts_idx ON booking (starts_at);
CREATE INDEX waitlist_created_idx ON waitlist_entry (created_at);
CREATE INDEX sandbox_ready_idx ON sandbox (ready_at) WHERE ready_at IS NOT NULL;
CREATE INDEX provisioning_job_failed_idx ON provisioning_job (finished_at DESC) WHERE status = 'FAILED';
CREATE INDEX audit_event_action_idx ON audit_event (action, occurred_at DESC);

-- Booked seconds of every bookable hour between p_lo and p_hi, per environment, labelled with the
-- local day and hour of the environment's region. Hours are stepped in absolute time from a local
-- hour boundary, so a day with a DST change has 23 or 25 of them: the skipped local hour has no
-- row, the repeated one has two (both labelled with the same local hour).
CREATE FUNCTION usage_booking_hours(p_envs uuid[], p_lo timestamptz, p_hi timestamptz)
    RETURNS TABLE (environment_id uuid, local_day date, local_hour integer, seconds numeric)
    LANGUAGE sql STABLE AS
$$
SELECT b.environment_id,
       (h AT TIME ZONE r.time_zone)::date,
       extract(hour FROM h AT TIME ZONE r.time_zone)::integer,
       extract(epoch FROM least(b.ends_at, h + interval '1 hour', p_hi) - greatest(b.starts_at, h, p_lo))
FROM booking b
JOIN shared_environment e ON e.id = b.environment_id
JOIN region r ON r.code = e.region_code
CROSS JOIN LATERAL generate_series(date_trunc('hour', greatest(b.starts_at, p_lo), r.time_zone),
                                   least(b.ends_at, p_hi) - interval '1 microsecond',
                                   interval '1 hour') AS h
WHERE b.environment_id = ANY (p_envs)
  AND b.status <> 'CANCELLED'
  AND b.period && tstzrange(p_lo, p_hi, '[)')
$$;

-- One row per environment and local day (from p_from to p_to, both included, not before the day the
-- environment was created): available slot-seconds (slots x day length, less maintenance), booked
-- seconds in total and per local hour, bookings that started that day and how many were no-shows.
CREATE FUNCTION usage_environment_days(p_envs uuid[], p_from date, p_to date)
    RETURNS TABLE (environment_id uuid, day date, slots integer, slot_seconds bigint, booked_seconds bigint,
                   hour_seconds integer[], bookings_started integer, no_shows integer)
    LANGUAGE sql STABLE AS
$$
WITH env AS (
    SELECT e.id, e.tenant_slots, r.time_zone, (e.created_at AT TIME ZONE r.time_zone)::date AS since
    FROM shared_environment e
    JOIN region r ON r.code = e.region_code
    WHERE e.id = ANY (p_envs)
), days AS (
    SELECT env.id, d::date AS day, env.tenant_slots, env.time_zone,
           d::timestamp AT TIME ZONE env.time_zone AS day_start,
           (d + interval '1 day')::timestamp AT TIME ZONE env.time_zone AS day_end
    FROM env
    CROSS JOIN LATERAL generate_series(greatest(p_from, env.since)::timestamp, p_to::timestamp, interval '1 day') AS d
), hours AS (
    -- a window wider than any time zone's offset; the local-day filter makes it exact
    SELECT h.environment_id, h.local_day, h.local_hour, sum(h.seconds) AS seconds
    FROM usage_booking_hours(p_envs, p_from::timestamp AT TIME ZONE 'UTC' - interval '15 hours',
                             (p_to + 1)::timestamp AT TIME ZONE 'UTC' + interval '15 hours') AS h
    WHERE h.local_day BETWEEN p_from AND p_to
    GROUP BY 1, 2, 3
), per_day AS (
    SELECT d.id, d.day,
           array_agg(coalesce(h.seconds, 0)::integer ORDER BY g.hr) AS hour_seconds,
           sum(coalesce(h.seconds, 0))::bigint AS booked
    FROM days d
    CROSS JOIN generate_series(0, 23) AS g(hr)
    LEFT JOIN hours h ON h.environment_id = d.id AND h.local_day = d.day AND h.local_hour = g.hr
    GROUP BY d.id, d.day
), starts AS (
    SELECT b.environment_id, (b.starts_at AT TIME ZONE env.time_zone)::date AS day,
           count(*)::integer AS started, (count(*) FILTER (WHERE b.status = 'NO_SHOW'))::integer AS no_shows
    FROM booking b
    JOIN env ON env.id = b.environment_id
    WHERE b.status <> 'CANCELLED'
      AND b.starts_at >= p_from::timestamp AT TIME ZONE 'UTC' - interval '15 hours'
      AND b.starts_at < (p_to + 1)::timestamp AT TIME ZONE 'UTC' + interval '15 hours'
    GROUP BY 1, 2
), maintenance AS (
    SELECT d.id, d.day,
           sum(extract(epoch FROM least(m.ends_at, d.day_end) - greatest(m.starts_at, d.day_start))) AS seconds
    FROM days d
    JOIN maintenance_window m ON m.environment_id = d.id AND m.starts_at < d.day_end AND m.ends_at > d.day_start
    GROUP BY d.id, d.day
)
SELECT d.id, d.day, d.tenant_slots,
       (d.tenant_slots * (extract(epoch FROM d.day_end - d.day_start) - coalesce(m.seconds, 0)))::bigint,
       p.booked, p.hour_seconds, coalesce(s.started, 0), coalesce(s.no_shows, 0)
FROM days d
JOIN per_day p ON p.id = d.id AND p.day = d.day
LEFT JOIN starts s ON s.environment_id = d.id AND s.day = d.day
LEFT JOIN maintenance m ON m.id = d.id AND m.day = d.day
$$;

-- The rollup: closed local days only (before today in the region's zone). A closed day does not
-- change afterwards: bookings cannot start in the past, and release, extension and no-shows only
-- move ends that lie at or after the moment they happen.
CREATE TABLE usage_environment_day (
    environment_id   uuid NOT NULL REFERENCES shared_environment (id) ON DELETE CASCADE,
    day              date NOT NULL,
    slots            integer NOT NULL,
    slot_seconds     bigint NOT NULL,
    booked_seconds   bigint NOT NULL,
    hour_seconds     integer[] NOT NULL CHECK (cardinality(hour_seconds) = 24),
    bookings_started integer NOT NULL,
    no_shows         integer NOT NULL,
    PRIMARY KEY (environment_id, day)
);
CREATE INDEX usage_environment_day_day_idx ON usage_environment_day (day, environment_id);

-- How far each environment is rolled up (the last closed day included).
CREATE TABLE usage_rollup_watermark (
    environment_id  uuid PRIMARY KEY REFERENCES shared_environment (id) ON DELETE CASCADE,
    rolled_up_until date NOT NULL,
    refreshed_at    timestamptz NOT NULL
);

-- Rolls every environment forward by at most p_max_days closed days (closed as of p_now, in the
-- region's zone). Returns the number of days written. Idempotent: rows are replaced, never added twice.
CREATE FUNCTION usage_refresh(p_now timestamptz, p_max_days integer) RETURNS integer
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
        INSERT INTO usage_rollup_watermark (environment_id, rolled_up_until, refreshed_at)
        VALUES (env.id, last, p_now)
        ON CONFLICT (environment_id) DO UPDATE SET rolled_up_until = excluded.rolled_up_until,
                                                   refreshed_at = excluded.refreshed_at;
    END LOOP;
    RETURN written;
END;
$$;
