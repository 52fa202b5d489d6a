package dev.demoportal.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Inserts history rows with plain SQL for read-side tests (dashboards, exports): bookings in the
 * past, sandboxes in any state, provisioning jobs and steps, audit events. The write side's
 * services cannot make history (they refuse the past), and the read side must not depend on them;
 * the schema's constraints still check every row.
 */
public final class UsageRows {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final DataSource dataSource;

    public UsageRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A sandbox's history; null instants are steps it never reached. */
    public record SandboxHistory(
            String status,
            Instant requestedAt,
            Instant decidedAt,
            UUID decidedBy,
            boolean byPolicy,
            Instant readyAt,
            Instant expiresAt,
            int extensions,
            Instant tornDownAt,
            Instant failedAt) {

        public static SandboxHistory requested(Instant at) {
            return new SandboxHistory("REQUESTED", at, null, null, false, null, null, 0, null, null);
        }

        public SandboxHistory decided(Instant at, UUID by, String status) {
            return new SandboxHistory(
                    status, requestedAt, at, by, false, readyAt, expiresAt, extensions, tornDownAt, failedAt);
        }

        public SandboxHistory autoApproved(Instant at) {
            return new SandboxHistory(
                    "APPROVED", requestedAt, at, null, true, readyAt, expiresAt, extensions, tornDownAt, failedAt);
        }

        public SandboxHistory ready(Instant at, Instant expires) {
            return new SandboxHistory(
                    "READY",
                    requestedAt,
                    decidedAt,
                    decidedBy,
                    byPolicy,
                    at,
                    expires,
                    extensions,
                    tornDownAt,
                    failedAt);
        }

        public SandboxHistory extended(int times) {
            return new SandboxHistory(
                    status,
                    requestedAt,
                    decidedAt,
                    decidedBy,
                    byPolicy,
                    readyAt,
                    expiresAt,
                    times,
                    tornDownAt,
                    failedAt);
        }

        public SandboxHistory tornDown(Instant at) {
            return new SandboxHistory(
                    "TORN_DOWN",
                    requestedAt,
                    decidedAt,
                    decidedBy,
                    byPolicy,
                    readyAt,
                    expiresAt,
                    extensions,
                    at,
                    failedAt);
        }

        public SandboxHistory failed(Instant at) {
            return new SandboxHistory(
                    "FAILED",
                    requestedAt,
                    decidedAt,
                    decidedBy,
                    byPolicy,
                    readyAt,
                    expiresAt,
                    extensions,
                    tornDownAt,
                    at);
        }
    }

    public UUID user(String name, String role, UUID organisation) {
        UUID id = UUID.randomUUID();
        exec(
                "insert into portal_user (id, issuer, subject, email, display_name, roles, organisation_id, created_at,"
                        + " last_login_at) values (?, 'https://fixtures', ?, ?, ?, array[?]::text[], ?, now(), now())",
                id,
                "sub-" + id,
                "u" + COUNTER.incrementAndGet() + "@example.com",
                name,
                role,
                organisation);
        return id;
    }

    public UUID organisation(String name) {
        UUID id = UUID.randomUUID();
        exec(
                "insert into organisation (id, slug, name, created_at, updated_at) values (?, ?, ?, now(), now())",
                id,
                "org-" + COUNTER.incrementAndGet(),
                name);
        return id;
    }

    public UUID environment(String slug, String region, int slots, Instant createdAt) {
        UUID id = UUID.randomUUID();
        exec(
                "insert into shared_environment (id, slug, name, region_code, tenant_slots, status, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, 'AVAILABLE', ?, ?)",
                id,
                slug,
                "Env " + slug,
                region,
                slots,
                utc(createdAt),
                utc(createdAt));
        return id;
    }

    public void maintenance(UUID environment, Instant start, Instant end) {
        exec(
                "insert into maintenance_window (environment_id, starts_at, ends_at, reason, created_at)"
                        + " values (?, ?, ?, 'fixture', ?)",
                environment,
                utc(start),
                utc(end),
                utc(start));
    }

