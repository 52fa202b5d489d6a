-- Usage: daily roll-ups of the sandbox dashboard's two series that grow with the window (ADR 0042):
-- ready sandboxes active per local day, region and template, and finished / failed provisioning
-- steps per local day of their job's creation, region, layer and step. Closed days only, per
-- region; a change that reaches into rolled-up days rewinds the region's watermark (triggers below).

-- Sandboxes that were ready, by the moment they were gone (torn down, or failed): "active on a day"
-- needs the ones not gone before the day, which the ready_at index alone cannot bound.
CREATE INDEX sandbox_gone_idx ON sandbox ((coalesce(torn_down_at, CASE WHEN status = 'FAILED' THEN failed_at END)))
    WHERE ready_at IS NOT NULL;

-- Ready sandboxes per local day (p_from .. p_to) of the regions p_regions, by template: ready before
-- the day ended, not gone before it began. The dashboards' live tail and the roll-up both use it.
CREATE FUNCTION usage_sandbox_active_days(p_regions text[], p_from date, p_to date)
    RETURNS TABLE (day date, region_code text, template_id uuid, active integer)
    LANGUAGE sql STABLE AS
$$
SELECT d::date, s.region_code, s.template_id, count(*)::integer
FROM sandbox s
JOIN region r ON r.code = s.region_code
CROSS JOIN LATERAL generate_series(
        greatest((s.ready_at AT TIME ZONE r.time_zone)::date, p_from)::timestamp,
        least(coalesce(((coalesce(s.torn_down_at, CASE WHEN s.status = 'FAILED' THEN s.failed_at END)
                         - interval '1 microsecond') AT TIME ZONE r.time_zone)::date, p_to), p_to)::timestamp,
        interval '1 day') AS d
WHERE s.region_code = ANY (p_regions)
  AND s.ready_at IS NOT NULL
  AND s.ready_at < (p_to + 1)::timestamp AT TIME ZONE 'UTC' + interval '15 hours'
  AND (coalesce(s.torn_down_at, CASE WHEN s.status = 'FAILED' THEN s.failed_at END) IS NULL
       OR coalesce(s.torn_down_at, CASE WHEN s.status = 'FAILED' THEN s.failed_at END)
              >= p_from::timestamp AT TIME ZONE 'UTC' - interval '15 hours')
GROUP BY 1, 2, 3
$$;

-- Steps of the jobs created on each local day (p_from .. p_to) of the regions p_regions: how many
-- finished (succeeded or failed) and how many failed. Every step of those jobs has a row, so a
-- step that never finished is listed with 0 runs, as the live query lists it.
CREATE FUNCTION usage_step_days(p_regions text[], p_from date, p_to date)
    RETURNS TABLE (day date, region_code text, layer text, name text, runs integer, failed integer)
    LANGUAGE sql STABLE AS
$$
SELECT (j.created_at AT TIME ZONE r.time_zone)::date, j.region_code, st.layer, st.name,
       (count(*) FILTER (WHERE st.status IN ('SUCCEEDED', 'FAILED')))::integer,
       (count(*) FILTER (WHERE st.status = 'FAILED'))::integer
FROM provisioning_job j
JOIN region r ON r.code = j.region_code
JOIN provisioning_step st ON st.job_id = j.id
WHERE j.region_code = ANY (p_regions)
  AND j.created_at >= p_from::timestamp AT TIME ZONE 'UTC' - interval '15 hours'
  AND j.created_at < (p_to + 1)::timestamp AT TIME ZONE 'UTC' + interval '15 hours'
  AND (j.created_at AT TIME ZONE r.time_zone)::date BETWEEN p_from AND p_to
GROUP BY 1, 2, 3, 4
$$;

CREATE TABLE usage_sandbox_day (
    region_code text NOT NULL REFERENCES region (code) ON DELETE CASCADE,
    day         date NOT NULL,
    template_id uuid NOT NULL REFERENCES sandbox_template (id) ON DELETE CASCADE,
    active      integer NOT NULL,
    PRIMARY KEY (region_code, day, template_id)
);
CREATE INDEX usage_sandbox_day_day_idx ON usage_sandbox_day (day);

CREATE TABLE usage_step_day (
    region_code text NOT NULL REFERENCES region (code) ON DELETE CASCADE,
    day         date NOT NULL,
    layer       text NOT NULL,
    name        text NOT NULL,
    runs        integer NOT NULL,
    failed      integer NOT NULL,
    PRIMARY KEY (region_code, day, layer, name)
);
CREATE INDEX usage_step_day_day_idx ON usage_step_day (day);

