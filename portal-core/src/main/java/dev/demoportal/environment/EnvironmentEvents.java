package dev.demoportal.environment;

import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import java.util.Map;

/** Domain events of the environment feature. */
public final class EnvironmentEvents {

    private EnvironmentEvents() {}

    public record RegionCreated(Actor actor, RegionSummary region) implements AuditableEvent {
        @Override
        public String action() {
            return "region.created";
        }

        @Override
        public String targetType() {
            return "region";
        }

        @Override
        public String targetId() {
            return region.code();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("name", region.name(), "awsRegion", region.awsRegion(), "timeZone", region.timeZone());
        }
    }

    public record RegionUpdated(Actor actor, RegionSummary region, Map<String, Object> changes)
            implements AuditableEvent {
        @Override
        public String action() {
            return "region.updated";
        }

        @Override
        public String targetType() {
            return "region";
        }

        @Override
        public String targetId() {
            return region.code();
        }

        @Override
        public Map<String, Object> details() {
            return changes;
        }
    }

    public record EnvironmentCreated(Actor actor, EnvironmentSummary environment) implements AuditableEvent {
        @Override
        public String action() {
            return "environment.created";
        }

        @Override
        public String targetType() {
            return "environment";
        }

        @Override
        public String targetId() {
            return environment.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of(
                    "slug",
                    environment.slug(),
                    "name",
                    environment.name(),
                    "region",
                    environment.region().code(),
                    "tenantSlots",
                    environment.tenantSlots(),
                    "status",
                    environment.status().name());
        }
    }

    public record EnvironmentUpdated(Actor actor, EnvironmentSummary environment, Map<String, Object> changes)
            implements AuditableEvent {
        @Override
        public String action() {
            return "environment.updated";
        }

        @Override
        public String targetType() {
            return "environment";
        }

        @Override
        public String targetId() {
            return environment.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return changes;
        }
    }

    public record BookingRulesChanged(Actor actor, EnvironmentSummary environment, Map<String, Object> changes)
            implements AuditableEvent {
        @Override
        public String action() {
            return "environment.booking_rules_changed";
        }

        @Override
        public String targetType() {
            return "environment";
        }

        @Override
        public String targetId() {
            return environment.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return changes;
        }
    }

    public record AccessSettingsChanged(Actor actor, EnvironmentSummary environment, Map<String, Object> changes)
            implements AuditableEvent {
        @Override
        public String action() {
            return "environment.access_settings_changed";
        }

        @Override
        public String targetType() {
            return "environment";
        }

        @Override
        public String targetId() {
            return environment.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return changes;
        }
    }

    public record MaintenanceScheduled(Actor actor, EnvironmentSummary environment, MaintenanceWindowSummary window)
            implements AuditableEvent {
        @Override
        public String action() {
            return "environment.maintenance_scheduled";
        }

        @Override
        public String targetType() {
            return "environment";
        }

        @Override
        public String targetId() {
            return environment.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of(
                    "window",
                    window.id().toString(),
                    "start",
                    window.start().toString(),
                    "end",
                    window.end().toString(),
                    "reason",
                    window.reason());
        }
    }

    public record MaintenanceCancelled(Actor actor, EnvironmentSummary environment, MaintenanceWindowSummary window)
            implements AuditableEvent {
        @Override
        public String action() {
            return "environment.maintenance_cancelled";
        }

        @Override
        public String targetType() {
            return "environment";
        }

        @Override
        public String targetId() {
            return environment.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of(
                    "window",
                    window.id().toString(),
                    "start",
                    window.start().toString(),
                    "end",
                    window.end().toString());
        }
    }

    public record DeploymentReported(Actor actor, EnvironmentSummary environment, DeploymentSummary deployment)
            implements AuditableEvent {
        @Override
        public String action() {
            return "environment.deployment_reported";
        }

        @Override
        public String targetType() {
            return "environment";
        }

        @Override
        public String targetId() {
            return environment.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("slug", environment.slug());
            if (deployment.slot() != null) {
                details.put("slot", deployment.slot());
            }
            details.put("version", deployment.version());
            if (deployment.commit() != null) {
                details.put("commit", deployment.commit());
            }
            if (deployment.pipelineUrl() != null) {
                details.put("pipelineUrl", deployment.pipelineUrl());
            }
            details.put("status", deployment.status().name());
            details.put("at", deployment.at().toString());
            return details;
        }
    }
}
