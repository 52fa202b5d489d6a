package dev.demoportal.local;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL that writes local mode's past ({@link DemoHistory}): six weeks of bookings, waitlist
 * hand-offs and, where there are templates, sandboxes with their jobs, steps and audit trail. Each
 * statement mirrors what the product itself writes, so pages and the API read it as their own.
 * Imported by {@link LocalModeConfiguration}, as the rest of local mode.
 */
class DemoHistoryQueries {

    private static final String BOOKINGS = """
            insert into booking (id, environment_id, slot_no, holder_id, starts_at, ends_at, booked_until, status,
                                 purpose, customer, checked_in_at, created_at, updated_at)
            select gen_random_uuid(), b.env, b.slot, b.holder, b.st,
                   case b.outcome when 'NO_SHOW' then b.st + interval '30 minutes'
                                  when 'RELEASED' then b.st + (b.en - b.st) / 2 else b.en end,
                   b.en, b.outcome,
                   (array['Customer demo', 'Workshop', 'Proof of concept', 'Partner enablement'])[1 + b.h % 4],
                   (array[null, 'Acme Corp', 'Globex', 'Initech', 'Umbrella'])[1 + (b.h / 5) % 5],
                   case when b.outcome in ('BOOKED', 'RELEASED') then b.st + interval '4 minutes' end,
                   b.st - make_interval(days => (1 + b.h % 5)::integer), b.en
            from (
                select e.id as env, sl.slot, x.h, t.st, t.st + make_interval(hours => (1 + (x.h / 7) % 3)::integer) as en,
                       (array(select id from portal_user where issuer = ? and not ('CUSTOMER' = any (roles))
                              order by display_name))[1 + x.h % 3] as holder,
                       case when x.h % 100 < 7 then 'NO_SHOW' when x.h % 100 < 12 then 'CANCELLED'
                            when x.h % 100 < 25 then 'RELEASED' else 'BOOKED' end as outcome
                from shared_environment e
                join region r on r.code = e.region_code
                cross join lateral generate_series(1, e.tenant_slots) as sl(slot)
                cross join generate_series((current_date - 45)::timestamp, (current_date - 1)::timestamp, interval '1 day') as d
                cross join generate_series(0, 5) as k
                cross join lateral (select abs(hashtext(e.id::text || '/' || sl.slot || '/' || d::date || '/' || k))::bigint as h) as x
                cross join lateral (select (d::timestamp at time zone r.time_zone)
                                           + make_interval(hours => (k * 4)::integer) as st) as t
                where e.status <> 'RETIRED'
                  and (x.h % 100) < (case when extract(isodow from d) in (6, 7) then 0.15 else 1.0 end)
                                    * (array[2, 25, 70, 75, 40, 8])[k + 1]
            ) b
            where b.en < now()""";

    private static final String WAITLIST = """
            insert into waitlist_entry (id, environment_id, user_id, window_start, window_end, minutes, purpose, status,
                                        booking_id, created_at, updated_at)
            select gen_random_uuid(), b.environment_id, b.holder_id, b.starts_at, b.booked_until, 60, b.purpose,
                   'GRANTED', b.id, b.created_at - make_interval(mins => (15 + abs(hashtext(b.id::text)) % 240)::integer),
                   b.created_at
            from booking b where b.status <> 'CANCELLED' and abs(hashtext(b.id::text)) % 25 = 0""";

