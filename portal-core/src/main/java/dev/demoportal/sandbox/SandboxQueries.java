package dev.demoportal.sandbox;

import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The sandbox list's filtered, paged query, and the NOTIFY that tells open pages a sandbox changed. */
@Component
class SandboxQueries {

    /**
     * What to match; {@code none} matches nothing (a customer without an organisation). An id that
     * names nothing (an unknown organisation or template) matches nothing too.
     */
    record Where(
            boolean none,
            @Nullable UUID organisationId,
            @Nullable SandboxStatus status,
            @Nullable String region,
            @Nullable UUID templateId,
            @Nullable Instant readyAndExpiringBy) {}

    private final SandboxRepository sandboxes;
    private final JdbcClient jdbc;

    SandboxQueries(SandboxRepository sandboxes, JdbcClient jdbc) {
        this.sandboxes = sandboxes;
        this.jdbc = jdbc;
    }

    /** NOTIFY on {@code channel} with the sandbox id; PostgreSQL delivers it when the transaction commits. */
    void announce(String channel, UUID sandboxId) {
        jdbc.sql("select pg_notify(?, ?)")
                .param(channel)
                .param(sandboxId.toString())
                .query()
                .singleRow();
    }

    /** One page, newest request first. */
    List<Sandbox> page(Where where, int offset, int limit) {
        return sandboxes
                .findAll(
                        specification(where),
                        PageRequest.of(
                                offset / Math.max(1, limit),
                                Math.max(1, limit),
                                Sort.by(Sort.Direction.DESC, "requestedAt")))
                .getContent();
    }

    long count(Where where) {
        return sandboxes.count(specification(where));
    }

    private static Specification<Sandbox> specification(Where w) {
        if (w.none()) {
            return (root, query, cb) -> cb.disjunction();
        }
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (w.organisationId() != null) {
                where.add(cb.equal(root.get("organisationId"), w.organisationId()));
            }
            if (w.status() != null) {
                where.add(cb.equal(root.get("status"), w.status()));
            }
            if (w.region() != null) {
                where.add(cb.equal(root.get("regionCode"), w.region()));
            }
            if (w.templateId() != null) {
                where.add(cb.equal(root.get("templateId"), w.templateId()));
            }
            if (w.readyAndExpiringBy() != null) {
                where.add(cb.equal(root.get("status"), SandboxStatus.READY));
                where.add(cb.lessThanOrEqualTo(root.get("expiresAt"), w.readyAndExpiringBy()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
