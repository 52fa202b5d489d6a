package dev.demoportal.archfixture;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Keeps the rules: SQL in a package-private *Queries class. */
class FooQueries {

    private final JdbcClient jdbc;

    FooQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int count() {
        return jdbc.sql("select count(*) from foo").query(Integer.class).single();
    }
}
