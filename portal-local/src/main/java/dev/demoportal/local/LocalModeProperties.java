package dev.demoportal.local;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Local mode.
 *
 * @param enabled run in local mode (set by the {@code local} profile); never in production
 * @param dataDirectory where embedded PostgreSQL keeps its data between runs
 * @param idpPort port of the in-process OIDC provider; 0 picks a free one
 * @param idpEnabled start the in-process OIDC provider (off when local mode should use a real IdP)
 * @param demoData seed regions' demo environments when the database has none
 * @param demoHistory seed six weeks of booking and sandbox history for the dashboards, once, when
 *     there is no booking older than a day
 */
@ConfigurationProperties("portal.local")
public record LocalModeProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue(".local/postgres") Path dataDirectory,
        @DefaultValue("9000") int idpPort,
        @DefaultValue("true") boolean idpEnabled,
        @DefaultValue("true") boolean demoData,
        @DefaultValue("false") boolean demoHistory) {}
