package dev.demoportal.base;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transaction templates the booking and sandbox services run their work in. They demarcate
 * transactions in code rather than with {@code @Transactional} because one call often makes several
 * (a retry per lost race, one per row of a sweep), and some run from after-commit listeners, where
 * only a transaction of its own commits.
 *
 * <p>They run on the application's transaction manager (JPA's), except {@link #ownPlainSql}: a hot
 * path that is plain SQL only may run on the connection alone and skip opening, flushing and
 * closing a Hibernate session it would not use.
 */
public final class Transactions {

    private Transactions() {}

    /** A transaction of its own: commits (or rolls back) on its own, whatever the caller runs in. */
    public static TransactionTemplate own(PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return tx;
    }

    /**
     * A transaction of its own on a JDBC connection of {@code dataSource} (the one JPA uses), with no
     * Hibernate session: for work that is nothing but SQL through {@code JdbcClient}/{@code
     * JdbcTemplate} on that data source, including what its synchronous listeners write that way
     * (the audit trail), which joins it as it joins a JPA transaction. Entities cannot join it: a
     * repository call inside fails (JPA finds the connection taken) rather than run in a
     * transaction of its own. Its before- and after-commit listeners run as usual.
     */
    public static TransactionTemplate ownPlainSql(DataSource dataSource) {
        TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
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
