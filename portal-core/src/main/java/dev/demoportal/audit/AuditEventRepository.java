package dev.demoportal.audit;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {

    List<AuditEvent> findByTargetTypeAndTargetIdOrderByIdDesc(String targetType, String targetId, Pageable page);

    List<AuditEvent> findByTargetTypeAndTargetIdOrderByIdAsc(String targetType, String targetId);

    List<AuditEvent> findAllByOrderByIdDesc(Pageable page);
}