    /** A booking held for {@code [start, end)}; {@code status} as stored (BOOKED, RELEASED, CANCELLED, NO_SHOW). */
    public UUID booking(
            UUID environment, int slot, UUID holder, Instant start, Instant end, String status, String customer) {
        UUID id = UUID.randomUUID();
        exec(
                "insert into booking (id, environment_id, slot_no, holder_id, starts_at, ends_at, booked_until, status,"
                        + " purpose, customer, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'fixture', ?, ?, ?)",
                id,
                environment,
                slot,
                holder,
                utc(start),
                utc(end),
                utc(end),
                status,
                customer,
                utc(start.minusSeconds(86_400)),
                utc(start));
        return id;
    }

    public UUID waitlist(UUID environment, UUID user, Instant createdAt, String status, UUID booking) {
        UUID id = UUID.randomUUID();
        exec(
                "insert into waitlist_entry (id, environment_id, user_id, window_start, window_end, minutes, purpose,"
                        + " status, booking_id, created_at, updated_at) values (?, ?, ?, ?, ?, 60, 'fixture', ?, ?, ?, ?)",
                id,
                environment,
                user,
                utc(createdAt),
                utc(createdAt.plusSeconds(86_400)),
                status,
                booking,
                utc(createdAt),
                utc(createdAt));
        return id;
    }

    /** Sets when a granted booking was made (the end of its waitlist entry's wait). */
    public void bookingCreatedAt(UUID booking, Instant at) {
        exec("update booking set created_at = ? where id = ?", utc(at), booking);
    }

    public UUID template(String slug) {
        UUID id = UUID.randomUUID();
        exec(
                "insert into sandbox_template (id, slug, name, description, default_lifetime_hours, max_lifetime_hours,"
                        + " organisation_quota, created_at, updated_at) values (?, ?, ?, 'fixture', 24, 168, 10, now(), now())",
                id,
                slug,
                "Template " + slug);
        return id;
    }

    public UUID sandbox(UUID template, String region, UUID organisation, UUID requestedBy, SandboxHistory h) {
        UUID id = UUID.randomUUID();
        exec(
                "insert into sandbox (id, name, template_id, region_code, organisation_id, requested_by, requested_at,"
                        + " lifetime_hours, use_case, status, decided_by, decided_by_policy, decided_at, ready_at, expires_at,"
                        + " extension_count, torn_down_at, failed_at, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, 24, 'fixture', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                "sb-" + COUNTER.incrementAndGet(),
                template,
                region,
                organisation,
                requestedBy,
                utc(h.requestedAt()),
                h.status(),
                h.decidedBy(),
                h.byPolicy(),
                utc(h.decidedAt()),
                utc(h.readyAt()),
                utc(h.expiresAt()),
                h.extensions(),
                utc(h.tornDownAt()),
                utc(h.failedAt()),
                utc(h.requestedAt()),
                utc(h.requestedAt()));
        return id;
    }

    /** A finished job (SUCCEEDED or FAILED) created at {@code created}. */
    public UUID job(
            UUID sandbox, String kind, String status, String region, Instant created, Instant finished, String error) {
        UUID id = UUID.randomUUID();
        exec(
                "insert into provisioning_job (id, sandbox_id, kind, status, region_code, spec, created_at, started_at,"
                        + " finished_at, error_message) values (?, ?, ?, ?, ?, '{}', ?, ?, ?, ?)",
                id,
                sandbox,
                kind,
                status,
                region,
                utc(created),
                utc(created),
                utc(finished),
                error);
        return id;
    }

    public void step(UUID job, int ordinal, String layer, String name, String status) {
        exec(
                "insert into provisioning_step (job_id, ordinal, layer, name, status, attempts) values (?, ?, ?, ?, ?, 1)",
                job,
                ordinal,
                layer,
                name,
                status);
    }

    public void audit(
            Instant at,
            String actor,
            String action,
            String targetType,
            String targetId,
            UUID organisation,
            String detailsJson) {
        exec(
                "insert into audit_event (occurred_at, actor_name, action, target_type, target_id, organisation_id,"
                        + " details) values (?, ?, ?, ?, ?, ?, ?::jsonb)",
                utc(at),
                actor,
                action,
                targetType,
                targetId,
                organisation,
                detailsJson == null ? "{}" : detailsJson);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private void exec(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Fixture insert failed: " + e.getMessage(), e);
        }
    }
}
