/**
 * Provisioning jobs and the layer SPI: what the sandbox feature asks for, what the worker carries
 * out step by step across the layers global, region-core and region-platform.
 */
@NullMarked
package dev.demoportal.provisioning;

import org.jspecify.annotations.NullMarked;
