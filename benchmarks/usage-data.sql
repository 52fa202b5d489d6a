-- Realistic history for the dashboards' benchmark, set-based (no row-by-row loops). Run by
-- benchmarks/usage-data.sh through dev.demoportal.usage.bench.UsageDataGenerator, which replaces
-- {{bookings}}, {{sandboxes}}, {{audit}}, {{days}} and {{environments_per_region}} first.
-- Deterministic: every choice is derived from hashes of ids and counters, not from random().

SET synchronous_commit = off;

-- People: 150 field engineers, 30 managers, 6 admins; 400 customer organisations with 5 customers each.
INSERT INTO organisation (id, slug, name, created_at, updated_at)
SELECT gen_random_uuid(), 'bench-org-' || g, 'Customer ' || g || ' Ltd', now() - interval '3 years', now()
FROM generate_series(1, 400) g;

INSERT INTO portal_user (id, issuer, subject, email, display_name, roles, created_at, last_login_at)
SELECT gen_random_uuid(), 'https://bench', 'staff-' || g, 'staff' || g || '@demoportal.dev',
       CASE WHEN g <= 150 THEN 'Field Engineer ' || g WHEN g <= 180 THEN 'Manager ' || g ELSE 'Admin ' || g END,
       CASE WHEN g <= 150 THEN ARRAY['FIELD_ENGINEER'] WHEN g <= 180 THEN ARRAY['MANAGER'] ELSE ARRAY['ADMIN'] END,
       now() - interval '3 years', now()
FROM generate_series(1, 186) g;

INSERT INTO portal_user (id, issuer, subject, email, display_name, roles, organisation_id, created_at, last_login_at)
SELECT gen_random_uuid(), 'https://bench', 'cust-' || o.slug || '-' || g, 'c' || g || '@' || o.slug || '.example',
       'Customer ' || g || ' of ' || o.name, ARRAY['CUSTOMER'], o.id, now() - interval '3 years', now()
FROM organisation o CROSS JOIN generate_series(1, 5) g
WHERE o.slug LIKE 'bench-org-%';

CREATE TEMP TABLE staff AS
SELECT row_number() OVER (ORDER BY subject) AS n, id FROM portal_user WHERE issuer = 'https://bench' AND subject LIKE 'staff-%';

-- Environments: {{environments_per_region}} per region, 2 to 6 slots, created before the history starts.
INSERT INTO shared_environment (id, slug, name, region_code, tenant_slots, status, created_at, updated_at)
SELECT gen_random_uuid(), r.code || '-bench-' || g, upper(r.code) || ' Bench ' || g, r.code, 2 + (g % 5),
       'AVAILABLE', now() - make_interval(days => {{days}} + 30), now()
FROM region r CROSS JOIN generate_series(1, {{environments_per_region}}) g;

-- Bookings: every slot's local day in eight 3-hour blocks; a block is booked with a probability that
-- follows the working week and working hours (busier Tuesday to Thursday, quiet at night and on
-- weekends); a booking lasts 1–2 hours inside its block, so the slot never overlaps itself. The
-- probability is scaled to land a little above {{bookings}}; the surplus is removed afterwards.
CREATE TEMP TABLE block_weight AS
SELECT dow, block,
       (CASE WHEN dow IN (6, 7) THEN 0.2 WHEN dow IN (2, 3, 4) THEN 1.0 ELSE 0.85 END)
     * (ARRAY[0.1, 0.3, 0.9, 1.0, 1.0, 0.9, 0.5, 0.2])[block + 1] AS w
FROM generate_series(1, 7) dow CROSS JOIN generate_series(0, 7) block;

CREATE TEMP TABLE candidate_count AS
SELECT sum(e.tenant_slots * bw.w) * ({{days}} + 15) / 7.0 AS expected
FROM shared_environment e CROSS JOIN block_weight bw WHERE e.slug LIKE '%-bench-%';