    /**
     * Sandboxes as the product leaves them: approved (by policy or by Maria), provisioned, extended
     * (some), expired and torn down by the worker; one in twenty failed at provisioning and was torn
     * down once its clean-up deadline (the first parameter, in seconds) had passed without a retry,
     * unless that deadline lies ahead. The failure itself stays on record in its job and the trail.
     */
    private static final String SANDBOXES = """
            insert into sandbox (id, name, template_id, region_code, organisation_id, requested_by, requested_at,
                                 lifetime_hours, use_case, status, decided_by, decided_by_policy, decided_at,
                                 provisioning_at, ready_at, expires_at, extension_count, teardown_requested_at,
                                 torn_down_at, failed_at, failure_layer, failure_step, failure_message, access_url,
                                 teardown_receipt, created_at, updated_at)
            select gen_random_uuid(), p.name, p.template_id, p.region_code, p.organisation_id, p.requested_by, p.req, 24,
                   'Evaluation (demo history)', case when p.ends is null then 'FAILED' else 'TORN_DOWN' end,
                   p.decided_by, p.policy, p.dec, p.dec, p.ready, p.ends, p.ext, p.ends,
                   p.ends + interval '2 minutes',
                   case when p.ends is null then p.fail_at end,
                   case when p.ends is null then 'region-platform' end, case when p.ends is null then 'namespace' end,
                   case when p.ends is null then 'Simulated failure (demo history)' end,
                   case when p.ready is not null then 'https://' || p.name || '.sandbox.demoportal.test/' end,
                   case when p.ends is not null then jsonb_build_object('sandbox', p.name,
                       'verifiedAt', to_char((p.ends + interval '2 minutes') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       'layers', (select jsonb_object_agg(l, jsonb_build_object('driver', 'simulated',
                                     'checked', jsonb_build_array('sim/' || l || '/' || p.name || '/*')))
                                  from unnest(array['global', 'region-core', 'region-platform']) l)) end,
                   p.req, coalesce(p.ends + interval '2 minutes', p.fail_at)
            from (
                select 'history-' || g as name, t.id as template_id, r.region_code, c.organisation_id, c.id as requested_by,
                       s.req, s.policy, case when s.policy then null else m.id end as decided_by, s.dec,
                       case when not s.fails then s.dec + s.prov end as ready,
                       case when s.fails then s.dec + s.prov end as fail_at,
                       case when s.fails then 0 else s.ext end as ext,
                       -- expired, or failed and cleaned up: when its teardown started
                       case when not s.fails then s.dec + s.prov + make_interval(hours => 24 * (1 + s.ext))
                            when s.dec + s.prov + make_interval(secs => ?::double precision) + interval '2 minutes' < now()
                            then s.dec + s.prov + make_interval(secs => ?::double precision) end as ends
                from generate_series(1, 120) g
                cross join lateral (select abs(hashtext('history/' || g))::bigint as h) x
                cross join lateral (select (array(select id from sandbox_template order by slug))[1 + x.h % (select count(*) from sandbox_template)::integer] as id) t
                cross join lateral (select (array(select template_id || '|' || region_code from sandbox_template_region
                                                  where template_id = t.id))[1] as tr) tr
                cross join lateral (select coalesce(split_part(tr.tr, '|', 2), 'emea') as region_code) r
                cross join lateral (select * from portal_user where issuer = ? and 'CUSTOMER' = any (roles)
                                    order by email offset (x.h % 2) limit 1) c
                cross join lateral (select * from portal_user where issuer = ? and 'MANAGER' = any (roles) limit 1) m
                cross join lateral (select now() - interval '46 days' + make_interval(mins => (x.h % (44 * 1440))::integer) as req,
                                           x.h % 10 < 6 as policy, (x.h / 10) % 20 = 0 as fails,
                                           make_interval(mins => (8 + (x.h / 7) % 30)::integer) as prov,
                                           (case when (x.h / 3) % 10 < 3 then 1 + (x.h / 11) % 2 else 0 end)::integer as ext) s0
                cross join lateral (select s0.*, case when s0.policy then s0.req
                                                      else s0.req + make_interval(mins => (20 + (x.h / 13) % 600)::integer) end as dec) s
            ) p
            where p.fail_at is not null or p.ends + interval '2 minutes' < now()""";

