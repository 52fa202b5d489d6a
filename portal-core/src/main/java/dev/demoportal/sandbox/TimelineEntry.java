package dev.demoportal.sandbox;

import java.time.Instant;
import java.util.Map;

/** One thing that happened to a sandbox, from the audit trail: who, when, what. */
public record TimelineEntry(Instant at, String actor, String action, String label, Map<String, Object> details) {}