-- How far each region's sandbox days are rolled up (the last closed day included). A region
-- without a row is not rolled up at all: the dashboards compute all of its days live.
CREATE TABLE usage_sandbox_watermark (
    region_code     text PRIMARY KEY REFERENCES region (code) ON DELETE CASCADE,
    rolled_up_until date NOT NULL,
    refreshed_at    timestamptz NOT NULL
);

-- Rolls every region forward by at most p_max_days closed days (closed as of p_now in the region's
-- zone); returns the region-days written. A region starts at its first sandbox ready or job
-- created. The days of a batch are replaced (a day with no active sandbox has no row). The
-- watermark only moves forward from the value this run read, so a rewind meanwhile wins.
CREATE FUNCTION usage_refresh_sandboxes(p_now timestamptz, p_max_days integer) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    reg     record;
    first   date;
    last    date;
    written integer := 0;
BEGIN
    FOR reg IN
        SELECT r.code, r.time_zone, (p_now AT TIME ZONE r.time_zone)::date - 1 AS closed, w.rolled_up_until
        FROM region r
        LEFT JOIN usage_sandbox_watermark w ON w.region_code = r.code
        ORDER BY r.code
    LOOP
        first := reg.rolled_up_until + 1;
        IF first IS NULL THEN
            SELECT least((SELECT (min(s.ready_at) AT TIME ZONE reg.time_zone)::date FROM sandbox s
                          WHERE s.region_code = reg.code AND s.ready_at IS NOT NULL),
                         (SELECT (min(j.created_at) AT TIME ZONE reg.time_zone)::date FROM provisioning_job j
                          WHERE j.region_code = reg.code))
            INTO first;
            first := coalesce(first, reg.closed + 1);
        END IF;
        last := least(reg.closed, first + p_max_days - 1);
        IF last >= first THEN
            DELETE FROM usage_sandbox_day WHERE region_code = reg.code AND day BETWEEN first AND last;
            INSERT INTO usage_sandbox_day (region_code, day, template_id, active)
            SELECT a.region_code, a.day, a.template_id, a.active
            FROM usage_sandbox_active_days(ARRAY[reg.code], first, last) a;
            DELETE FROM usage_step_day WHERE region_code = reg.code AND day BETWEEN first AND last;
            INSERT INTO usage_step_day (region_code, day, layer, name, runs, failed)
            SELECT s.region_code, s.day, s.layer, s.name, s.runs, s.failed
            FROM usage_step_days(ARRAY[reg.code], first, last) s;
            written := written + (last - first + 1);
        ELSE
            -- nothing to write yet (before its first data, or up to date): never past the closed days
            last := least(first - 1, reg.closed);
        END IF;
        IF reg.rolled_up_until IS NULL THEN
            INSERT INTO usage_sandbox_watermark (region_code, rolled_up_until, refreshed_at)
            VALUES (reg.code, last, p_now)
            ON CONFLICT (region_code) DO NOTHING;
        ELSIF last > reg.rolled_up_until THEN
            UPDATE usage_sandbox_watermark SET rolled_up_until = last, refreshed_at = p_now
            WHERE region_code = reg.code AND rolled_up_until = reg.rolled_up_until;
        END IF;
    END LOOP;
    RETURN written;
END;
$$;
ALTER FUNCTION usage_refresh_sandboxes(timestamptz, integer) SET jit = off;

-- Moves a region's watermark back to the day before the local day of p_changed, if it is past it.
CREATE FUNCTION usage_sandbox_rewind_to(p_region text, p_changed timestamptz) RETURNS void
    LANGUAGE sql AS
$$
UPDATE usage_sandbox_watermark w
SET rolled_up_until = (p_changed AT TIME ZONE r.time_zone)::date - 1
FROM region r
WHERE w.region_code = p_region AND r.code = p_region
  AND w.rolled_up_until >= (p_changed AT TIME ZONE r.time_zone)::date
$$;

