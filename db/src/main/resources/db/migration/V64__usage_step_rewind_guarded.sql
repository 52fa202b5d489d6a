-- Usage: the step roll-up trigger of V59 (usage_step_rewind) only rewinds when the step's day is
-- already rolled up (ADR 0045). V59's version called usage_sandbox_rewind_to for every step that
-- started or finished: an SQL function whose UPDATE is parsed and planned on each call, though it
-- changes nothing unless the job's creation day is rolled up, which a running job's day never is.
-- That made a step's finishing UPDATE about five times as expensive as without the trigger. Now one
-- query (its plan cached by PL/pgSQL) reads the job with its region's watermark and finds a row
-- only when the day is rolled up; only then is the watermark moved back, as before. An update that
-- keeps the step in its job checks that job once, not twice.

CREATE OR REPLACE FUNCTION usage_step_rewind() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    j record;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        FOR j IN SELECT p.region_code, p.created_at
                 FROM provisioning_job p
                 JOIN region r ON r.code = p.region_code
                 JOIN usage_sandbox_watermark w ON w.region_code = p.region_code
                 WHERE p.id = OLD.job_id AND w.rolled_up_until >= (p.created_at AT TIME ZONE r.time_zone)::date LOOP
            PERFORM usage_sandbox_rewind_to(j.region_code, j.created_at);
        END LOOP;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.job_id <> OLD.job_id) THEN
        FOR j IN SELECT p.region_code, p.created_at
                 FROM provisioning_job p
                 JOIN region r ON r.code = p.region_code
                 JOIN usage_sandbox_watermark w ON w.region_code = p.region_code
                 WHERE p.id = NEW.job_id AND w.rolled_up_until >= (p.created_at AT TIME ZONE r.time_zone)::date LOOP
            PERFORM usage_sandbox_rewind_to(j.region_code, j.created_at);
        END LOOP;
    END IF;
    RETURN NULL;
END;
$$;
