package dev.demoportal.audit;

import dev.demoportal.base.AuditableEvent;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes every {@link AuditableEvent} to the trail. It listens synchronously and joins the
 * publisher's transaction: if the change rolls back, so does its record, and a change cannot
 * commit without one. The record is plain SQL on the transaction's connection, so it joins a JPA
 * transaction and a plain-JDBC one ({@code Transactions.ownPlainSql}) alike; an event published
 * outside any transaction is refused (what {@code @Transactional(MANDATORY)} did, which only sees
 * JPA's).
 */
@Component
class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditQueries trail;
    private final Clock clock;

    AuditTrail(AuditQueries trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @EventListener
    void on(AuditableEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "An audited change must be published inside its transaction: " + event.action());
        }
        Map<String, Object> details = new TreeMap<>(event.details());
        trail.append(
                clock.instant(),
                event.actor().userId(),
                event.actor().name(),
                event.action(),
                event.targetType(),
                event.targetId(),
                event.organisationId(),
                details);
        log.debug(
                "audit {} {}:{} by {}",
                event.action(),
                event.targetType(),
                event.targetId(),
                event.actor().name());
    }
}
