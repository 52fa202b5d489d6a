package dev.demoportal;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * portal-core has no application of its own; integration tests and benchmarks boot the core
 * features through this one.
 */
@SpringBootApplication
public class CoreTestApplication {}