    /**
     * The jobs the sandbox service scheduled for them, each with the spec it hands to provisioning
     * (as {@code SandboxSpec} is stored: the sandbox, its organisation, template, region, the
     * customer group, the expiry it had then, the lifetime granted, the template's parameters as text) and the drivers
     * that ran it: the provision (at approval, no expiry yet), one extension per day it was extended
     * (an hour before it would have ended), and the teardown.
     */
    private static final String JOBS = """
            insert into provisioning_job (id, sandbox_id, kind, status, region_code, spec, drivers, created_at,
                                          started_at, finished_at, error_message)
            select gen_random_uuid(), s.id, k.kind, case when k.failed then 'FAILED' else 'SUCCEEDED' end, s.region_code,
                   jsonb_build_object('sandboxId', s.id, 'name', s.name, 'organisationSlug', o.slug,
                       'templateSlug', t.slug, 'regionCode', s.region_code, 'awsRegion', r.aws_region,
                       'customerGroup', 'sandbox-' || o.slug,
                       'expiresAt', to_char(k.expires at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       'lifetimeHours', s.lifetime_hours,
                       'parameters', (select coalesce(jsonb_object_agg(key, value), '{}') from jsonb_each_text(t.parameters))),
                   '{"global": "simulated", "region-core": "simulated", "region-platform": "simulated"}',
                   k.at, k.at, k.done, case when k.failed then 'Simulated failure (demo history)' end
            from sandbox s
            join organisation o on o.id = s.organisation_id
            join sandbox_template t on t.id = s.template_id
            join region r on r.code = s.region_code
            cross join lateral (
                select 'PROVISION' as kind, s.decided_at as at, null::timestamptz as expires,
                       -- a failure cleaned up failed its clean-up deadline (the parameter, in seconds) earlier
                       coalesce(s.ready_at, s.failed_at, s.teardown_requested_at - make_interval(secs => ?::double precision))
                           as done,
                       s.ready_at is null as failed
                union all
                select 'EXTEND', s.ready_at + make_interval(hours => 24 * e - 1), s.ready_at + make_interval(hours => 24 * (1 + e)),
                       s.ready_at + make_interval(hours => 24 * e - 1, secs => 20), false
                from generate_series(1, s.extension_count) e
                union all
                select 'TEARDOWN', s.teardown_requested_at, s.expires_at, s.torn_down_at, false
                where s.torn_down_at is not null) k
            where s.name like 'history-%'""";

    /** Their steps, one after the other within the job's time, as the worker runs the plan. */
    private static final String STEPS = """
            insert into provisioning_step (job_id, ordinal, layer, name, status, attempts, started_at, finished_at, error)
            select j.id, p.ordinal, p.layer, p.name, st.status, case when st.status = 'PENDING' then 0 else 1 end,
                   case when st.status <> 'PENDING' then j.started_at + (j.finished_at - j.started_at) * (p.ordinal - 1) / ran.n end,
                   case when st.status <> 'PENDING' then j.started_at + (j.finished_at - j.started_at) * p.ordinal / ran.n end,
                   case when st.status = 'FAILED' then j.error_message end
            from provisioning_job j
            join sandbox s on s.id = j.sandbox_id and s.name like 'history-%'
            -- the steps of ProvisioningPlan, so history reads like the jobs the worker runs
            join (values ('PROVISION', 1, 'global', 'dns-record'), ('PROVISION', 2, 'global', 'workload-role'),
                         ('PROVISION', 3, 'region-core', 'cluster-access'), ('PROVISION', 4, 'region-platform', 'namespace'),
                         ('PROVISION', 5, 'region-platform', 'resource-quota'), ('PROVISION', 6, 'region-platform', 'limit-range'),
                         ('PROVISION', 7, 'region-platform', 'network-policy'), ('PROVISION', 8, 'region-platform', 'role-binding'),
                         ('PROVISION', 9, 'region-platform', 'vault'),
                         ('PROVISION', 10, 'region-platform', 'helm-releases'), ('PROVISION', 11, 'region-platform', 'ingress-route'),
                         ('PROVISION', 12, 'region-platform', 'readiness-probe'), ('PROVISION', 13, 'region-platform', 'secrets'),
                         ('EXTEND', 1, 'region-core', 'cluster-access'), ('EXTEND', 2, 'region-platform', 'expiry-label'),
                         ('TEARDOWN', 1, 'region-core', 'cluster-access'), ('TEARDOWN', 2, 'region-platform', 'ingress-route'),
                         ('TEARDOWN', 3, 'region-platform', 'helm-releases'), ('TEARDOWN', 4, 'region-platform', 'vault'),
                         ('TEARDOWN', 5, 'region-platform', 'secrets'),
                         ('TEARDOWN', 6, 'region-platform', 'namespace'), ('TEARDOWN', 7, 'global', 'workload-role'),
                         ('TEARDOWN', 8, 'global', 'dns-record'), ('TEARDOWN', 9, 'global', 'verify-gone'))
                 as p(kind, ordinal, layer, name) on p.kind = j.kind
            -- a failed provision ran up to its fourth step (namespace), where it failed
            cross join lateral (select case when j.status = 'FAILED' then 4
                                            else (case j.kind when 'PROVISION' then 13 when 'EXTEND' then 2 else 9 end)
                                       end as n) ran
            cross join lateral (select case when j.status = 'SUCCEEDED' or p.ordinal < 4 then 'SUCCEEDED'
                                            when p.ordinal = 4 then 'FAILED' else 'PENDING' end as status) st""";

