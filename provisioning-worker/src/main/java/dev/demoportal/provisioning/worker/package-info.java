/** The provisioning worker: runs durable jobs from PostgreSQL; standalone, or embedded in local mode. */
@NullMarked
package dev.demoportal.provisioning.worker;

import org.jspecify.annotations.NullMarked;
