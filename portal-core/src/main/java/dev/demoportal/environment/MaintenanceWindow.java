package dev.demoportal.environment;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "maintenance_window")
class MaintenanceWindow {

    @Id
    private UUID id;

    private UUID environmentId;

    private Instant startsAt;

    private Instant endsAt;

    private String reason;

    private Instant createdAt;

    protected MaintenanceWindow() {
        this(new UUID(0, 0), Instant.EPOCH, Instant.EPOCH, "", Instant.EPOCH);
    }

    MaintenanceWindow(UUID environmentId, Instant startsAt, Instant endsAt, String reason, Instant now) {
        this.id = UUID.randomUUID();
        this.environmentId = environmentId;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.reason = reason;
        this.createdAt = now;
    }

    MaintenanceWindowSummary toView() {
        return new MaintenanceWindowSummary(id, environmentId, startsAt, endsAt, reason);
    }
}
