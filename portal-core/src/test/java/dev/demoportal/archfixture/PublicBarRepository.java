package dev.demoportal.archfixture;

import jakarta.persistence.EntityManager;

/** Breaks the visibility rule: a repository other features could call. */
public class PublicBarRepository {

    private final EntityManager entityManager;

    public PublicBarRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public long count() {
        return entityManager
                .createQuery("select count(b) from Bar b", Long.class)
                .getSingleResult();
    }
}
