package dev.demoportal.booking;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The NOTIFY that tells every replica's open boards an environment's bookings changed. */
@Component
class BoardQueries {

    private final JdbcClient jdbc;

    BoardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** NOTIFY on {@code channel} with the environment id; PostgreSQL delivers it when the transaction commits. */
    void announce(String channel, UUID environmentId) {
        jdbc.sql("select pg_notify(?, ?)")
                .param(channel)
                .param(environmentId.toString())
                .query()
                .singleRow();
    }
}