    /**
     * What the audit trail recorded on the way, as the sandbox events record it (each with the
     * sandbox's state after the change), so every history sandbox has its timeline.
     */
    private static final String TRAIL = """
            insert into audit_event (occurred_at, actor_id, actor_name, action, target_type, target_id, organisation_id,
                                     details)
            select e.at, e.actor_id, e.actor_name, e.action, 'sandbox', s.id::text, s.organisation_id,
                   jsonb_build_object('name', s.name, 'status', e.status, 'template', t.slug, 'region', s.region_code,
                                      'organisation', o.slug) || e.extra
            from sandbox s
            join organisation o on o.id = s.organisation_id
            join sandbox_template t on t.id = s.template_id
            join portal_user u on u.id = s.requested_by
            left join portal_user d on d.id = s.decided_by
            join provisioning_job pj on pj.sandbox_id = s.id and pj.kind = 'PROVISION'
            left join provisioning_job tj on tj.sandbox_id = s.id and tj.kind = 'TEARDOWN'
            cross join lateral (
                select 1 as seq, s.requested_at as at, u.id as actor_id, u.display_name as actor_name,
                       'sandbox.requested' as action, 'REQUESTED' as status,
                       jsonb_build_object('lifetimeHours', s.lifetime_hours, 'useCase', s.use_case) as extra
                union all
                select 2, s.decided_at, d.id, coalesce(d.display_name, 'system:approval-policy'),
                       case when s.decided_by_policy then 'sandbox.auto_approved' else 'sandbox.approved' end, 'APPROVED',
                       jsonb_build_object('byPolicy', s.decided_by_policy)
                union all
                select 3, pj.started_at, null, 'system:provisioning', 'sandbox.provisioning', 'PROVISIONING',
                       jsonb_build_object('job', pj.id)
                union all
                select 4, pj.finished_at, null, 'system:provisioning', 'sandbox.ready', 'READY',
                       jsonb_build_object('job', pj.id, 'expiresAt', to_char((pj.finished_at + make_interval(
                                              hours => s.lifetime_hours)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                          'accessUrl', s.access_url, 'secrets', '["adminPassword"]'::jsonb)
                where pj.status = 'SUCCEEDED'
                union all
                select 4, pj.finished_at, null, 'system:provisioning', 'sandbox.failed', 'FAILED',
                       jsonb_build_object('job', pj.id, 'kind', 'PROVISION', 'layer', 'region-platform', 'step', 'namespace',
                                          'message', pj.error_message)
                where pj.status = 'FAILED'
                union all
                select 5, ej.created_at, u.id, u.display_name, 'sandbox.extended', 'READY',
                       jsonb_build_object('hours', 24,
                           'previousExpiry', to_char(((ej.spec->>'expiresAt')::timestamptz - interval '24 hours') at time zone 'UTC',
                                                     'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                           'expiresAt', ej.spec->>'expiresAt')
                from provisioning_job ej where ej.sandbox_id = s.id and ej.kind = 'EXTEND'
                union all
                select 6, tj.created_at, null, 'system:expiry',
                       case when pj.status = 'FAILED' then 'sandbox.failed_cleanup' else 'sandbox.expired' end, 'TEARING_DOWN',
                       case when pj.status = 'FAILED'
                            then jsonb_build_object('failedAt', to_char(pj.finished_at at time zone 'UTC',
                                                                        'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                                    'keptFor', ?::text)
                            else jsonb_build_object('expired', true) end
                where tj.id is not null
                union all
                select 7, tj.finished_at, null, 'system:provisioning', 'sandbox.torn_down', 'TORN_DOWN',
                       jsonb_build_object('job', tj.id, 'receipt', s.teardown_receipt)
                where tj.id is not null) e
            where s.name like 'history-%'
            -- the trail's ids follow time, as when the product writes it
            order by e.at, e.seq""";

