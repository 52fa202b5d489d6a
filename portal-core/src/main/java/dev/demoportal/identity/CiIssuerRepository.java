package dev.demoportal.identity;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CiIssuerRepository extends JpaRepository<CiIssuer, UUID> {

    List<CiIssuer> findAllByOrderByName();

    boolean existsByIssuer(String issuer);

    boolean existsByNameIgnoreCase(String name);
}
