package dev.demoportal.identity;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CiIdentityRuleRepository extends JpaRepository<CiIdentityRule, UUID> {

    List<CiIdentityRule> findAllByOrderByCreatedAt();
}