    private final JdbcTemplate jdbc;

    DemoHistoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether there is history already: a booking that started more than a day ago. */
    boolean hasHistory() {
        Integer past = jdbc.queryForObject(
                "select count(*) from booking where starts_at < now() - interval '1 day'", Integer.class);
        return past != null && past > 0;
    }

    /**
     * The people with these addresses chose Slack direct messages for every kind of notification,
     * on top of the defaults (bell and mail): local mode's Outbox then shows how their messages
     * would look in Slack, with their buttons (Alice is an approver: a customer's request reaches her
     * with Approve and Reject).
     */
    int chooseSlack(String issuer, List<String> emails, List<String> kinds) {
        return jdbc.update("""
                insert into notification_preference (user_id, kind, channel, enabled)
                select u.id, k.kind, 'SLACK', true
                from portal_user u cross join unnest(?::text[]) as k(kind)
                where u.issuer = ? and u.email = any (?::text[])
                on conflict do nothing""", kinds.toArray(String[]::new), issuer, emails.toArray(String[]::new));
    }

    /** One finished reset of a slot of the environment (the demo's reset history), with its plan. */
    void resetHistory(
            UUID environmentId, int slot, String status, Instant requested, Instant finished, @Nullable String error) {
        jdbc.update(
                """
                insert into slot_reset (id, environment_id, slot_no, status, plan, requested_at, started_at,
                                        finished_at, attempts, step_reached, error)
                select gen_random_uuid(), id, ?, ?, reset_plan, ?, ?, ?, 1,
                       case when ? = 'SUCCEEDED' then 2 else 1 end, ?
                from shared_environment where id = ?
                on conflict do nothing""",
                slot,
                status,
                Timestamp.from(requested),
                Timestamp.from(requested),
                Timestamp.from(finished),
                status,
                error,
                environmentId);
    }

    /** How many rows each kind of history got. */
    record Seeded(int bookings, int waitlist, int sandboxes) {}

    /**
     * Writes the history, in the caller's transaction: bookings of the people {@code issuer} signs
     * in, their waitlist hand-offs and, if the catalogue has templates, sandboxes whose failures are
     * cleaned up after {@code cleanup}.
     */
    Seeded seed(String issuer, Duration cleanup) {
        // the demo environments were just created; their history needs them to have existed
        // (utilisation counts no day before an environment's creation)
        jdbc.update("update shared_environment set created_at = least(created_at, now() - interval '46 days')");
        int bookings = jdbc.update(BOOKINGS, issuer);
        int waitlist = jdbc.update(WAITLIST);
        Integer templates = jdbc.queryForObject("select count(*) from sandbox_template", Integer.class);
        int sandboxes = templates == null || templates == 0
                ? 0
                : jdbc.update(SANDBOXES, cleanup.toSeconds(), cleanup.toSeconds(), issuer, issuer);
        if (sandboxes > 0) {
            jdbc.update(JOBS, cleanup.toSeconds());
            jdbc.update(STEPS);
            jdbc.update(TRAIL, cleanup.toString());
        }
        return new Seeded(bookings, waitlist, sandboxes);
    }
}
