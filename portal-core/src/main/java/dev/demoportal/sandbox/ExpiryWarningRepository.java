package dev.demoportal.sandbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes {@code sandbox_expiry_warning}: which warning went out for which expiry. */
@Component
class ExpiryWarningRepository {

    private final JdbcClient jdbc;

    ExpiryWarningRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the warning {@code lead} before {@code expiry} as sent; false if it already was. */
    boolean markSent(UUID sandboxId, Instant expiry, Duration lead, Instant now) {
        return jdbc.sql("""
                        insert into sandbox_expiry_warning (sandbox_id, expires_at, lead_minutes, sent_at)
                        values (?, ?, ?, ?) on conflict do nothing""")
                        .params(sandboxId, Timestamp.from(expiry), (int) lead.toMinutes(), Timestamp.from(now))
                        .update()
                == 1;
    }
}
