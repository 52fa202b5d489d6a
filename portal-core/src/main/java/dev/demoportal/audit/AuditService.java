package dev.demoportal.audit;

import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the trail. Writing happens only through domain events (see {@link AuditTrail}). */
@Service
@Transactional(readOnly = true)
public class AuditService {

    private final AuditEventRepository events;

    AuditService(AuditEventRepository events) {
        this.events = events;
    }

    /** The newest entries about one thing, newest first. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public List<AuditEntry> historyOf(String targetType, String targetId, int limit) {
        return events.findByTargetTypeAndTargetIdOrderByIdDesc(targetType, targetId, PageRequest.of(0, limit))
                .stream().map(AuditEvent::toEntry).toList();
    }

    /** The newest entries overall, newest first. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public List<AuditEntry> latest(int limit) {
        return events.findAllByOrderByIdDesc(PageRequest.of(0, limit)).stream().map(AuditEvent::toEntry).toList();
    }
}
