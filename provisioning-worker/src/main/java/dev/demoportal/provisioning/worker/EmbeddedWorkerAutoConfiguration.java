package dev.demoportal.provisioning.worker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Import;

/** Runs the worker inside the portal process when {@code portal.worker.embedded=true} (local mode). */
@AutoConfiguration
@ConditionalOnProperty(name = "portal.worker.embedded", havingValue = "true")
@Import(WorkerConfiguration.class)
public class EmbeddedWorkerAutoConfiguration {}
