package dev.demoportal.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Sandbox rows for tests of the provisioning jobs, written straight into the schema: the worker's
 * tests need a sandbox to hang jobs on, not the sandbox lifecycle that normally makes them.
 */
public final class SandboxRows {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final DataSource dataSource;
    private UUID organisationId;
    private UUID userId;
    private UUID templateId;

    public SandboxRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A sandbox in state APPROVED in {@code region}; returns its id. Its name is {@code name}. */
    public UUID approvedSandbox(String name, String region) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            ensureOwners(c);
            UUID id = UUID.randomUUID();
            Timestamp now = Timestamp.from(Instant.parse("2026-03-02T09:00:00Z"));
            try (PreparedStatement s = c.prepareStatement("""
                    insert into sandbox (id, name, template_id, region_code, organisation_id, requested_by, requested_at,
                        lifetime_hours, use_case, status, decided_by_policy, decided_at, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, 24, 'test', 'APPROVED', true, ?, ?, ?)""")) {
                s.setObject(1, id);
                s.setString(2, name);
                s.setObject(3, templateId);
                s.setString(4, region);
                s.setObject(5, organisationId);
                s.setObject(6, userId);
                s.setTimestamp(7, now);
                s.setTimestamp(8, now);
                s.setTimestamp(9, now);
                s.setTimestamp(10, now);
                s.executeUpdate();
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ensureOwners(Connection c) throws SQLException {
        if (templateId != null) {
            return;
        }
        int n = COUNTER.incrementAndGet();
        Timestamp now = Timestamp.from(Instant.parse("2026-03-02T09:00:00Z"));
        organisationId = UUID.randomUUID();
        userId = UUID.randomUUID();
        templateId = UUID.randomUUID();
        try (PreparedStatement s = c.prepareStatement(
                "insert into organisation (id, slug, name, created_at, updated_at) values (?, ?, ?, ?, ?)")) {
            s.setObject(1, organisationId);
            s.setString(2, "sandbox-org-" + n);
            s.setString(3, "Sandbox Org " + n + " " + organisationId);
            s.setTimestamp(4, now);
            s.setTimestamp(5, now);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into portal_user (id, issuer, subject, display_name, roles, organisation_id, created_at, last_login_at)
                values (?, 'https://idp.example', ?, 'Sandbox Owner', '{CUSTOMER}', ?, ?, ?)""")) {
            s.setObject(1, userId);
            s.setString(2, "owner-" + userId);
            s.setObject(3, organisationId);
            s.setTimestamp(4, now);
            s.setTimestamp(5, now);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into sandbox_template (id, slug, name, description, default_lifetime_hours, max_lifetime_hours,
                    organisation_quota, created_at, updated_at)
                values (?, ?, ?, 'test template', 24, 168, 1000, ?, ?)""")) {
            s.setObject(1, templateId);
            s.setString(2, "template-" + n + "-" + templateId.toString().substring(0, 8));
            s.setString(3, "Template " + n + " " + templateId);
            s.setTimestamp(4, now);
            s.setTimestamp(5, now);
            s.executeUpdate();
        }
    }
}
