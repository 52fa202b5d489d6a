package dev.demoportal.base;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transaction templates the booking and sandbox services run their work in. They demarcate
 * transactions in code rather than with {@code @Transactional} because one call often makes several
 * (a retry per lost race, one per row of a sweep), and some run from after-commit listeners, where
 * only a transaction of its own commits.
 */
public final class Transactions {

    private Transactions() {}

    /** A transaction of its own: commits (or rolls back) on its own, whatever the caller runs in. */
    public static TransactionTemplate own(PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return tx;
    }

    /** A read-only transaction of its own (also safe from after-commit listeners). */
    public static TransactionTemplate ownReadOnly(PlatformTransactionManager transactions) {
        TransactionTemplate tx = own(transactions);
        tx.setReadOnly(true);
        return tx;
    }

    /** Reads in the caller's transaction if there is one, else in a read-only one. */
    public static TransactionTemplate readOnly(PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setReadOnly(true);
        return tx;
    }

    /** Joins the caller's transaction if there is one, else starts one. */
    public static TransactionTemplate joining(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }
}
