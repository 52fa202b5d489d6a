package dev.demoportal.local;

import dev.demoportal.base.SystemTask;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserService;
import dev.demoportal.usage.UsageService;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Local mode's past, so the dashboards are not empty on first start: six weeks of bookings on the
 * demo environments (held, released, no-shows, cancellations, waitlist hand-offs) by the demo
 * people, and, where the sandbox catalogue has templates, six weeks of sandboxes with their jobs and
 * steps. History cannot go through the services (they refuse the past), so it is written with SQL,
 * once: only when there is no booking older than a day. Runs after {@link DemoData}.
 */
class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

    /** The demo people as the local provider signs them in (subject = username). */
    private record Person(String username, String name, String email, Role role, String organisation) {}

    private static final List<Person> PEOPLE = List.of(
            new Person("alice", "Alice Field", "alice@demoportal.dev", Role.FIELD_ENGINEER, null),
            new Person("frank", "Frank Field", "frank@demoportal.dev", Role.FIELD_ENGINEER, null),
            new Person("maria", "Maria Manager", "maria@demoportal.dev", Role.MANAGER, null),
            new Person("carol", "Carol Customer", "carol@acme.example", Role.CUSTOMER, "Acme Corp"),
            new Person("dave", "Dave Customer", "dave@globex.example", Role.CUSTOMER, "Globex"));

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

    private static final String SANDBOXES = """
            insert into sandbox (id, name, template_id, region_code, organisation_id, requested_by, requested_at,
                                 lifetime_hours, use_case, status, decided_by, decided_by_policy, decided_at,
                                 provisioning_at, ready_at, expires_at, extension_count, torn_down_at, failed_at,
                                 failure_layer, failure_step, failure_message, created_at, updated_at)
            select gen_random_uuid(), 'history-' || g, t.id, r.region_code, c.organisation_id, c.id, s.req, 24,
                   'Evaluation (demo history)',
                   case when s.fails then 'FAILED' else 'TORN_DOWN' end,
                   case when s.policy then null else m.id end, s.policy, s.dec, s.dec,
                   case when not s.fails then s.dec + s.prov end,
                   case when not s.fails then s.dec + s.prov + make_interval(hours => 24 * (1 + s.ext)) end,
                   case when not s.fails then s.ext else 0 end,
                   case when not s.fails then s.dec + s.prov + make_interval(hours => 24 * (1 + s.ext)) + interval '2 minutes' end,
                   case when s.fails then s.dec + s.prov end,
                   case when s.fails then 'region-platform' end, case when s.fails then 'namespace' end,
                   case when s.fails then 'Simulated failure (demo history)' end, s.req, s.req
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
            where s.dec + s.prov + make_interval(hours => 24 * (1 + s.ext)) < now() or s.fails""";

    private static final String JOBS = """
            insert into provisioning_job (id, sandbox_id, kind, status, region_code, spec, created_at, started_at,
                                          finished_at, error_message)
            select gen_random_uuid(), s.id, k.kind, case when k.kind = 'PROVISION' and s.status = 'FAILED' then 'FAILED'
                                                          else 'SUCCEEDED' end,
                   s.region_code, '{}', k.at, k.at, k.done, case when k.kind = 'PROVISION' then s.failure_message end
            from sandbox s
            cross join lateral (values ('PROVISION', s.decided_at, coalesce(s.ready_at, s.failed_at)),
                                       ('TEARDOWN', s.expires_at, s.torn_down_at)) as k(kind, at, done)
            where s.name like 'history-%' and k.done is not null""";

    private static final String STEPS = """
            insert into provisioning_step (job_id, ordinal, layer, name, status, attempts, started_at, finished_at, error)
            select j.id, p.ordinal, p.layer, p.name,
                   case when j.status = 'SUCCEEDED' or p.ordinal < 4 then 'SUCCEEDED'
                        when p.ordinal = 4 then 'FAILED' else 'PENDING' end,
                   1, j.started_at, j.finished_at, case when j.status = 'FAILED' and p.ordinal = 4 then 'Simulated failure' end
            from provisioning_job j
            join sandbox s on s.id = j.sandbox_id and s.name like 'history-%'
            -- the steps of ProvisioningPlan, so history reads like the jobs the worker runs
            join (values ('PROVISION', 1, 'global', 'dns-record'), ('PROVISION', 2, 'global', 'workload-role'),
                         ('PROVISION', 3, 'region-core', 'cluster-access'), ('PROVISION', 4, 'region-platform', 'namespace'),
                         ('PROVISION', 5, 'region-platform', 'resource-quota'), ('PROVISION', 6, 'region-platform', 'limit-range'),
                         ('PROVISION', 7, 'region-platform', 'network-policy'), ('PROVISION', 8, 'region-platform', 'role-binding'),
                         ('PROVISION', 9, 'region-platform', 'secrets'),
                         ('EXTEND', 1, 'region-core', 'cluster-access'), ('EXTEND', 2, 'region-platform', 'expiry-label'),
                         ('TEARDOWN', 1, 'region-core', 'cluster-access'), ('TEARDOWN', 2, 'region-platform', 'secrets'),
                         ('TEARDOWN', 3, 'region-platform', 'namespace'), ('TEARDOWN', 4, 'global', 'workload-role'),
                         ('TEARDOWN', 5, 'global', 'dns-record'), ('TEARDOWN', 6, 'global', 'verify-gone'))
                 as p(kind, ordinal, layer, name) on p.kind = j.kind""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final UserService users;
    private final UsageService usage;
    private final String issuer;
    private final boolean enabled;

    DemoHistory(JdbcTemplate jdbc, TransactionTemplate tx, UserService users, UsageService usage,
            @Value("${portal.local.idp-issuer:}") String issuer,
            LocalModeProperties local) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.users = users;
        this.usage = usage;
        this.issuer = issuer;
        this.enabled = local.demoHistory();
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(10)
    void seed() {
        if (!enabled || issuer.isBlank()) {
            return;
        }
        Integer past = jdbc.queryForObject("select count(*) from booking where starts_at < now() - interval '1 day'",
                Integer.class);
        if (past != null && past > 0) {
            return;
        }
        for (Person p : PEOPLE) {
            users.signIn(new MappedIdentity(issuer, p.username(), p.email(), p.name(), Set.of(p.role()),
                    p.organisation()));
        }
        int[] counts = tx.execute(status -> {
            // the demo environments were just created; their history needs them to have existed
            // (utilisation counts no day before an environment's creation)
            jdbc.update("update shared_environment set created_at = least(created_at, now() - interval '46 days')");
            int bookings = jdbc.update(BOOKINGS, issuer);
            int waitlist = jdbc.update(WAITLIST);
            Integer templates = jdbc.queryForObject("select count(*) from sandbox_template", Integer.class);
            int sandboxes = templates == null || templates == 0 ? 0 : jdbc.update(SANDBOXES, issuer, issuer);
            if (sandboxes > 0) {
                jdbc.update(JOBS);
                jdbc.update(STEPS);
            }
            return new int[] {bookings, waitlist, sandboxes};
        });
        int rolled = SystemTask.run("local-demo-history", List.of("ADMIN"), usage::refreshRollupCompletely);
        log.info("Seeded demo history: {} bookings, {} waitlist hand-offs, {} sandboxes{}; {} days rolled up",
                counts[0], counts[1], counts[2],
                counts[2] == 0 ? " (no sandbox templates yet, so no sandbox history)" : "", rolled);
    }
}
