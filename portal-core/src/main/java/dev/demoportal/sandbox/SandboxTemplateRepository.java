package dev.demoportal.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface SandboxTemplateRepository extends JpaRepository<SandboxTemplate, UUID> {

    Optional<SandboxTemplate> findBySlug(String slug);

    List<SandboxTemplate> findAllByOrderByName();

    List<SandboxTemplate> findByActiveTrueOrderByName();
}
