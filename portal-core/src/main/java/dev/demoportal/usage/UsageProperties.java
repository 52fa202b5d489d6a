package dev.demoportal.usage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the usage read side.
 *
 * @param rollupInterval how often the worker rolls closed days into the daily utilisation rollup
 * @param rollupBatchDays at most this many days per environment are rolled up in one run (catching
 *     up after a long pause takes several runs, each a short transaction)
 */
@ConfigurationProperties("portal.usage")
public record UsageProperties(
        @DefaultValue("15m") Duration rollupInterval,
        @DefaultValue("62") int rollupBatchDays) {}