CREATE TEMP TABLE booking_scale AS
-- a margin of four standard deviations of the sampled count (and a few rows) over the target, so a
-- small database (the smoke run's 200) still gets enough before the surplus is dropped below
SELECT least(1.0, ({{bookings}} * 1.04 + 4 * sqrt({{bookings}}) + 10) / expected) AS p FROM candidate_count;

INSERT INTO booking (id, environment_id, slot_no, holder_id, starts_at, ends_at, booked_until, status, purpose,
                     customer, checked_in_at, created_at, updated_at)
SELECT gen_random_uuid(), b.env, b.slot, s.id, b.st,
       CASE b.outcome WHEN 'NO_SHOW' THEN b.st + interval '30 minutes'
                      WHEN 'RELEASED' THEN b.st + (b.en - b.st) / 2
                      ELSE b.en END,
       b.en, CASE WHEN b.outcome = 'RELEASED' AND b.en > now() THEN 'BOOKED' ELSE b.outcome END,
       (ARRAY['Customer demo', 'Workshop', 'Proof of concept', 'Partner enablement', 'Internal training'])[1 + b.h % 5],
       CASE WHEN b.h % 10 < 3 THEN NULL ELSE 'Customer ' || (1 + (b.h / 10) % 400) || ' Ltd' END,
       CASE WHEN b.outcome IN ('BOOKED', 'RELEASED') AND b.st < now() THEN b.st + interval '5 minutes' END,
       b.st - make_interval(days => (b.h % 14)::integer), least(b.en, now())
FROM (
    SELECT e.id AS env, sl.slot, x.h,
           t.st, t.st + make_interval(hours => (1 + (x.h / 7) % 2)::integer) AS en,
           CASE WHEN t.st > now() THEN 'BOOKED'
                WHEN x.h % 100 < 7 THEN 'NO_SHOW'
                WHEN x.h % 100 < 12 THEN 'CANCELLED'
                WHEN x.h % 100 < 22 THEN 'RELEASED'
                ELSE 'BOOKED' END AS outcome
    FROM shared_environment e
    JOIN region r ON r.code = e.region_code
    CROSS JOIN LATERAL generate_series(1, e.tenant_slots) AS sl(slot)
    CROSS JOIN generate_series((current_date - {{days}})::timestamp, (current_date + 14)::timestamp, interval '1 day') AS d
    CROSS JOIN generate_series(0, 7) AS k
    CROSS JOIN LATERAL (SELECT abs(hashtext(e.id::text || '/' || sl.slot || '/' || d::date || '/' || k))::bigint AS h) AS x
    CROSS JOIN LATERAL (SELECT (d::timestamp AT TIME ZONE r.time_zone) + make_interval(hours => k * 3 + ((x.h / 3) % 2)::integer) AS st) AS t
    JOIN block_weight bw ON bw.dow = extract(isodow FROM d) AND bw.block = k
    CROSS JOIN booking_scale sc
    WHERE (x.h % 100000) / 100000.0 < bw.w * sc.p
      AND e.slug LIKE '%-bench-%'
) AS b
JOIN staff s ON s.n = 1 + b.h % 180;

-- exactly {{bookings}}: drop a random surplus (ids are random)
DELETE FROM booking WHERE id IN (
    SELECT id FROM booking ORDER BY id LIMIT greatest(0, (SELECT count(*) FROM booking) - {{bookings}}));

-- Waitlists: about 2 % of bookings were handed over from a waitlist after 10 minutes to 6 hours;
-- as many entries lapsed or were left.
INSERT INTO waitlist_entry (id, environment_id, user_id, window_start, window_end, minutes, purpose, status,
                            booking_id, created_at, updated_at)
SELECT gen_random_uuid(), b.environment_id, b.holder_id, b.starts_at, b.booked_until, 60, b.purpose, 'GRANTED', b.id,
       b.created_at - make_interval(mins => (10 + abs(hashtext(b.id::text)) % 350)::integer), b.created_at
FROM booking b
WHERE abs(hashtext(b.id::text)) % 50 = 0 AND b.status <> 'CANCELLED';

INSERT INTO waitlist_entry (id, environment_id, user_id, window_start, window_end, minutes, purpose, status,
                            created_at, updated_at)
SELECT gen_random_uuid(), b.environment_id, b.holder_id, b.starts_at, b.booked_until, 60, b.purpose,
       CASE WHEN abs(hashtext(b.id::text || 'w')) % 3 = 0 THEN 'LEFT' ELSE 'LAPSED' END,
       b.created_at - interval '1 hour', b.starts_at
FROM booking b
WHERE abs(hashtext(b.id::text || 'w')) % 50 = 1 AND b.starts_at < now();

-- Sandbox templates (eight, in every region).
INSERT INTO sandbox_template (id, slug, name, description, default_lifetime_hours, max_lifetime_hours, auto_approve,
                              organisation_quota, created_at, updated_at)
SELECT gen_random_uuid(), 'bench-template-' || g, 'Bench template ' || g, 'Benchmark template', 24 * (1 + g % 3),
       24 * 14, g % 2 = 0, 50, now() - interval '3 years', now()
FROM generate_series(1, 8) g;
INSERT INTO sandbox_template_region (template_id, region_code)
SELECT t.id, r.code FROM sandbox_template t CROSS JOIN region r WHERE t.slug LIKE 'bench-template-%';

CREATE TEMP TABLE templates AS
SELECT row_number() OVER (ORDER BY slug) AS n, id FROM sandbox_template WHERE slug LIKE 'bench-template-%';
CREATE TEMP TABLE customers AS
SELECT row_number() OVER (ORDER BY id) AS n, id, organisation_id FROM portal_user
WHERE issuer = 'https://bench' AND 'CUSTOMER' = ANY (roles);

-- Sandboxes: {{sandboxes}} requests over the history. 65 % approved by policy at once, 30 % by a
-- person after 5 minutes to 2 days, 5 % rejected; 5 % of the approved fail while provisioning;
-- provisioning takes 6–45 minutes; 30 % are extended one to three times by a day; those whose
-- expiry has passed are torn down a few minutes after it.
CREATE TEMP TABLE sandbox_plan AS
SELECT g, h, c.id AS requested_by, c.organisation_id, tp.id AS template_id,
       (ARRAY['na', 'emea', 'apj'])[1 + h % 3] AS region,
       now() - make_interval(secs => (h % ({{days}} * 86400))::double precision) AS requested_at,
       CASE WHEN h % 100 < 65 THEN 'policy' WHEN h % 100 < 95 THEN 'person' ELSE 'rejected' END AS decision,
       make_interval(mins => (5 + (h / 100) % 2875)::integer) AS decision_wait,
       (h / 7) % 100 < 5 AS fails,
       make_interval(mins => (6 + (h / 13) % 40)::integer) AS provisioning,
       (CASE WHEN (h / 17) % 100 < 30 THEN 1 + (h / 19) % 3 ELSE 0 END)::integer AS extensions,
       (24 * (1 + (h / 23) % 3))::integer AS lifetime_hours
FROM generate_series(1, {{sandboxes}}) g
CROSS JOIN LATERAL (SELECT abs(hashtext('sandbox/' || g))::bigint AS h) x
JOIN customers c ON c.n = 1 + h % 2000
JOIN templates tp ON tp.n = 1 + (h / 3) % 8;

CREATE TEMP TABLE sandbox_times AS
SELECT p.*, s.id AS decider,
       CASE WHEN decision = 'policy' THEN requested_at ELSE requested_at + decision_wait END AS decided_at
FROM sandbox_plan p JOIN staff s ON s.n = 151 + p.h % 36;

INSERT INTO sandbox (id, name, template_id, region_code, organisation_id, requested_by, requested_at, lifetime_hours,
                     use_case, status, decided_by, decided_by_policy, decided_at, provisioning_at, ready_at, expires_at,
                     extension_count, torn_down_at, failed_at, failure_layer, failure_step, failure_message,
                     created_at, updated_at)
SELECT gen_random_uuid(), 'bench-' || g, template_id, region, organisation_id, requested_by, requested_at,
       lifetime_hours, 'Benchmark history',
       CASE WHEN decided_at > now() THEN 'REQUESTED'
            WHEN decision = 'rejected' THEN 'REJECTED'
            WHEN fails THEN 'FAILED'
            WHEN ready > now() THEN 'PROVISIONING'
            WHEN expires > now() THEN 'READY'
            ELSE 'TORN_DOWN' END,
       CASE WHEN decided_at <= now() AND decision <> 'policy' THEN decider END,
       decided_at <= now() AND decision = 'policy',
       CASE WHEN decided_at <= now() THEN decided_at END,
       CASE WHEN decided_at <= now() AND decision <> 'rejected' THEN decided_at END,
       CASE WHEN decision <> 'rejected' AND NOT fails AND ready <= now() THEN ready END,
       CASE WHEN decision <> 'rejected' AND NOT fails AND ready <= now() THEN expires END,
       CASE WHEN decision <> 'rejected' AND NOT fails AND ready <= now() THEN extensions ELSE 0 END,
       CASE WHEN decision <> 'rejected' AND NOT fails AND expires <= now() THEN expires + interval '3 minutes' END,
       CASE WHEN decision <> 'rejected' AND fails AND decided_at + provisioning <= now() THEN decided_at + provisioning END,
       CASE WHEN decision <> 'rejected' AND fails AND decided_at + provisioning <= now() THEN
           (ARRAY['global', 'region-core', 'region-platform'])[1 + h % 3] END,
       CASE WHEN decision <> 'rejected' AND fails AND decided_at + provisioning <= now() THEN
           (ARRAY['dns-zone', 'namespace', 'app-chart'])[1 + h % 3] END,
       CASE WHEN decision <> 'rejected' AND fails AND decided_at + provisioning <= now() THEN 'Simulated failure' END,
       requested_at, now()
FROM (SELECT t.*, decided_at + provisioning AS ready,
             decided_at + provisioning + make_interval(hours => lifetime_hours + 24 * extensions) AS expires
      FROM sandbox_times t) s;

-- sandboxes "failed" in the future are still provisioning
UPDATE sandbox SET status = 'PROVISIONING' WHERE status = 'FAILED' AND failed_at IS NULL;

-- Jobs and steps: a provision job per approved sandbox, an extend job per extension, a teardown
-- job per torn-down sandbox; the layers' steps in order, the failing step of failed sandboxes.
CREATE TEMP TABLE step_plan (kind text, ordinal integer, layer text, name text);
INSERT INTO step_plan VALUES
    ('PROVISION', 1, 'global', 'dns-zone'), ('PROVISION', 2, 'global', 'iam-role'),
    ('PROVISION', 3, 'region-core', 'namespace'), ('PROVISION', 4, 'region-core', 'quota'),
    ('PROVISION', 5, 'region-platform', 'app-chart'),
    ('EXTEND', 1, 'region-core', 'quota'),
    ('TEARDOWN', 1, 'region-platform', 'app-chart'), ('TEARDOWN', 2, 'region-core', 'namespace'),
    ('TEARDOWN', 3, 'global', 'iam-role'), ('TEARDOWN', 4, 'global', 'dns-zone');

INSERT INTO provisioning_job (id, sandbox_id, kind, status, region_code, spec, created_at, started_at, finished_at,
                              error_message)
SELECT gen_random_uuid(), s.id, 'PROVISION', CASE WHEN s.status = 'FAILED' THEN 'FAILED' ELSE 'SUCCEEDED' END,
       s.region_code, '{}', s.decided_at, s.decided_at + interval '2 seconds',
       coalesce(s.ready_at, s.failed_at), s.failure_message
FROM sandbox s WHERE s.ready_at IS NOT NULL OR s.failed_at IS NOT NULL;

INSERT INTO provisioning_job (id, sandbox_id, kind, status, region_code, spec, created_at, started_at, finished_at)
SELECT gen_random_uuid(), s.id, 'EXTEND', 'SUCCEEDED', s.region_code, '{}',
       s.ready_at + make_interval(hours => s.lifetime_hours * e), s.ready_at + make_interval(hours => s.lifetime_hours * e),
       s.ready_at + make_interval(hours => s.lifetime_hours * e) + interval '20 seconds'
FROM sandbox s CROSS JOIN LATERAL generate_series(1, s.extension_count) e
WHERE s.extension_count > 0;

INSERT INTO provisioning_job (id, sandbox_id, kind, status, region_code, spec, created_at, started_at, finished_at)
SELECT gen_random_uuid(), s.id, 'TEARDOWN', 'SUCCEEDED', s.region_code, '{}', s.expires_at, s.expires_at,
       s.torn_down_at
FROM sandbox s WHERE s.torn_down_at IS NOT NULL;

INSERT INTO provisioning_step (job_id, ordinal, layer, name, status, attempts, started_at, finished_at, error)
SELECT j.id, p.ordinal, p.layer, p.name,
       CASE WHEN j.status = 'SUCCEEDED' THEN 'SUCCEEDED'
            WHEN p.name = s.failure_step THEN 'FAILED'
            WHEN p.ordinal < (SELECT min(q.ordinal) FROM step_plan q WHERE q.kind = j.kind AND q.name = s.failure_step)
                THEN 'SUCCEEDED'
            ELSE 'PENDING' END,
       1, j.started_at, j.finished_at,
       CASE WHEN j.status = 'FAILED' AND p.name = s.failure_step THEN 'Simulated failure' END
FROM provisioning_job j
JOIN sandbox s ON s.id = j.sandbox_id
JOIN step_plan p ON p.kind = j.kind;

-- Audit: {{audit}} events over the history, newest-heavy like real use; sandbox events carry the
-- organisation, so customers can export theirs.
INSERT INTO audit_event (occurred_at, actor_id, actor_name, action, target_type, target_id, organisation_id, details)
SELECT now() - make_interval(secs => (x.h % ({{days}} * 86400))::double precision),
       s.id, 'Staff ' || s.n,
       a.action, a.target_type, 'bench-' || (x.h % 100000),
       CASE WHEN a.target_type = 'sandbox' THEN o.id END,
       jsonb_build_object('n', g, 'note', 'benchmark event ' || g)
FROM generate_series(1, {{audit}}) g
CROSS JOIN LATERAL (SELECT abs(hashtext('audit/' || g))::bigint AS h) x
JOIN staff s ON s.n = 1 + x.h % 186
JOIN (SELECT row_number() OVER (ORDER BY id) AS n, id FROM organisation WHERE slug LIKE 'bench-org-%') o
  ON o.n = 1 + (x.h / 7) % 400
JOIN (VALUES (0, 'booking.created', 'booking'), (1, 'booking.checked_in', 'booking'), (2, 'booking.released', 'booking'),
             (3, 'booking.extended', 'booking'), (4, 'sandbox.requested', 'sandbox'), (5, 'sandbox.approved', 'sandbox'),
             (6, 'sandbox.extended', 'sandbox'), (7, 'sandbox.torn_down', 'sandbox'), (8, 'user.signed_in', 'user'),
             (9, 'environment.updated', 'environment')) AS a(k, action, target_type)
  ON a.k = (x.h / 11) % 10;
