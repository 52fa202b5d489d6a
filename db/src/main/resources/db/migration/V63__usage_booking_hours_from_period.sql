-- Usage: the split of booked time into local hours (V30) reads a booking's start and end as the
-- bounds of its period, so the utilisation's live part (the open day of every environment) can be
-- answered from the covering held-period index of V62 alone where the table's pages are all-visible
-- (ADR 0044). period is tstzrange(starts_at, ends_at, '[)') and never empty (ends_at > starts_at),
-- so lower(period) = starts_at and upper(period) = ends_at: the same numbers.
CREATE OR REPLACE FUNCTION usage_booking_hours(p_envs uuid[], p_lo timestamptz, p_hi timestamptz)
    RETURNS TABLE (environment_id uuid, local_day date, local_hour integer, seconds numeric)
    LANGUAGE sql STABLE AS
$$
SELECT b.environment_id,
       (h AT TIME ZONE r.time_zone)::date,
       extract(hour FROM h AT TIME ZONE r.time_zone)::integer,
       extract(epoch FROM least(upper(b.period), h + interval '1 hour', p_hi) - greatest(lower(b.period), h, p_lo))
FROM booking b
JOIN shared_environment e ON e.id = b.environment_id
JOIN region r ON r.code = e.region_code
CROSS JOIN LATERAL generate_series(date_trunc('hour', greatest(lower(b.period), p_lo), r.time_zone),
                                   least(upper(b.period), p_hi) - interval '1 microsecond',
                                   interval '1 hour') AS h
WHERE b.environment_id = ANY (p_envs)
  AND b.status <> 'CANCELLED'
  AND b.period && tstzrange(p_lo, p_hi, '[)')
$$;
