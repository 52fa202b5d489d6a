package dev.demoportal.audit;

import dev.demoportal.base.AuditableEvent;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes every {@link AuditableEvent} to the trail. It listens synchronously and joins the
 * publisher's transaction: if the change rolls back, so does its record, and a change cannot
 * commit without one.
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
    @Transactional(propagation = Propagation.MANDATORY)
    void on(AuditableEvent event) {
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
