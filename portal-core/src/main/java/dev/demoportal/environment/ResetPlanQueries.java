package dev.demoportal.environment;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The reset plan column of {@code shared_environment} (jsonb, which the entity does not map). */
@Component
class ResetPlanQueries {

    private final JdbcClient jdbc;

    ResetPlanQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the environment does not exist; a present null when it has no plan. */
    Optional<Optional<String>> plan(UUID environmentId) {
        return jdbc.sql("select reset_plan::text as plan from shared_environment where id = ?")
                .param(environmentId)
                .query((rs, n) -> Optional.ofNullable(rs.getString("plan")))
                .optional();
    }

    void store(UUID environmentId, @Nullable String json) {
        jdbc.sql("update shared_environment set reset_plan = ?::jsonb where id = ?")
                .params(json, environmentId)
                .update();
    }
}
