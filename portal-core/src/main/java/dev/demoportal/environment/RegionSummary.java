package dev.demoportal.environment;

/** A region as views and the API show it. */
public record RegionSummary(String code, String name, String awsRegion, String timeZone, long version) {}