-- A sandbox's days change when it becomes ready, is gone, fails, or moves region or template. In
-- the product those moments are "now" (after every rolled-up day), so this returns without a
-- lookup; an edit of history or an import rewinds from the earliest day it touches.
CREATE FUNCTION usage_sandbox_rewind() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    old_gone timestamptz;
    new_gone timestamptz;
    changed  timestamptz;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        old_gone := coalesce(OLD.torn_down_at, CASE WHEN OLD.status = 'FAILED' THEN OLD.failed_at END);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        new_gone := coalesce(NEW.torn_down_at, CASE WHEN NEW.status = 'FAILED' THEN NEW.failed_at END);
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.ready_at IS NOT NULL AND NEW.ready_at < now() THEN
            PERFORM usage_sandbox_rewind_to(NEW.region_code, NEW.ready_at);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.ready_at IS NOT NULL AND OLD.ready_at < now() THEN
            PERFORM usage_sandbox_rewind_to(OLD.region_code, OLD.ready_at);
        END IF;
    ELSIF OLD.region_code <> NEW.region_code OR OLD.template_id <> NEW.template_id THEN
        IF OLD.ready_at IS NOT NULL AND OLD.ready_at < now() THEN
            PERFORM usage_sandbox_rewind_to(OLD.region_code, OLD.ready_at);
        END IF;
        IF NEW.ready_at IS NOT NULL AND NEW.ready_at < now() THEN
            PERFORM usage_sandbox_rewind_to(NEW.region_code, NEW.ready_at);
        END IF;
    ELSE
        -- least() skips nulls: a sandbox that becomes ready or gone now changes only today
        changed := least(
                CASE WHEN OLD.ready_at IS DISTINCT FROM NEW.ready_at THEN least(OLD.ready_at, NEW.ready_at) END,
                CASE WHEN old_gone IS DISTINCT FROM new_gone
                     THEN least(old_gone, new_gone) - interval '1 microsecond' END);
        IF changed IS NOT NULL AND changed < now() THEN
            PERFORM usage_sandbox_rewind_to(NEW.region_code, changed);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER sandbox_usage_rewind
    AFTER INSERT OR DELETE ON sandbox
    FOR EACH ROW EXECUTE FUNCTION usage_sandbox_rewind();
-- status changes matter only into or out of FAILED (the end of a failed sandbox)
CREATE TRIGGER sandbox_usage_rewind_update
    AFTER UPDATE ON sandbox
    FOR EACH ROW
    WHEN (OLD.ready_at IS DISTINCT FROM NEW.ready_at OR OLD.torn_down_at IS DISTINCT FROM NEW.torn_down_at
          OR OLD.failed_at IS DISTINCT FROM NEW.failed_at OR (OLD.status = 'FAILED') <> (NEW.status = 'FAILED')
          OR OLD.region_code <> NEW.region_code OR OLD.template_id <> NEW.template_id)
    EXECUTE FUNCTION usage_sandbox_rewind();

-- A step counts on its job's creation day; the job of a step that starts or finishes now was
-- created at most a few days ago, usually today, so the lookup is one primary-key read and the
-- update touches no row unless that day is rolled up.
CREATE FUNCTION usage_step_rewind() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    j record;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        FOR j IN SELECT region_code, created_at FROM provisioning_job WHERE id = OLD.job_id LOOP
            PERFORM usage_sandbox_rewind_to(j.region_code, j.created_at);
        END LOOP;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        FOR j IN SELECT region_code, created_at FROM provisioning_job WHERE id = NEW.job_id LOOP
            PERFORM usage_sandbox_rewind_to(j.region_code, j.created_at);
        END LOOP;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER provisioning_step_usage_rewind
    AFTER INSERT OR DELETE ON provisioning_step
    FOR EACH ROW EXECUTE FUNCTION usage_step_rewind();
-- only finishing (or un-finishing) a step changes what is counted
CREATE TRIGGER provisioning_step_usage_rewind_update
    AFTER UPDATE ON provisioning_step
    FOR EACH ROW
    WHEN ((OLD.status IN ('SUCCEEDED', 'FAILED')) <> (NEW.status IN ('SUCCEEDED', 'FAILED'))
          OR (OLD.status = 'FAILED') <> (NEW.status = 'FAILED')
          OR OLD.job_id <> NEW.job_id OR OLD.layer <> NEW.layer OR OLD.name <> NEW.name)
    EXECUTE FUNCTION usage_step_rewind();

CREATE FUNCTION usage_job_rewind() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM usage_sandbox_rewind_to(OLD.region_code, OLD.created_at);
    PERFORM usage_sandbox_rewind_to(NEW.region_code, NEW.created_at);
    RETURN NULL;
END;
$$;

CREATE TRIGGER provisioning_job_usage_rewind_update
    AFTER UPDATE ON provisioning_job
    FOR EACH ROW
    WHEN (OLD.created_at <> NEW.created_at OR OLD.region_code <> NEW.region_code)
    EXECUTE FUNCTION usage_job_rewind();

-- What is closed already.
SELECT usage_refresh_sandboxes(now(), 100000);
