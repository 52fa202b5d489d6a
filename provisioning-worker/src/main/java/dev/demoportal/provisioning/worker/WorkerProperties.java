package dev.demoportal.provisioning.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The provisioning worker.
 *
 * @param embedded run the worker inside the portal process (local mode); production runs it as its
 *     own deployment and leaves this off
 */
@ConfigurationProperties("portal.worker")
public record WorkerProperties(@DefaultValue("false") boolean embedded) {}
