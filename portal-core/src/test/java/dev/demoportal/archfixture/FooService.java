package dev.demoportal.archfixture;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Breaks the SQL rule: a service that runs SQL itself instead of through a repository. */
public class FooService {

    private final JdbcClient jdbc;

    public FooService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int count() {
        return jdbc.sql("select count(*) from foo").query(Integer.class).single();
    }
}
